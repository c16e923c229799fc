import { useEffect, useState } from 'react'

export type Load<T> =
  | { state: 'loading' }
  | { state: 'done'; data: T }
  | { state: 'error'; error: unknown }

/** Loads once per key; a newer key wins over a slower older answer. */
export function useLoad<T>(key: string | null, load: (key: string) => Promise<T>): Load<T> | null {
  const [result, setResult] = useState<Load<T> | null>(null)
  useEffect(() => {
    if (!key) {
      setResult(null)
      return
    }
    let live = true
    setResult({ state: 'loading' })
    load(key).then(
      (data) => live && setResult({ state: 'done', data }),
      (error: unknown) => live && setResult({ state: 'error', error }),
    )
    return () => {
      live = false
    }
  }, [key])
  return result
}
