import { JumpLinkError } from '@jumplink/shared'
import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../../context'
import type { MetricsRecorder } from '../../metrics/recorder'
import type { RateLimiter } from './limiter'

export { createRateLimiter, type RateLimiter } from './limiter'

/**
 * Key-checking endpoints: limited per link session and per client address, so neither one
 * session nor one address can try keys quickly. Must run after the link-token middleware.
 */
export function rateLimitKeyChecks(options: {
  perSession: RateLimiter
  perAddress: RateLimiter
  clientAddress: (c: Context<AppEnv>) => string
  metrics?: MetricsRecorder
}) {
  return createMiddleware<AppEnv>(async (c, next) => {
    for (const [limiter, name, key] of [
      [options.perAddress, 'address', `addr:${options.clientAddress(c)}`],
      [options.perSession, 'session', `session:${c.get('linkSessionId')}`],
    ] as const) {
      const result = await limiter.hit(key)
      if (!result.allowed) {
        options.metrics?.rateLimited(name)
        c.get('logger')?.warn({ limiter: key.split(':')[0] }, 'key checks rate limited')
        throw new JumpLinkError('rate_limited', { retryAfter: result.retryAfter })
      }
    }
    await next()
  })
}
