import { JumpLinkError } from '@jumplink/shared'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../../context'
import type { Store } from '../../storage/store'

const ALLOWED_HEADERS = 'authorization, content-type, x-request-id'
const ALLOWED_METHODS = 'GET, POST, OPTIONS'

/**
 * CORS for the link API: only origins a host app configured (and our own). A preflight has no
 * credentials, so it is checked against every host app; the real request is checked against
 * the link session's own host app in the routes (`assertOriginAllowed`).
 */
export function linkCors(options: { store: Store; ownOrigin: string }) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const origin = c.req.header('origin')
    if (origin === undefined) return next()
    const known =
      origin === options.ownOrigin || (await options.store.hostApps.isOriginAllowedAnywhere(origin))
    if (!known) throw new JumpLinkError('origin_not_allowed')
    c.header('access-control-allow-origin', origin)
    c.header('vary', 'Origin', { append: true })
    c.header('access-control-expose-headers', 'x-request-id, retry-after')
    if (c.req.method === 'OPTIONS') {
      c.header('access-control-allow-methods', ALLOWED_METHODS)
      c.header('access-control-allow-headers', ALLOWED_HEADERS)
      c.header('access-control-max-age', '600')
      return c.body(null, 204)
    }
    await next()
  })
}

/** The request's origin, if any, must be one the session's host app allows (or our own). */
export function assertOriginAllowed(
  origin: string | undefined,
  allowedOrigins: string[],
  ownOrigin: string,
): void {
  if (origin === undefined || origin === ownOrigin) return
  if (!allowedOrigins.includes(origin)) throw new JumpLinkError('origin_not_allowed')
}
