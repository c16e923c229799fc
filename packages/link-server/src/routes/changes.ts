import type { OpenAPIHono } from '@hono/zod-openapi'
import {
  ConnectionIdSchema,
  getSyncStatus,
  JumpLinkError,
  listChanges,
  parseInput,
  requestSync,
} from '@jumplink/shared'
import type { AppEnv } from '../context'
import type { RouteDeps } from '../deps'
import { readQuery } from '../http/body'
import { documentEndpoint } from '../openapi'
import { presentChangeEvent } from '../sync/present'

const CURSOR = /^c_(\d{1,15})$/

/**
 * The change feed: `GET /v1/unified/changes` (integration token: that connection's events in
 * order; the cursor is a feed position, so it always says where to poll next) and
 * `POST /v1/connections/:id/sync` (host secret key: queue a sync now). Registered after the
 * unified and connection routes, whose middleware checks the token or the secret key.
 */
export function registerChangeRoutes(app: OpenAPIHono<AppEnv>, deps: RouteDeps): void {
  documentEndpoint(app, listChanges, [
    'missing_credentials',
    'invalid_token',
    'token_expired',
    'connection_revoked',
    'invalid_request',
    'invalid_cursor',
  ])
  app.get(listChanges.path, async (c) => {
    const query = readQuery(c, listChanges.query)
    let afterId = 0
    if (query.cursor !== undefined) {
      const match = CURSOR.exec(query.cursor)
      if (!match) throw new JumpLinkError('invalid_cursor')
      afterId = Number(match[1])
    }
    const connectionId = c.get('connectionId')
    const rows = await deps.store.changes.listEvents(connectionId, {
      afterId,
      limit: query.limit + 1,
    })
    const page = rows.slice(0, query.limit)
    const last = page.at(-1)
    return c.json({
      result: page.map(presentChangeEvent),
      next_cursor: `c_${last ? last.id : afterId}`,
      has_more: rows.length > query.limit,
    })
  })

  documentEndpoint(app, requestSync, [
    'missing_credentials',
    'invalid_secret_key',
    'connection_not_found',
    'connection_revoked',
    'service_unavailable',
  ])
  app.post(requestSync.path, async (c) => {
    const id = parseInput(ConnectionIdSchema, c.req.param('id'))
    const hostApp = c.get('hostApp')
    const connection = id.ok && (await deps.store.connections.get(hostApp.id, id.data))
    if (!connection) throw new JumpLinkError('connection_not_found')
    if (connection.status === 'revoked') throw new JumpLinkError('connection_revoked')
    if (!deps.sync) throw new JumpLinkError('service_unavailable')
    const queued = await deps.sync.requestSync({
      hostAppId: hostApp.id,
      connectionId: connection.id,
    })
    return c.json({ connection_id: connection.id, queued }, 202)
  })

  documentEndpoint(app, getSyncStatus, [
    'missing_credentials',
    'invalid_secret_key',
    'connection_not_found',
  ])
  app.get(getSyncStatus.path, async (c) => {
    const id = parseInput(ConnectionIdSchema, c.req.param('id'))
    const connection = id.ok && (await deps.store.connections.get(c.get('hostApp').id, id.data))
    if (!connection) throw new JumpLinkError('connection_not_found')
    const state = await deps.store.changes.getSyncState(connection.id)
    const iso = (at: Date | null | undefined) => (at ? at.toISOString() : null)
    return c.json({
      connection_id: connection.id,
      baseline_at: iso(state?.baselineAt),
      last_started_at: iso(state?.startedAt),
      last_finished_at: iso(state?.finishedAt),
      last_error: state?.lastError ?? null,
    })
  })
}
