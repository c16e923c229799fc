import type { OpenAPIHono } from '@hono/zod-openapi'
import {
  ConnectionIdSchema,
  checkConnection,
  getConnection,
  JumpLinkError,
  listConnections,
  parseInput,
  revokeConnection,
} from '@jumplink/shared'
import type { Context } from 'hono'
import type { AppEnv } from '../context'
import type { RouteDeps } from '../deps'
import { readQuery } from '../http/body'
import { decodeCreatedAtCursor, encodeCreatedAtCursor } from '../http/created-at-cursor'
import { requireSecretKey } from '../middleware/require-secret-key'
import { documentEndpoint } from '../openapi'
import { decodeCredential } from '../providers/credential'
import { announceConnectionChange } from '../shared-state/announce'
import { appendConnectionEvent, publishConnectionEvents } from '../sync/connection-events'
import { openCredential } from '../unified/directory-session'
import { presentConnection } from './present'

const AUTH_ERRORS = ['missing_credentials', 'invalid_secret_key'] as const
/** Directory answers that say the stored credential no longer works: the connection is broken. */
const BREAKING_CODES = new Set([
  'invalid_api_key',
  'invalid_client_credentials',
  'credential_unreadable',
  'insufficient_permissions',
  'organization_not_accessible',
])

/** Host API: the host app's connections. */
export function registerConnectionRoutes(app: OpenAPIHono<AppEnv>, deps: RouteDeps): void {
  app.use('/v1/connections', requireSecretKey(deps.store.hostApps))
  app.use('/v1/connections/*', requireSecretKey(deps.store.hostApps))

  documentEndpoint(app, listConnections, [...AUTH_ERRORS, 'invalid_request', 'invalid_cursor'])
  app.get('/v1/connections', async (c) => {
    const query = readQuery(c, listConnections.query)
    const after = query.cursor === undefined ? undefined : decodeCreatedAtCursor(query.cursor)
    const rows = await deps.store.connections.list(c.get('hostApp').id, {
      limit: query.limit + 1,
      ...(query.end_user_id === undefined ? {} : { endUserId: query.end_user_id }),
      ...(query.status === undefined ? {} : { status: query.status }),
      ...(after ? { after } : {}),
    })
    const page = rows.slice(0, query.limit)
    const last = page.at(-1)
    return c.json({
      result: page.map(presentConnection),
      next_cursor: rows.length > query.limit && last ? encodeCreatedAtCursor(last) : null,
    })
  })

  documentEndpoint(app, getConnection, [...AUTH_ERRORS, 'connection_not_found'])
  app.get('/v1/connections/:id', async (c) => {
    return c.json(presentConnection(await findConnection(c)))
  })

  documentEndpoint(app, revokeConnection, [...AUTH_ERRORS, 'connection_not_found'])
  app.delete('/v1/connections/:id', async (c) => {
    const hostApp = c.get('hostApp')
    const found = await findConnection(c)
    const now = deps.now()
    const revoked = await deps.store.connections.revoke(hostApp.id, found.id, now)
    if (!revoked) throw new JumpLinkError('connection_not_found')
    await deps.store.audit.add({
      type: 'connection.revoked',
      hostAppId: hostApp.id,
      connectionId: found.id,
      requestId: c.get('requestId'),
      data: {},
      now,
    })
    if (found.status !== 'revoked') {
      const events = await appendConnectionEvent(deps.store, {
        hostAppId: hostApp.id,
        connectionId: found.id,
        type: 'connection.revoked',
        data: {},
        now,
      })
      await publishConnectionEvents(deps.webhookDelivery, events)
    }
    c.get('logger').info({ connection_id: found.id }, 'connection revoked')
    await announceConnectionChange(c, deps, found.id)
    return c.json(presentConnection(revoked))
  })

  documentEndpoint(app, checkConnection, [
    ...AUTH_ERRORS,
    'connection_not_found',
    'connection_revoked',
    'provider_rate_limited',
    'provider_unavailable',
    'provider_timeout',
  ])
  app.post('/v1/connections/:id/check', async (c) => {
    const connection = await findConnection(c)
    if (connection.status === 'revoked' || connection.credential === null) {
      throw new JumpLinkError('connection_revoked')
    }
    const provider = deps.providers.get(connection.provider)
    if (!provider) throw new Error(`Provider ${connection.provider} is not loaded`)
    const credential = decodeCredential(
      connection.credentialKind,
      await openCredential(c, deps, { ...connection, credential: connection.credential }),
    )
    let statusReason: string | null = null
    let multiOrganization: boolean | undefined
    try {
      // Also records, for connections linked before it was asked, whether the key reads several
      // organizations (the directory's organization header follows it).
      const verified = await provider.verifyOrganization({
        credential,
        region: connection.region,
        organizationId: connection.organizationId,
      })
      multiOrganization = verified.multiOrganization
    } catch (error) {
      if (!(error instanceof JumpLinkError && BREAKING_CODES.has(error.code))) throw error
      statusReason = error.code
    }
    const updated = await deps.store.connections.setStatus({
      id: connection.id,
      status: statusReason ? 'broken' : 'active',
      statusReason,
      ...(multiOrganization === undefined ? {} : { multiOrganization }),
      now: deps.now(),
    })
    if (!updated) throw new JumpLinkError('connection_revoked')
    if (
      statusReason &&
      !(connection.status === 'broken' && connection.statusReason === statusReason)
    ) {
      const events = await appendConnectionEvent(deps.store, {
        hostAppId: connection.hostAppId,
        connectionId: connection.id,
        type: 'connection.broken',
        data: { reason: statusReason, source: 'check' },
        now: deps.now(),
      })
      await publishConnectionEvents(deps.webhookDelivery, events)
    }
    c.get('logger').info(
      { connection_id: connection.id, status: updated.status },
      'connection checked',
    )
    return c.json(presentConnection(updated))
  })

  async function findConnection(c: Context<AppEnv>) {
    // A malformed id cannot name a connection: the same answer as an unknown one.
    const id = parseInput(ConnectionIdSchema, c.req.param('id'))
    const connection = id.ok && (await deps.store.connections.get(c.get('hostApp').id, id.data))
    if (!connection) throw new JumpLinkError('connection_not_found')
    return connection
  }
}
