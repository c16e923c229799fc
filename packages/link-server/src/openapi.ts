import type { OpenAPIHono } from '@hono/zod-openapi'
import { type Endpoint, ERROR_CATALOG, ErrorBodySchema, type ErrorCode } from '@jumplink/shared'
import { z } from 'zod'
import type { AppEnv } from './context'

/**
 * The document's groups, in the order a reader meets them, each with what it is for. An
 * operation's group follows from its path (`tagFor`), so a new route lands in the right one.
 */
export const TAGS = [
  {
    name: 'Link sessions',
    description:
      'Host API, called by your backend with its secret key: start a link session and get a link token for the widget.',
  },
  {
    name: 'Link API (widget)',
    description:
      'Called by the widget with the link token, from the browser: what to draw, the organizations a key reaches, completing the link. You do not call these yourself.',
  },
  {
    name: 'Tokens',
    description:
      'Host API: exchange the public token the widget gave you for an integration token, once.',
  },
  {
    name: 'Connections',
    description:
      'Host API: list, read, check and revoke the connections of your host app. Revoking erases the stored key.',
  },
  {
    name: 'Host app',
    description:
      "Host API: your host app's settings, such as how often the change feed syncs each connection.",
  },
  {
    name: 'Webhooks',
    description:
      'Host API: endpoints that receive change events signed by the Standard Webhooks scheme, and the delivery log with redelivery.',
  },
  {
    name: 'Ingest',
    description:
      "Called by the directory's own webhook channel, which an admin points at the connection's ingest URL: a delivery starts a sync of the connection within seconds.",
  },
  {
    name: 'Unified API',
    description:
      'Called with an integration token: the directory read (and, for read-write connections, written) through one model. Lists page with `cursor` and `limit`.',
  },
  {
    name: 'Proxy',
    description:
      "Called with an integration token: the directory's own API, with the connection's stored key added on the way. For what the unified API does not cover.",
  },
  {
    name: 'Meta',
    description:
      'Health and readiness for load balancers, and the public keys to verify integration tokens with.',
  },
] as const

export type TagName = (typeof TAGS)[number]['name']

/** The group of an operation, from its path. */
export function tagFor(path: string): TagName {
  if (path.startsWith('/v1/link-sessions')) return 'Link sessions'
  if (path.startsWith('/v1/link/')) return 'Link API (widget)'
  if (path.startsWith('/v1/tokens/')) return 'Tokens'
  if (path.startsWith('/v1/connections')) return 'Connections'
  if (path.startsWith('/v1/host-app')) return 'Host app'
  if (path.startsWith('/v1/webhook-')) return 'Webhooks'
  if (path.startsWith('/v1/ingest/')) return 'Ingest'
  if (path.startsWith('/v1/unified/')) return 'Unified API'
  if (path.startsWith('/v1/proxy/')) return 'Proxy'
  return 'Meta'
}

const AUTH_TEXT: Record<Endpoint['auth'], string> = {
  secret_key:
    'Authenticate with your host app secret key (`Authorization: Bearer jl_sk_…`), from your backend only.',
  link_token:
    'Authenticate with the link token (`Authorization: Bearer …`); called by the widget from an origin your host app allows.',
  integration_token:
    'Authenticate with the connection’s integration token (`Authorization: Bearer …`), from your backend only.',
  none: 'No authentication.',
}

/** What an operation's description says: its own words if it has any, then how to call it. */
function describe(auth: Endpoint['auth'], errors: readonly ErrorCode[], own?: string): string {
  const parts = [own, AUTH_TEXT[auth]]
  if (errors.length > 0) {
    parts.push(`Errors: ${errors.map((code) => `\`${code}\``).join(', ')}.`)
  }
  return parts.filter(Boolean).join('\n\n')
}

const SECURITY: Record<Endpoint['auth'], string | undefined> = {
  secret_key: 'secretKey',
  link_token: 'linkToken',
  integration_token: 'integrationToken',
  none: undefined,
}

/**
 * Puts a shared endpoint descriptor into the OpenAPI document: the same zod schemas the route
 * validates with, plus the catalog errors it can answer with.
 */
export function documentEndpoint(
  app: OpenAPIHono<AppEnv>,
  endpoint: Endpoint,
  errors: ErrorCode[],
): void {
  const params = [...endpoint.path.matchAll(/:(\w+)/g)].map((m) => m[1] as string)
  const security = SECURITY[endpoint.auth]
  const errorResponses: Record<string, { description: string; content: object }> = {}
  for (const code of errors) {
    const status = String(ERROR_CATALOG[code].status)
    const existing = errorResponses[status]
    errorResponses[status] = {
      description: existing ? `${existing.description}, \`${code}\`` : `\`${code}\``,
      content: { 'application/json': { schema: ErrorBodySchema } },
    }
  }
  app.openAPIRegistry.registerPath({
    method: endpoint.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete',
    path: endpoint.path.replace(/:(\w+)/g, '{$1}'),
    summary: endpoint.summary,
    tags: [tagFor(endpoint.path)],
    description: describe(endpoint.auth, errors),
    ...(security ? { security: [{ [security]: [] }] } : {}),
    request: {
      ...(params.length > 0
        ? { params: z.object(Object.fromEntries(params.map((p) => [p, z.string()]))) }
        : {}),
      ...(endpoint.query ? { query: endpoint.query as z.ZodObject } : {}),
      ...(endpoint.body
        ? { body: { required: true, content: { 'application/json': { schema: endpoint.body } } } }
        : {}),
    },
    responses: {
      [endpoint.status]: {
        description: 'Success',
        content: { 'application/json': { schema: endpoint.response } },
      },
      ...errorResponses,
    },
  })
}

/**
 * A route with no shared contract (its answer is not ours to shape, like the proxy's, or is a
 * standard, like JWKS): documented by hand, in the same groups and with the same error shape.
 */
export function documentRoute(
  app: OpenAPIHono<AppEnv>,
  route: {
    methods: readonly ('get' | 'head' | 'post' | 'put' | 'patch' | 'delete')[]
    /** OpenAPI form: `{name}` for a parameter. */
    path: string
    summary: string
    description: string
    auth: Endpoint['auth']
    params?: Record<string, string>
    success: { status: number; description: string; schema?: z.ZodType }
    errors: ErrorCode[]
  },
): void {
  const security = SECURITY[route.auth]
  const errorResponses: Record<string, { description: string; content: object }> = {}
  for (const code of route.errors) {
    const status = String(ERROR_CATALOG[code].status)
    const existing = errorResponses[status]
    errorResponses[status] = {
      description: existing ? `${existing.description}, \`${code}\`` : `\`${code}\``,
      content: { 'application/json': { schema: ErrorBodySchema } },
    }
  }
  for (const method of route.methods) {
    app.openAPIRegistry.registerPath({
      method,
      path: route.path,
      summary: route.summary,
      tags: [tagFor(route.path)],
      description: describe(route.auth, route.errors, route.description),
      ...(security ? { security: [{ [security]: [] }] } : {}),
      ...(route.params
        ? {
            request: {
              params: z.object(
                Object.fromEntries(
                  Object.entries(route.params).map(([name, text]) => [
                    name,
                    z.string().describe(text),
                  ]),
                ),
              ),
            },
          }
        : {}),
      responses: {
        [route.success.status]: {
          description: route.success.description,
          ...(route.success.schema
            ? { content: { 'application/json': { schema: route.success.schema } } }
            : {}),
        },
        ...errorResponses,
      },
    })
  }
}

export function registerSecuritySchemes(app: OpenAPIHono<AppEnv>): void {
  const bearer = (description: string) => ({
    type: 'http' as const,
    scheme: 'bearer',
    description,
  })
  app.openAPIRegistry.registerComponent(
    'securitySchemes',
    'secretKey',
    bearer('A host app secret key (`jl_sk_…`), server to server only.'),
  )
  app.openAPIRegistry.registerComponent(
    'securitySchemes',
    'linkToken',
    bearer('A link token from POST /v1/link-sessions, used by the widget.'),
  )
  app.openAPIRegistry.registerComponent(
    'securitySchemes',
    'integrationToken',
    bearer('An integration token from POST /v1/tokens/exchange.'),
  )
}
