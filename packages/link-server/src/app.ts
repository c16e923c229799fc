import { OpenAPIHono } from '@hono/zod-openapi'
import { JumpLinkError } from '@jumplink/shared'
import { bodyLimit } from 'hono/body-limit'
import { requestId } from 'hono/request-id'
import type { AppEnv } from './context'
import type { AppDeps, RouteDeps } from './deps'
import { errorResponse, handleError } from './errors'
import { createAllowedMethods } from './http/allowed-methods'
import { createDrain } from './lifecycle/drain'
import { httpMetrics } from './metrics/middleware'
import { NO_METRICS } from './metrics/recorder'
import { registerMetricsRoute } from './metrics/route'
import { requestLog } from './middleware/request-log'
import { responseHeaders } from './middleware/response-headers'
import { registerSecuritySchemes } from './openapi'
import { registerApiReferenceRoutes } from './routes/api-reference'
import { registerChangeRoutes } from './routes/changes'
import { registerConnectionAuditRoutes } from './routes/connection-audit'
import { registerConnectionRoutes } from './routes/connections'
import { registerEmbedLoaderRoutes } from './routes/embed-loader'
import { registerHostAppRoutes } from './routes/host-app'
import { registerHostedWidgetRoutes } from './routes/hosted-widget'
import { registerIngestRoutes } from './routes/ingest'
import { registerLinkRoutes } from './routes/link'
import { registerLinkSessionRoutes } from './routes/link-sessions'
import { registerMetaRoutes } from './routes/meta'
import { registerProxyRoutes } from './routes/proxy'
import { registerTokenRoutes } from './routes/tokens'
import { registerUnifiedRoutes } from './routes/unified'
import { registerUnifiedWriteRoutes } from './routes/unified-writes'
import { registerWebhookRoutes } from './routes/webhooks'
import { createInProcessState } from './shared-state/in-process'

export type { AppDeps } from './deps'

/** Builds the link server from its dependencies. No I/O happens until a request arrives. */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const rateLimit = deps.rateLimit ?? { perSession: 10, perAddress: 30, windowSeconds: 60 }
  const shared = deps.shared ?? createInProcessState()
  const drain = deps.drain ?? createDrain()
  const routeDeps: RouteDeps = {
    ...deps,
    drain,
    shared,
    metrics: deps.metrics ?? NO_METRICS,
    now: deps.now ?? (() => new Date()),
    limiters: deps.limiters ?? {
      perSession: shared.limiter({
        name: 'key-checks-per-session',
        limit: rateLimit.perSession,
        windowSeconds: rateLimit.windowSeconds,
      }),
      perAddress: shared.limiter({
        name: 'key-checks-per-address',
        limit: rateLimit.perAddress,
        windowSeconds: rateLimit.windowSeconds,
      }),
    },
    clientAddress: deps.clientAddress ?? (() => 'unknown'),
    ownOrigin: new URL(deps.publicUrl).origin,
  }

  const app = new OpenAPIHono<AppEnv>()
  // A caller's id is kept only if short and plain (letters, digits, _ - =); else ours is used.
  app.use(requestId({ limitLength: 64 }))
  if (deps.tracing) app.use(deps.tracing)
  if (deps.metrics) app.use(httpMetrics(deps.metrics))
  app.use(drain.middleware)
  app.use(requestLog(deps.logger))
  app.use(responseHeaders())
  const limitBody = bodyLimit({
    maxSize: deps.bodyLimitBytes ?? 64 * 1024,
    onError: (c) => errorResponse(c, new JumpLinkError('payload_too_large')),
  })
  // No GET or HEAD route reads a body; asking whether there is one builds a whole fetch Request.
  app.use((c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next),
  )

  registerSecuritySchemes(app)
  registerLinkSessionRoutes(app, routeDeps)
  registerLinkRoutes(app, routeDeps)
  registerTokenRoutes(app, routeDeps)
  registerConnectionRoutes(app, routeDeps)
  registerConnectionAuditRoutes(app, routeDeps)
  registerHostAppRoutes(app, routeDeps)
  registerUnifiedRoutes(app, routeDeps)
  registerUnifiedWriteRoutes(app, routeDeps)
  registerChangeRoutes(app, routeDeps)
  registerWebhookRoutes(app, routeDeps)
  registerIngestRoutes(app, routeDeps)
  registerProxyRoutes(app, routeDeps)
  registerMetaRoutes(app, routeDeps)
  if (deps.docs !== false) registerApiReferenceRoutes(app)
  if (deps.metrics && deps.metricsRoute) registerMetricsRoute(app, deps.metrics, deps.metricsRoute)
  registerHostedWidgetRoutes(app, routeDeps)
  registerEmbedLoaderRoutes(app)

  const allowedMethods = createAllowedMethods(() => app.routes)
  app.notFound((c) => {
    const allow = allowedMethods(c.req.path)
    if (allow.length === 0) return errorResponse(c, new JumpLinkError('route_not_found'))
    c.header('allow', allow.join(', '))
    return errorResponse(c, new JumpLinkError('method_not_allowed'))
  })
  app.onError(handleError)
  return app
}
