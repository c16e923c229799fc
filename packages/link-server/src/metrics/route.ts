import { createHash, timingSafeEqual } from 'node:crypto'
import { JumpLinkError } from '@jumplink/shared'
import type { Hono } from 'hono'
import type { AppEnv } from '../context'
import { bearerToken } from '../http/bearer'
import type { Metrics } from './prometheus'

/**
 * `GET /metrics` in Prometheus text. With a token, only `Authorization: Bearer <token>` reads
 * it; the composition root decides whether it is served at all (off in production without one).
 */
export function registerMetricsRoute(
  app: Hono<AppEnv>,
  metrics: Pick<Metrics, 'render' | 'contentType'>,
  options: { token?: string | undefined },
): void {
  const expected = options.token === undefined ? undefined : digest(options.token)
  app.get('/metrics', async (c) => {
    if (expected) {
      const given = digest(bearerToken(c))
      if (!timingSafeEqual(given, expected)) throw new JumpLinkError('invalid_token')
    }
    c.header('content-type', metrics.contentType)
    return c.body(await metrics.render())
  })
}

/** Equal-length digests, so the comparison takes the same time whatever was sent. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest()
}
