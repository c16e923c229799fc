import {
  type HostToFrameMessage,
  type LinkStep,
  PROTOCOL_VERSION,
  parseFrameMessage,
} from '@jumplink/shared/messages'
import { enEmbed } from '../copy/en'
import { inertOthers } from '../modal/inert-others'
import type { JumpLinkAppearance, JumpLinkCallbacks, LinkTokenSource } from '../types'

export type OpenJumpLinkOptions = LinkTokenSource &
  JumpLinkCallbacks &
  Omit<JumpLinkAppearance, 'nonce'> & {
    /** The link server; its `/link` page is opened in the frame. */
    serverUrl: string
    /** Where to put the frame; default `document.body`. */
    container?: HTMLElement
  }

export interface JumpLinkEmbed {
  /** Removes the frame; reports `user_closed` unless the flow already ended. */
  close(): void
}

type WithoutVersion<M> = M extends { jumplink: 1 } ? Omit<M, 'jumplink'> : never

const FRAME_STYLE: Partial<CSSStyleDeclaration> = {
  position: 'fixed',
  inset: '0',
  width: '100%',
  height: '100%',
  border: '0',
  margin: '0',
  padding: '0',
  zIndex: '2147483000',
  background: 'transparent',
  colorScheme: 'normal',
}

/**
 * Opens the hosted widget in a modal iframe, for pages without React. The link token goes to the
 * frame by postMessage once it says `ready`, never in the URL; only messages from the link
 * server's exact origin and from this frame are heard, and every post names that origin.
 * Styles are set through CSSOM, so no nonce is needed under a strict CSP.
 */
export function openJumpLink(options: OpenJumpLinkOptions): JumpLinkEmbed {
  const serverOrigin = new URL(options.serverUrl).origin
  const url = new URL('link', `${options.serverUrl.replace(/\/+$/, '')}/`)
  url.searchParams.set('origin', window.location.origin)
  if (options.locale) url.searchParams.set('locale', options.locale)

  const iframe = document.createElement('iframe')
  iframe.src = url.href
  iframe.title = enEmbed.frameTitle
  iframe.setAttribute('data-jumplink-frame', '')
  iframe.referrerPolicy = 'origin'
  Object.assign(iframe.style, FRAME_STYLE)

  const previousFocus = document.activeElement
  const overflow = document.body.style.overflow
  let step: LinkStep = 'consent'
  let outcome: 'success' | 'exit' | null = null
  let closed = false
  let token: Promise<string> | null = null
  let restoreInert = () => {}

  const getToken = (): Promise<string> => {
    token ??= options.linkToken
      ? Promise.resolve(options.linkToken)
      : Promise.resolve().then(() => options.fetchLinkToken?.() ?? Promise.reject())
    return token
  }

  const post = (message: WithoutVersion<HostToFrameMessage>) => {
    iframe.contentWindow?.postMessage({ jumplink: PROTOCOL_VERSION, ...message }, serverOrigin)
  }

  const exit = (data: Parameters<NonNullable<JumpLinkCallbacks['onExit']>>[0]) => {
    if (outcome) return
    outcome = 'exit'
    options.onExit?.(data)
  }

  function destroy() {
    if (closed) return
    closed = true
    window.removeEventListener('message', onMessage)
    restoreInert()
    iframe.remove()
    document.body.style.overflow = overflow
    if (previousFocus instanceof HTMLElement && previousFocus.isConnected) {
      previousFocus.focus({ preventScroll: true })
    }
  }

  function onMessage(event: MessageEvent) {
    if (event.origin !== serverOrigin || event.source !== iframe.contentWindow) return
    const message = parseFrameMessage(event.data)
    if (!message) return
    switch (message.type) {
      case 'ready':
        getToken().then(
          (linkToken) =>
            post({
              type: 'init',
              linkToken,
              ...(options.theme ? { theme: options.theme } : {}),
              ...(options.brandColor ? { brandColor: options.brandColor } : {}),
              ...(options.locale ? { locale: options.locale } : {}),
            }),
          () => {
            exit({
              reason: 'error',
              step,
              error: { code: 'missing_credentials', message: 'fetchLinkToken failed' },
            })
            destroy()
          },
        )
        return
      case 'token_expired': {
        // Without fetchLinkToken, the same token goes back and the frame reports the expiry.
        const next = options.fetchLinkToken
          ? Promise.resolve().then(options.fetchLinkToken)
          : getToken()
        next.then(
          (linkToken) => {
            token = Promise.resolve(linkToken)
            post({ type: 'token', linkToken })
          },
          () => post({ type: 'token', linkToken: '' }),
        )
        return
      }
      case 'event':
        if (message.name === 'step_view' && typeof message.metadata.step === 'string') {
          step = message.metadata.step as LinkStep
        }
        options.onEvent?.(message.name, message.metadata)
        return
      case 'success':
        if (outcome) return
        outcome = 'success'
        options.onSuccess(message.data)
        return
      case 'exit':
        exit(message.data)
        destroy()
        return
      case 'resize':
        return
    }
  }

  window.addEventListener('message', onMessage)
  ;(options.container ?? document.body).append(iframe)
  // The page behind the modal frame: no focus, no clicks, not read out, until the frame goes.
  restoreInert = inertOthers(iframe)
  document.body.style.overflow = 'hidden'
  iframe.focus()

  return {
    close() {
      if (closed) return
      exit({ reason: 'user_closed', step })
      destroy()
    },
  }
}
