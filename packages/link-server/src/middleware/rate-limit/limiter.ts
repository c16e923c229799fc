/**
 * A fixed-window counter per key, in memory. Per instance: behind a load balancer each
 * instance allows the limit, which still bounds key-guessing to a small multiple of it.
 */
export interface RateLimiter {
  /** Counts one attempt; says whether it is allowed and, if not, how long to wait. */
  hit(key: string): { allowed: true } | { allowed: false; retryAfter: number }
}

export function createRateLimiter(options: {
  limit: number
  windowSeconds: number
  now?: () => number
}): RateLimiter {
  const now = options.now ?? Date.now
  const windowMs = options.windowSeconds * 1000
  const windows = new Map<string, { start: number; count: number }>()
  return {
    hit(key) {
      const time = now()
      if (windows.size > 10_000) {
        for (const [k, w] of windows) if (time - w.start >= windowMs) windows.delete(k)
      }
      let window = windows.get(key)
      if (!window || time - window.start >= windowMs) {
        window = { start: time, count: 0 }
        windows.set(key, window)
      }
      window.count += 1
      if (window.count <= options.limit) return { allowed: true }
      return {
        allowed: false,
        retryAfter: Math.max(1, Math.ceil((window.start + windowMs - time) / 1000)),
      }
    },
  }
}
