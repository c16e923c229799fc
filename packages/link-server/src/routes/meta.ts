import type { OpenAPIHono } from '@hono/zod-openapi'
import { healthz, readyz } from '@jumplink/shared'
import { Scalar } from '@scalar/hono-api-reference'
import type { AppEnv } from '../context'
import type { RouteDeps } from '../deps'
import { documentEndpoint } from '../openapi'

/** Health, readiness, the public signing keys, and the API description. */
export function registerMetaRoutes(app: OpenAPIHono<AppEnv>, deps: RouteDeps): void {
  documentEndpoint(app, healthz, [])
  app.get('/healthz', (c) => c.json({ status: 'ok' as const }))

  documentEndpoint(app, readyz, [])
  app.get('/readyz', async (c) => {
    try {
      await deps.store.ping()
      return c.json({ status: 'ok' as const, checks: { database: 'ok' as const } })
    } catch (error) {
      c.get('logger').warn({ err: error }, 'database not ready')
      return c.json(
        { status: 'unavailable' as const, checks: { database: 'failed' as const } },
        503,
      )
    }
  })

  app.get('/.well-known/jwks.json', async (c) => {
    c.header('cache-control', 'public, max-age=300')
    return c.json(await deps.tokens.jwks())
  })

  let document: unknown
  app.get('/openapi.json', (c) => {
    document ??= app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'JumpLink',
        version: '0.1.0',
        description:
          'Host API (secret key), link API (link token, used by the widget) and meta routes. ' +
          'Every error answers `{"error": {code, message, request_id, retryable}}`.',
      },
      servers: [{ url: deps.publicUrl }],
    })
    return c.json(document)
  })

  app.get('/docs', Scalar({ url: '/openapi.json', pageTitle: 'JumpLink API' }))
}
