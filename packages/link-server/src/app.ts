import { OpenAPIHono } from '@hono/zod-openapi'
import { JumpLinkError } from '@jumplink/shared'
import { bodyLimit } from 'hono/body-limit'
import { requestId } from 'hono/request-id'
import type { AppEnv } from './context'
import type { AppDeps, RouteDeps } from './deps'
import { errorResponse, handleError } from './errors'
import { createAllowedMethods } from './http/allowed-methods'
import { createRateLimiter } from './middleware/rate-limit/limiter'
import { requestLog } from './middleware/request-log'
import { registerSecuritySchemes } from './openapi'
import { registerConnectionRoutes } from './routes/connections'
import { registerHostedWidgetRoutes } from './routes/hosted-widget'
import { registerLinkRoutes } from './routes/link'
import { registerLinkSessionRoutes } from './routes/link-sessions'
import { registerMetaRoutes } from './routes/meta'
import { registerProxyRoutes } from './routes/proxy'
import { registerTokenRoutes } from './routes/tokens'
import { registerUnifiedRoutes } from './routes/unified'

export type { AppDeps } from './deps'

/** Builds the link server from its dependencies. No I/O happens until a request arrives. */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const rateLimit = deps.rateLimit ?? { perSession: 10, perAddress: 30, windowSeconds: 60 }
  const routeDeps: RouteDeps = {
    ...deps,
    now: deps.now ?? (() => new Date()),
    limiters: deps.limiters ?? {
      perSession: createRateLimiter({
        limit: rateLimit.perSession,
        windowSeconds: rateLimit.windowSeconds,
      }),
      perAddress: createRateLimiter({
        limit: rateLimit.perAddress,
        windowSeconds: rateLimit.windowSeconds,
      }),
    },
    clientAddress: deps.clientAddress ?? (() => 'unknown'),
    ownOrigin: new URL(deps.publicUrl).origin,
  }

  const app = new OpenAPIHono<AppEnv>()
  app.use(requestId())
  app.use(requestLog(deps.logger))
  app.use(async (c, next) => {
    await next()
    c.header('x-content-type-options', 'nosniff')
    c.header('cache-control', c.res.headers.get('cache-control') ?? 'no-store')
  })
  app.use(
    bodyLimit({
      maxSize: deps.bodyLimitBytes ?? 64 * 1024,
      onError: (c) => errorResponse(c, new JumpLinkError('payload_too_large')),
    }),
  )

  registerSecuritySchemes(app)
  registerLinkSessionRoutes(app, routeDeps)
  registerLinkRoutes(app, routeDeps)
  registerTokenRoutes(app, routeDeps)
  registerConnectionRoutes(app, routeDeps)
  registerUnifiedRoutes(app, routeDeps)
  registerProxyRoutes(app, routeDeps)
  registerMetaRoutes(app, routeDeps)
  registerHostedWidgetRoutes(app, routeDeps)

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
