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
  fetch?: typeof fetch
}

/** The hosted `/link` page: waits for the host's `init`, then runs the flow and reports back. */
export function HostedApp({ bridge, serverUrl, fetch }: HostedAppProps) {
  const [init, setInit] = useState<Init | null>(null)
  useEffect(() => bridge.onInit(setInit), [bridge])
  if (!init) return null
  return <HostedFlow bridge={bridge} serverUrl={serverUrl} fetch={fetch} init={init} />
}

function HostedFlow({ bridge, serverUrl, fetch, init }: HostedAppProps & { init: Init }) {
  const token = useRef(init.linkToken)
  const succeeded = useRef(false)
  const options: LinkControllerOptions = {
    serverUrl,
    fetch,
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
      locale={init.locale}
      onEnd={() => {
        // After success the admin pressed Done: tell the host to take the frame away.
        if (succeeded.current)
          bridge.post({ type: 'exit', data: { reason: 'user_closed', step: 'done' } })
      }}
    />
  )
}
