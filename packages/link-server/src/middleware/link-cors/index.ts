import { JumpLinkError } from '@jumplink/shared'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../../context'
import type { Store } from '../../storage/store'

const ALLOWED_HEADERS = 'authorization, content-type, x-request-id'
/** Sent by our hosted page: the origin that frames it (the page's CSP made the browser check it). */
export const FRAME_ORIGIN_HEADER = 'x-jumplink-frame-origin'
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

/**
 * Our own hosted page calls the link API same-origin, so its `Origin` says nothing about who
 * frames it. The page sends the frame's origin, which the browser enforced through the page's
 * `frame-ancestors`; it must be one the session's own host app allows, so that host app B's page
 * cannot frame `/link` and drive host app A's session. A request from our origin (by `Origin`,
 * or `Sec-Fetch-Site: same-origin` on a GET, which carries no `Origin`) without it is refused.
 */
export function assertFrameOriginAllowed(
  c: { req: { header(name: string): string | undefined } },
  allowedOrigins: string[],
  ownOrigin: string,
): void {
  const frameOrigin = c.req.header(FRAME_ORIGIN_HEADER)
  const fromOurPage =
    c.req.header('origin') === ownOrigin || c.req.header('sec-fetch-site') === 'same-origin'
  if (frameOrigin === undefined && !fromOurPage) return
  if (frameOrigin === undefined || !allowedOrigins.includes(frameOrigin)) {
    throw new JumpLinkError('origin_not_allowed', {
      message: 'The page that frames the widget is not an origin of this link session’s host app.',
    })
  }
}
