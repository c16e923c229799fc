/// <reference path="./flexible-files.d.ts" />
import type { RateLimiterRes as Rejection } from 'rate-limiter-flexible'
// Its files, not its index: see flexible-files.d.ts.
import RateLimiterMemory from 'rate-limiter-flexible/lib/RateLimiterMemory.js'
import RateLimiterRes from 'rate-limiter-flexible/lib/RateLimiterRes.js'

/**
 * Attempts per key over a window. The in-process version is here; the one shared by every
 * instance comes from `shared-state` (Redis), so behind a load balancer the limit is the limit,
 * not the limit times the number of instances.
 */
export interface RateLimiter {
  /** Counts one attempt; says whether it is allowed and, if not, how long to wait. */
  hit(key: string): Promise<{ allowed: true } | { allowed: false; retryAfter: number }>
}

/** In this process's memory (rate-limiter-flexible's fixed window). */
export function createRateLimiter(options: {
  limit: number
  windowSeconds: number
  name?: string
}): RateLimiter {
  return fromFlexible(
    new RateLimiterMemory({
      keyPrefix: options.name ?? 'limit',
      points: options.limit,
      duration: options.windowSeconds,
    }),
  )
}

/** Any rate-limiter-flexible limiter (whose `consume` rejects when over) as a `RateLimiter`. */
export function fromFlexible(limiter: { consume(key: string): Promise<Rejection> }): RateLimiter {
  return {
    async hit(key) {
      try {
        await limiter.consume(key)
        return { allowed: true }
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          return {
            allowed: false,
            retryAfter: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
          }
        }
        throw rejection
      }
    },
  }
}
