import type { LinkErrorData } from '@jumplink/shared/messages'
import { createElement, useCallback, useEffect, useRef, useState } from 'react'
import { useLinkController } from './core/use-link-controller'
import { LinkFlow } from './flow/LinkFlow'
import { createModalRoot, type ModalRoot } from './modal/modal-root'
import { WidgetStyles } from './styles/WidgetStyles'
import type { JumpLinkOptions } from './types'

export interface JumpLinkHandle {
  /** Opens the modal. Works at any time: before `ready` it shows a short loading state. */
  open: () => void
  /** Closes the modal as if the admin had closed it (`onExit` with `user_closed`). */
  exit: () => void
  /** The link session is loaded: `open()` shows the first step at once. */
  ready: boolean
  /** Why the session could not load, if it could not. */
  error: LinkErrorData | null
}

/**
 * The widget as a modal: call `open()` from a button. The session loads once in the background
 * (once under StrictMode too); every instance on a page is independent.
 */
export function useJumpLink(options: JumpLinkOptions): JumpLinkHandle {
  const controller = useLinkController(options)
  const optionsRef = useRef(options)
  optionsRef.current = options
  const [status, setStatus] = useState<{ ready: boolean; error: LinkErrorData | null }>({
    ready: false,
    error: null,
  })
  const modalRef = useRef<ModalRoot | null>(null)

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new token or server is a new session
  useEffect(() => {
    let live = true
    setStatus((s) => (s.ready || s.error ? { ready: false, error: null } : s))
    controller.session().then((result) => {
      if (!live) return
      setStatus(
        result.ok
          ? { ready: true, error: null }
          : { ready: false, error: { code: result.error.code, message: result.error.message } },
      )
    })
    return () => {
      live = false
    }
  }, [controller, options.linkToken, options.serverUrl])

  // The host unmounting the component while the modal is open ends the run like a close would:
  // the host hears onExit, not silence.
  useEffect(
    () => () => {
      if (modalRef.current?.isOpen) {
        controller.exit({ reason: 'user_closed', step: controller.step })
      }
      modalRef.current?.close()
      modalRef.current = null
    },
    [controller],
  )

  const open = useCallback(() => {
    modalRef.current ??= createModalRoot((close) => {
      const { theme, brandColor, locale, nonce } = optionsRef.current
      return createElement(LinkFlow, {
        controller,
        presentation: 'modal',
        theme,
        brandColor,
        locale,
        styles: (instance: string) => createElement(WidgetStyles, { instance, brandColor, nonce }),
        onEnd: close,
      })
    })
    modalRef.current.open()
  }, [controller])

  const exit = useCallback(() => {
    if (!modalRef.current?.isOpen) return
    controller.exit({ reason: 'user_closed', step: controller.step })
    modalRef.current.close()
  }, [controller])

  return { open, exit, ready: status.ready, error: status.error }
}
