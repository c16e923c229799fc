import {
  type FrameToHostMessage,
  type HostToFrameMessage,
  PROTOCOL_VERSION,
  parseHostMessage,
} from '@jumplink/shared/messages'

type InitMessage = Extract<HostToFrameMessage, { type: 'init' }>
type Outgoing = FrameToHostMessage extends infer M
  ? M extends { jumplink: 1 }
    ? Omit<M, 'jumplink'>
    : never
  : never

export interface FrameBridgeOptions {
  /** The embedding page's exact origin: the only one heard, the only one posted to. */
  parentOrigin: string
  /** The frame's own window, where messages arrive. */
  self: Pick<Window, 'addEventListener' | 'removeEventListener'>
  /** The embedding page's window. */
  parent: Pick<Window, 'postMessage'>
  /** How long to wait for a new token from the host, in ms. */
  tokenTimeout?: number
}

export interface FrameBridge {
  post(message: Outgoing): void
  /** Called with the host's `init` message, also if it arrived before subscribing. */
  onInit(listener: (message: InitMessage) => void): () => void
  onClose(listener: () => void): () => void
  /** Asks the host for a new link token; rejects if it gives none or the same one again. */
  requestToken(expired: string): Promise<string>
  destroy(): void
}

/** The hosted page's side of the postMessage protocol. */
export function createFrameBridge(options: FrameBridgeOptions): FrameBridge {
  const { parentOrigin, self, parent, tokenTimeout = 60_000 } = options
  let init: InitMessage | null = null
  const initListeners = new Set<(message: InitMessage) => void>()
  const closeListeners = new Set<() => void>()
  let waiting: ((token: string | null) => void) | null = null

  function onMessage(event: MessageEvent) {
    if (event.origin !== parentOrigin || event.source !== parent) return
    const message = parseHostMessage(event.data)
    if (!message) return
    if (message.type === 'init') {
      if (init) return
      init = message
      for (const listener of initListeners) listener(message)
    } else if (message.type === 'token') {
      waiting?.(message.linkToken)
    } else {
      for (const listener of closeListeners) listener()
    }
  }
  self.addEventListener('message', onMessage as EventListener)

  const bridge: FrameBridge = {
    post(message) {
      parent.postMessage({ jumplink: PROTOCOL_VERSION, ...message }, parentOrigin)
    },
    onInit(listener) {
      initListeners.add(listener)
      if (init) listener(init)
      return () => initListeners.delete(listener)
    },
    onClose(listener) {
      closeListeners.add(listener)
      return () => closeListeners.delete(listener)
    },
    requestToken(expired) {
      waiting?.(null)
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => settle(null), tokenTimeout)
        function settle(token: string | null) {
          clearTimeout(timer)
          waiting = null
          if (token && token !== expired) resolve(token)
          else reject(new Error('The host gave no new link token'))
        }
        waiting = settle
        bridge.post({ type: 'token_expired' })
      })
    },
    destroy() {
      self.removeEventListener('message', onMessage as EventListener)
      waiting?.(null)
      initListeners.clear()
      closeListeners.clear()
    },
  }
  return bridge
}
