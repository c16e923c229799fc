import { type ComponentType, createElement, type ReactNode, useEffect, useState } from 'react'

/** What a lazy step shows until its code is there: loading, or a failed load with a retry. */
export type PendingStep = (failed: boolean, retry: () => void) => ReactNode

/**
 * A step few admins see (several organizations, a duplicate), in a chunk of its own so that the
 * code every admin loads up front stays small. It loads the first time it is drawn; a load that
 * failed (offline) is tried again when the admin asks.
 */
export function lazyStep<P extends object>(load: () => Promise<ComponentType<P>>) {
  let component: ComponentType<P> | undefined
  let pending: Promise<unknown> | undefined
  // Made once per step at module level, as React.lazy is (which has no retry after a failed load).
  // biome-ignore lint/correctness/noComponentHookFactories: one component per step, never per render
  return function LazyStep(props: P & { pending: PendingStep }) {
    const [failed, setFailed] = useState(false)
    const [attempt, setAttempt] = useState(0)
    const [, setLoaded] = useState(false)
    // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` asks for another try
    useEffect(() => {
      if (component) return
      let live = true
      pending ??= load().then((loaded) => {
        component = loaded
      })
      pending.then(
        () => live && setLoaded(true),
        () => {
          pending = undefined
          if (live) setFailed(true)
        },
      )
      return () => {
        live = false
      }
    }, [attempt])
    if (component) return createElement(component, props)
    return props.pending(failed, () => {
      setFailed(false)
      setAttempt((n) => n + 1)
    })
  }
}
