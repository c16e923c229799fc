import { createMiddleware } from 'hono/factory'
import type { Logger } from 'pino'
import type { AppEnv } from '../../context'

/**
 * One structured line per request, with the request id; a child logger on the context so that
 * every later line carries the id too. Only the path is logged, never the query string.
 */
export function requestLog(logger: Logger) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now()
    const log = logger.child({ request_id: c.get('requestId') })
    c.set('logger', log)
    await next()
    log.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        duration_ms: Math.round(performance.now() - started),
      },
      'request',
    )
  })
}
