import { useLinkController } from './core/use-link-controller'
import { LinkFlow } from './flow/LinkFlow'
import { WidgetStyles } from './styles/WidgetStyles'
import type { JumpLinkOptions } from './types'

export type JumpLinkProps = JumpLinkOptions

/**
 * The connection flow, rendered in place in the host's page. For a modal opened from a button,
 * use `useJumpLink`.
 */
export function JumpLink(props: JumpLinkProps) {
  const controller = useLinkController(props)
  return (
    <LinkFlow
      controller={controller}
      presentation="inline"
      theme={props.theme}
      brandColor={props.brandColor}
      locale={props.locale}
      styles={(instance) => (
        <WidgetStyles instance={instance} brandColor={props.brandColor} nonce={props.nonce} />
      )}
    />
  )
}
