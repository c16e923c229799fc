import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../../context'

/**
 * `nosniff` on every answer, and `no-store` unless the route chose its own caching. Set on the
 * answer's own headers: `c.header` after the handler re-creates the response, which turns a
 * JSON string body into a stream (written chunked, through WHATWG streams, at a real cost per
 * request). Only an answer whose headers cannot change (one passed on as fetched) is re-created.
 */
export function responseHeaders() {
  return createMiddleware<AppEnv>(async (c, next) => {
    await next()
    const cacheControl = c.res.headers.get('cache-control') ?? 'no-store'
    try {
      c.res.headers.set('x-content-type-options', 'nosniff')
      c.res.headers.set('cache-control', cacheControl)
    } catch {
      c.header('x-content-type-options', 'nosniff')
      c.header('cache-control', cacheControl)
    }
  })
}
