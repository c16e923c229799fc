import { createMiddleware } from 'hono/factory'
import { routePath } from 'hono/route'
import type { AppEnv } from '../context'
import type { Metrics } from './prometheus'

/**
 * Counts and times every request by its route template, so `/v1/connections/conn_1` and
 * `/v1/connections/conn_2` are one series; paths no route matched are one `unmatched` series.
 */
export function httpMetrics(metrics: Pick<Metrics, 'httpRequest' | 'httpRequestStarted'>) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now()
    const done = metrics.httpRequestStarted()
    try {
      await next()
    } finally {
      done()
      const route = routePath(c, -1)
      metrics.httpRequest({
        method: c.req.method,
        route: route === '*' || route === '/*' || route === '' ? 'unmatched' : route,
        status: c.res.status,
        seconds: (performance.now() - started) / 1000,
      })
    }
  })
}
