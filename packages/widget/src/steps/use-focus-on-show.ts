import { type RefObject, useEffect, useRef } from 'react'

/**
 * Focuses an element when it appears (if asked), as StepHeading does for its heading. For the
 * steps that load on demand: importing StepHeading from the up-front bundle would split it into
 * a chunk of its own, which costs every admin more than these lines cost the rare steps.
 */
export function useFocusOnShow<T extends HTMLElement>(focus: boolean): RefObject<T | null> {
  const ref = useRef<T>(null)
  useEffect(() => {
    if (focus) ref.current?.focus({ preventScroll: false })
  }, [focus])
  return ref
}
