import type { OpenAPIHono } from '@hono/zod-openapi'
import {
  ConnectionIdSchema,
  JumpLinkError,
  listConnectionAudit,
  parseInput,
} from '@jumplink/shared'
import type { AppEnv } from '../context'
import type { RouteDeps } from '../deps'
import { readQuery } from '../http/body'
import { documentEndpoint } from '../openapi'
import type { AuditEvent } from '../storage/store'

/** Host API: `GET /v1/connections/:id/audit`, the connection's audit trail, newest first. */
export function registerConnectionAuditRoutes(app: OpenAPIHono<AppEnv>, deps: RouteDeps): void {
  // The secret-key middleware of `/v1/connections/*` (routes/connections.ts) covers this path.
  documentEndpoint(app, listConnectionAudit, [
    'missing_credentials',
    'invalid_secret_key',
    'connection_not_found',
    'invalid_request',
    'invalid_cursor',
  ])
  app.get(listConnectionAudit.path, async (c) => {
    const hostAppId = c.get('hostApp').id
    const id = parseInput(ConnectionIdSchema, c.req.param('id'))
    const connection = id.ok && (await deps.store.connections.get(hostAppId, id.data))
    if (!connection) throw new JumpLinkError('connection_not_found')
    const query = readQuery(c, listConnectionAudit.query)
    const beforeId = query.cursor === undefined ? undefined : decodeCursor(query.cursor)
    const rows = await deps.store.audit.listForConnection(hostAppId, connection.id, {
      limit: query.limit + 1,
      ...(beforeId === undefined ? {} : { beforeId }),
    })
    const page = rows.slice(0, query.limit)
    const last = page.at(-1)
    return c.json({
      result: page.map(presentAuditEntry),
      next_cursor: rows.length > query.limit && last ? String(last.id) : null,
    })
  })
}

function decodeCursor(cursor: string): number {
  const id = Number(cursor)
  if (!Number.isSafeInteger(id) || id < 1) throw new JumpLinkError('invalid_cursor')
  return id
}

const text = (value: unknown) => (typeof value === 'string' ? value : null)

function presentAuditEntry(event: AuditEvent & { id: number }) {
  const data = event.data
  const target = data.target as { type?: unknown; id?: unknown } | undefined
  const outcome = text(data.outcome)
  return {
    id: String(event.id),
    type: event.type,
    action: text(data.action),
    target:
      target && (target.type === 'user' || target.type === 'group')
        ? { type: target.type, id: text(target.id) }
        : null,
    member_user_id: text(data.member_user_id),
    outcome:
      outcome === 'succeeded' || outcome === 'failed' || outcome === 'replayed' ? outcome : null,
    error_code: text(data.error_code) ?? text(data.reason),
    end_user_id: text(data.end_user_id),
    idempotency_key: text(data.idempotency_key),
    request_id: event.requestId,
    created_at: event.now.toISOString(),
  }
}
