import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import {
  createLinkController,
  type LinkController,
  type LinkControllerOptions,
} from './link-controller'

// useLayoutEffect warns during server rendering in React 18; nothing here runs on the server.
const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect

/**
 * One controller per component instance, for its whole life. It reads the latest options
 * through a ref, so inline callbacks and new option objects never recreate it or reload anything.
 */
export function useLinkController(options: LinkControllerOptions): LinkController {
  const optionsRef = useRef(options)
  useIsomorphicLayoutEffect(() => {
    optionsRef.current = options
  })
  const [controller] = useState(() => createLinkController(() => optionsRef.current))

  // A new link token from the host means a new session.
  const tokenRef = useRef(options.linkToken)
  useEffect(() => {
    if (tokenRef.current === options.linkToken) return
    tokenRef.current = options.linkToken
    controller.invalidate()
  }, [controller, options.linkToken])

  return controller
}
