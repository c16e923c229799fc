import type { HostToFrameMessage } from '@jumplink/shared/messages'
import { useEffect, useRef, useState } from 'react'
import type { FrameBridge } from '../bridge/frame-bridge'
import type { LinkControllerOptions } from '../core/link-controller'
import { useLinkController } from '../core/use-link-controller'
import { LinkFlow } from '../flow/LinkFlow'

type Init = Extract<HostToFrameMessage, { type: 'init' }>

export interface HostedAppProps {
  bridge: FrameBridge
  /** The link server, which serves this page: the API is same-origin. */
  serverUrl: string
  /** The origin framing this page (checked by the server against the session's host app). */
  frameOrigin?: string
  fetch?: typeof fetch
  /** The page's `?locale=`; the host's `init` may name another. */
  locale?: string | undefined
}

/** The hosted `/link` page: waits for the host's `init`, then runs the flow and reports back. */
export function HostedApp({ bridge, serverUrl, frameOrigin, fetch, locale }: HostedAppProps) {
  const [init, setInit] = useState<Init | null>(null)
  useEffect(() => bridge.onInit(setInit), [bridge])
  if (!init) return null
  return (
    <HostedFlow
      bridge={bridge}
      serverUrl={serverUrl}
      {...(frameOrigin ? { frameOrigin } : {})}
      fetch={fetch}
      init={init}
      locale={locale}
    />
  )
}

function HostedFlow({
  bridge,
  serverUrl,
  frameOrigin,
  fetch,
  init,
  locale,
}: HostedAppProps & { init: Init }) {
  const token = useRef(init.linkToken)
  const succeeded = useRef(false)
  const options: LinkControllerOptions = {
    serverUrl,
    fetch,
    ...(frameOrigin ? { frameOrigin } : {}),
    linkToken: init.linkToken,
    fetchLinkToken: async () => {
      token.current = await bridge.requestToken(token.current)
      return token.current
    },
    onSuccess: (data) => {
      succeeded.current = true
      bridge.post({ type: 'success', data })
    },
    onExit: (data) => bridge.post({ type: 'exit', data }),
    onEvent: (name, metadata) => bridge.post({ type: 'event', name, metadata }),
  }
  const controller = useLinkController(options)
  return (
    <LinkFlow
      controller={controller}
      presentation="modal"
      theme={init.theme}
      brandColor={init.brandColor}
      locale={init.locale ?? locale}
      onEnd={() => {
        // After success the admin pressed Done: tell the host to take the frame away.
        if (succeeded.current)
          bridge.post({ type: 'exit', data: { reason: 'user_closed', step: 'done' } })
      }}
    />
  )
}
