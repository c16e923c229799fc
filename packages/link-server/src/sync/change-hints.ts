import type { Logger } from 'pino'
import { connectionContext, type Vault } from '../crypto/vault'
import type { ProviderRegistry } from '../providers/provider'
import type { Store } from '../storage/store'

/** How often each connection's audit log is asked whether anything changed since its last sync. */
export const CHANGE_HINT_SECONDS = 60
/** Connections one instance asks per tick (the rest wait for the next tick). */
const PER_TICK = 50

/**
 * Between scheduled syncs, asks each baselined connection's directory (one audit-log call,
 * where the provider offers it) whether it recorded a change since the last sync started; if
 * so, a sync is requested now instead of at the schedule. Each connection is claimed by one
 * instance per interval. A failure (an audit log the key may not read, a slow directory) is
 * only logged: the schedule remains the complete path, and only a sync marks a key broken.
 */
export async function checkChangeHints(deps: {
  store: Store
  vault: Vault
  providers: ProviderRegistry
  logger: Logger
  now: Date
  everySeconds?: number
  requestSync(target: { hostAppId: string; connectionId: string }): Promise<boolean>
}): Promise<{ asked: number; requested: number }> {
  const claimed = await deps.store.changes.claimHintChecks(
    deps.now,
    deps.everySeconds ?? CHANGE_HINT_SECONDS,
    PER_TICK,
  )
  let asked = 0
  let requested = 0
  for (const { id, hostAppId, lastSyncStartedAt } of claimed) {
    try {
      const connection = await deps.store.connections.get(hostAppId, id)
      if (connection?.status !== 'active' || connection.credential === null) continue
      const reader = deps.providers.get(connection.provider)?.reader
      if (!reader?.newestChangeSince) continue
      asked++
      const newest = await reader.newestChangeSince(
        {
          connectionId: connection.id,
          credential: deps.vault.decrypt(
            connection.credential,
            connectionContext(connection.hostAppId, connection.id),
          ),
          region: connection.region,
          organizationId: connection.organizationId,
        },
        lastSyncStartedAt,
      )
      if (!newest) continue
      if (await deps.requestSync({ hostAppId, connectionId: id })) requested++
      deps.logger.info(
        { connection_id: id, changed_at: newest.toISOString() },
        'the directory recorded a change since the last sync; sync requested',
      )
    } catch (error) {
      deps.logger.debug({ connection_id: id, err: error }, 'change hint not read')
    }
  }
  return { asked, requested }
}
