import { JumpLinkError } from '@jumplink/shared'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../../context'
import type { TokenService } from '../../crypto/tokens'
import { bearerToken } from '../../http/bearer'
import { onConnectionChangedHere } from '../../shared-state/announce'
import type { SharedState } from '../../shared-state/shared-state'
import type { Store } from '../../storage/store'
import { type ConnectionRowCache, createConnectionRowCache } from './connection-rows'

/** One row cache per instance (its shared state), whichever routes use the middleware. */
const rowCaches = new WeakMap<SharedState, ConnectionRowCache>()

function rowCacheOf(store: Store, shared: SharedState): ConnectionRowCache {
  let cache = rowCaches.get(shared)
  if (!cache) {
    const created = createConnectionRowCache({
      read: (hostAppId, connectionId) => readRows(store, hostAppId, connectionId),
    })
    shared.subscribe((event) => {
      if (event.type === 'connection.changed') created.forget(event.connectionId)
    })
    onConnectionChangedHere(shared, created.forget)
    rowCaches.set(shared, created)
    cache = created
  }
  return cache
}

/**
 * Unified API: an integration token (never a link token) whose connection still exists and is
 * not revoked. The signature alone is not enough: revocation must stop a token at once. With
 * `shared`, the rows are kept a moment (`connection-rows.ts`): a revocation is refused here at
 * once when announced, within a second otherwise. Sets `connectionId` and `hostApp`.
 */
export function requireIntegrationToken(deps: {
  tokens: TokenService
  store: Store
  shared?: SharedState
}) {
  const rows = deps.shared && rowCacheOf(deps.store, deps.shared)
  return createMiddleware<AppEnv>(async (c, next) => {
    const claims = await deps.tokens.verifyIntegrationToken(bearerToken(c))
    const found = rows
      ? await rows.get(claims.hostAppId, claims.connectionId)
      : await readRows(deps.store, claims.hostAppId, claims.connectionId)
    if (!found) throw new JumpLinkError('invalid_token')
    const { hostApp, connection } = found
    if (connection.status === 'revoked') throw new JumpLinkError('connection_revoked')
    c.set('hostApp', hostApp)
    c.set('connectionId', connection.id)
    c.set('connection', connection)
    await next()
  })
}

async function readRows(store: Store, hostAppId: string, connectionId: string) {
  const hostApp = await store.hostApps.get(hostAppId)
  const connection = hostApp && (await store.connections.get(hostAppId, connectionId))
  return hostApp && connection ? { hostApp, connection } : undefined
}
