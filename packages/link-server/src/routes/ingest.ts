import type { OpenAPIHono } from '@hono/zod-openapi'
import {
  ConnectionIdSchema,
  getIngestUrl,
  type IngestUrl,
  ingestDelivery,
  ingestDeliveryWithHeader,
  JumpLinkError,
  parseInput,
  rotateIngestUrl,
} from '@jumplink/shared'
import type { Context } from 'hono'
import type { AppEnv } from '../context'
import type { RouteDeps } from '../deps'
import { documentEndpoint } from '../openapi'
import {
  INGEST_SECRET_HEADER,
  ingestSecretFor,
  ingestSecretMatches,
  rotateIngestSecret,
} from '../sync/ingest-secret'

/** A delivery starts the sync this much later; deliveries in between join that one sync. */
export const INGEST_DEBOUNCE_SECONDS = 5
/** Deliveries a connection's URL takes per minute, and requests one address may make. */
const PER_CONNECTION_PER_MINUTE = 60
const PER_ADDRESS_PER_MINUTE = 600

/**
 * The sync accelerator. The directory's webhook channels carry no signature, so a delivery
 * proves itself only by the secret in its URL (or a header), compared in constant time. Its
 * body is never read: whatever a delivery says, forged or replayed, it can at most make a sync
 * start sooner, and the sync reads the directory itself. Host API: the URL and its rotation.
 */
export function registerIngestRoutes(app: OpenAPIHono<AppEnv>, deps: RouteDeps): void {
  const perConnection = deps.shared.limiter({
    name: 'ingest-per-connection',
    limit: PER_CONNECTION_PER_MINUTE,
    windowSeconds: 60,
  })
  const perAddress = deps.shared.limiter({
    name: 'ingest-per-address',
    limit: PER_ADDRESS_PER_MINUTE,
    windowSeconds: 60,
  })

  const HOST_ERRORS = [
    'missing_credentials',
    'invalid_secret_key',
    'connection_not_found',
    'connection_revoked',
  ] as const
  documentEndpoint(app, getIngestUrl, [...HOST_ERRORS])
  app.get(getIngestUrl.path, async (c) => {
    const connection = await hostConnection(c)
    const { secret, createdAt } = await ingestSecretFor(
      deps.store,
      deps.vault,
      connection,
      deps.now(),
    )
    return c.json(present(connection.id, secret, createdAt))
  })

  documentEndpoint(app, rotateIngestUrl, [...HOST_ERRORS])
  app.post(rotateIngestUrl.path, async (c) => {
    const connection = await hostConnection(c)
    const { secret, createdAt } = await rotateIngestSecret(
      deps.store,
      deps.vault,
      connection,
      deps.now(),
    )
    c.get('logger').info({ connection_id: connection.id }, 'ingest secret rotated')
    return c.json(present(connection.id, secret, createdAt))
  })

  const DELIVERY_ERRORS = [
    'invalid_token',
    'connection_revoked',
    'rate_limited',
    'service_unavailable',
  ] as const
  documentEndpoint(app, ingestDelivery, [...DELIVERY_ERRORS])
  app.post(ingestDelivery.path, (c) => deliver(c, c.req.param('secret')))
  documentEndpoint(app, ingestDeliveryWithHeader, [...DELIVERY_ERRORS])
  app.post(ingestDeliveryWithHeader.path, (c) => deliver(c, c.req.header(INGEST_SECRET_HEADER)))

  async function deliver(c: Context<AppEnv>, offered: string | undefined) {
    const rawId = c.req.param('connection_id') ?? ''
    // Counted before any lookup, so guessing costs the guesser, not the database.
    for (const [limiter, key] of [
      [perAddress, deps.clientAddress(c)],
      [perConnection, rawId.slice(0, 64)],
    ] as const) {
      const hit = await limiter.hit(key)
      if (!hit.allowed) throw new JumpLinkError('rate_limited', { retryAfter: hit.retryAfter })
    }
    const id = parseInput(ConnectionIdSchema, rawId)
    const stored = id.ok ? await deps.store.ingest.get(id.data) : undefined
    // An unknown connection and a wrong secret look the same to the caller.
    if (!stored || !offered || !ingestSecretMatches(offered, stored.hash)) {
      c.get('logger').warn('ingest delivery refused: unknown connection or wrong secret')
      throw new JumpLinkError('invalid_token')
    }
    if (stored.connectionStatus === 'revoked') throw new JumpLinkError('connection_revoked')
    if (!deps.sync) throw new JumpLinkError('service_unavailable')
    // A broken connection's sync is skipped; the delivery is still taken (no retries upstream).
    const queued = await deps.sync.requestSync(
      { hostAppId: stored.hostAppId, connectionId: stored.connectionId },
      { delaySeconds: INGEST_DEBOUNCE_SECONDS },
    )
    c.get('logger').info(
      { connection_id: stored.connectionId, queued },
      'ingest delivery: sync requested',
    )
    return c.json({ queued }, 202)
  }

  async function hostConnection(c: Context<AppEnv>) {
    const id = parseInput(ConnectionIdSchema, c.req.param('id'))
    const connection = id.ok && (await deps.store.connections.get(c.get('hostApp').id, id.data))
    if (!connection) throw new JumpLinkError('connection_not_found')
    if (connection.status === 'revoked') throw new JumpLinkError('connection_revoked')
    return connection
  }

  function present(connectionId: string, secret: string, createdAt: Date): IngestUrl {
    const base = new URL(`/v1/ingest/${connectionId}`, deps.publicUrl).href
    return {
      connection_id: connectionId,
      url: `${base}/${secret}`,
      base_url: base,
      header_name: INGEST_SECRET_HEADER,
      secret,
      created_at: createdAt.toISOString(),
    }
  }
}
