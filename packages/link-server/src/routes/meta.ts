import type { OpenAPIHono } from '@hono/zod-openapi'
import { healthz, readyz } from '@jumplink/shared'
import { z } from 'zod'
import type { AppEnv } from '../context'
import type { RouteDeps } from '../deps'
import { documentEndpoint, documentRoute, TAGS } from '../openapi'

const JwksSchema = z
  .object({
    keys: z.array(
      z.object({
        kty: z.literal('OKP'),
        crv: z.literal('Ed25519'),
        alg: z.literal('EdDSA'),
        use: z.literal('sig'),
        kid: z.string(),
        x: z.string(),
      }),
    ),
  })
  .meta({ id: 'Jwks' })

/** What /openapi.json says about the API as a whole; the groups carry the rest. */
const API_DESCRIPTION = `JumpLink connects your customers' directory organizations to your product.

**The flow.** Your backend starts a link session (\`POST /v1/link-sessions\`) and gives the link token to the widget. The widget checks the admin's API key with the link API, and hands your page a one-time public token. Your backend exchanges it (\`POST /v1/tokens/exchange\`) for an integration token, and reads the directory with it through the unified API (or the proxy).

**Credentials.** Three bearer tokens, each for one group of routes: your host app's secret key (backend only), the link token (the widget, 30 minutes), the integration token (backend only; verify it with \`/.well-known/jwks.json\` if you like). The directory's API key never leaves the link server.

**Errors.** Every error answers \`{"error": {"code", "message", "request_id", "retryable"}}\`, with \`retry_after\` on 429s and \`details\` where a field is wrong. The code comes from one catalog and never changes meaning; each operation lists the codes it can answer with. Send \`x-request-id\` to choose the id, or read it from the answer's header.`

/** Health, readiness, the public signing keys, and the API description. */
export function registerMetaRoutes(app: OpenAPIHono<AppEnv>, deps: RouteDeps): void {
  documentEndpoint(app, healthz, [])
  app.get('/healthz', (c) => c.json({ status: 'ok' as const }))

  documentEndpoint(app, readyz, [])
  app.get('/readyz', async (c) => {
    // Shutting down: say so at once, before anything else, so the load balancer moves on.
    if (deps.drain?.draining) {
      return c.json(
        { status: 'unavailable' as const, checks: { accepting: 'failed' as const } },
        503,
      )
    }
    // Redis is reported but does not decide: without it each instance limits on its own.
    const shared =
      deps.shared.kind === 'redis'
        ? { shared_state: (await deps.shared.ping()) ? ('ok' as const) : ('failed' as const) }
        : {}
    try {
      await deps.store.ping()
      return c.json({ status: 'ok' as const, checks: { database: 'ok' as const, ...shared } })
    } catch (error) {
      c.get('logger').warn({ err: error }, 'database not ready')
      return c.json(
        { status: 'unavailable' as const, checks: { database: 'failed' as const, ...shared } },
        503,
      )
    }
  })

  documentRoute(app, {
    methods: ['get'],
    path: '/.well-known/jwks.json',
    summary: 'The public keys that sign integration tokens',
    description:
      'A JSON Web Key Set (RFC 7517) of Ed25519 keys. Integration tokens name their key in the `kid` header; a retired key stays listed while tokens signed with it may still be live. Cache it for five minutes.',
    auth: 'none',
    success: { status: 200, description: 'The key set', schema: JwksSchema },
    errors: [],
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
        description: API_DESCRIPTION,
      },
      servers: [{ url: deps.publicUrl }],
      tags: TAGS.map((tag) => ({ ...tag })),
    })
    return c.json(document)
  })
}
