import type { OpenAPIHono } from '@hono/zod-openapi'
import { type Endpoint, ERROR_CATALOG, ErrorBodySchema, type ErrorCode } from '@jumplink/shared'
import { z } from 'zod'
import type { AppEnv } from './context'

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
    method: endpoint.method.toLowerCase() as 'get' | 'post' | 'delete',
    path: endpoint.path.replace(/:(\w+)/g, '{$1}'),
    summary: endpoint.summary,
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
