import { JumpLinkError } from '@jumplink/shared'
import type { Logger } from 'pino'
import { connectionContext, type Vault } from '../crypto/vault'
import { READ_BREAKING_CODES } from '../providers/credential'
import type { ProviderRegistry } from '../providers/provider'
import type { StoredChangeEvent, SyncedRecord } from '../storage/change-store'
import type { Store } from '../storage/store'
import { type DetectedEvent, eventFor } from './events'
import { diff, fingerprint, stableJson } from './fingerprint'
import { readAhead } from './read-ahead'
import { readKind, SYNC_KINDS } from './sources'

export interface SyncDeps {
  store: Store
  vault: Vault
  providers: ProviderRegistry
  logger: Logger
  now: () => Date
  /** Called with each batch of stored events, in feed order (webhook fan-out). */
  onEvents?: (events: StoredChangeEvent[]) => Promise<void>
}

export type SyncOutcome =
  | { status: 'baseline'; records: number }
  | { status: 'synced'; events: number; records: number }
  | { status: 'skipped'; reason: string }
  | { status: 'broken'; reason: string }

/**
 * One sync of one connection: every kind read page by page through the unified readers, each
 * page compared with the fingerprints stored for those records, changes stored as events in
 * the same transaction as the new fingerprints. Records not seen this time are gone upstream.
 * Only one page (and its stored rows) is in memory at a time. The first sync is the baseline.
 */
export async function syncConnection(
  deps: SyncDeps,
  target: { hostAppId: string; connectionId: string },
): Promise<SyncOutcome> {
  const { store, logger } = deps
  const connection = await store.connections.get(target.hostAppId, target.connectionId)
  if (!connection || connection.credential === null || connection.status === 'revoked')
    return { status: 'skipped', reason: 'revoked' }
  if (connection.status === 'broken') return { status: 'skipped', reason: 'broken' }
  const provider = deps.providers.get(connection.provider)
  if (!provider) throw new Error(`Provider ${connection.provider} is not loaded`)
  const session = {
    connectionId: connection.id,
    credential: deps.vault.decrypt(
      connection.credential,
      connectionContext(connection.hostAppId, connection.id),
    ),
    region: connection.region,
    organizationId: connection.organizationId,
    multiOrganization: connection.multiOrganization ?? null,
  }
  const { generation, hasBaseline } = await store.changes.beginSync(connection.id, deps.now())
  const emit = async (tx: Store, detected: DetectedEvent[]) => {
    const stored = await tx.changes.appendEvents(
      detected.map((e) => ({
        hostAppId: connection.hostAppId,
        connectionId: connection.id,
        type: e.type,
        data: e.data,
        createdAt: deps.now(),
      })),
    )
    return stored
  }
  let records = 0
  let events = 0

  try {
    for (const kind of SYNC_KINDS) {
      // The next page is read while this one is compared and stored (two pages at most).
      for await (const page of readAhead(readKind(kind, provider.reader, session))) {
        records += page.length
        const prints = await store.changes.loadFingerprints(
          connection.id,
          kind,
          page.map((item) => item.recordId),
        )
        const changed: { item: (typeof page)[number]; print: string }[] = []
        const unchanged: string[] = []
        for (const item of page) {
          const print = fingerprint(item.snapshot)
          if (prints.get(item.recordId) === print) unchanged.push(item.recordId)
          else changed.push({ item, print })
        }
        // Snapshots only of what changed (usually a few): they name the fields that did.
        const before = new Map(
          hasBaseline
            ? (
                await store.changes.loadRecords(
                  connection.id,
                  kind,
                  changed
                    .filter(({ item }) => prints.has(item.recordId))
                    .map(({ item }) => item.recordId),
                )
              ).map((r) => [r.recordId, JSON.parse(r.snapshot) as Record<string, unknown>])
            : [],
        )
        const detected: DetectedEvent[] = []
        if (hasBaseline)
          for (const { item } of changed) {
            const previous = before.get(item.recordId)
            const event = eventFor(
              kind,
              previous,
              item.snapshot,
              previous ? diff(previous, item.snapshot) : [],
            )
            if (event) detected.push(event)
          }
        const toSave: SyncedRecord[] = changed.map(({ item, print }) => ({
          recordId: item.recordId,
          fingerprint: print,
          snapshot: stableJson(item.snapshot),
        }))
        const batch = await store.transaction(async (tx) => {
          await tx.changes.markSeen(connection.id, kind, generation, unchanged)
          await tx.changes.saveRecords(connection.id, kind, generation, toSave)
          return emit(tx, detected)
        })
        events += batch.length
        // Handed on at once, not kept to the end: a sync that changes every record holds
        // one page of events at a time, not the organization's.
        if (batch.length > 0) await deps.onEvents?.(batch)
      }
      // Whatever this sync did not see is gone upstream, read page by page.
      for (;;) {
        const gone = await store.changes.listUnseen(connection.id, kind, generation, 500)
        if (gone.length === 0) break
        const batch = await store.transaction(async (tx) => {
          await tx.changes.deleteRecords(
            connection.id,
            kind,
            gone.map((r) => r.recordId),
          )
          if (!hasBaseline) return []
          const detected = gone
            .map((r) =>
              eventFor(kind, JSON.parse(r.snapshot) as Record<string, unknown>, undefined, []),
            )
            .filter((e): e is DetectedEvent => e !== null)
          return emit(tx, detected)
        })
        events += batch.length
        if (batch.length > 0) await deps.onEvents?.(batch)
      }
    }
  } catch (error) {
    if (error instanceof JumpLinkError && READ_BREAKING_CODES.has(error.code)) {
      await markBroken(deps, connection, error.code)
      await store.changes.finishSync({
        connectionId: connection.id,
        now: deps.now(),
        baseline: false,
        error: error.code,
      })
      return { status: 'broken', reason: error.code }
    }
    await store.changes.finishSync({
      connectionId: connection.id,
      now: deps.now(),
      baseline: false,
      error: error instanceof JumpLinkError ? error.code : 'internal_error',
    })
    throw error
  }

  if (!hasBaseline) {
    const synced = await emit(store, [
      { type: 'connection.synced', data: { baseline: true, records } },
    ])
    await deps.onEvents?.(synced)
  }
  await store.changes.finishSync({
    connectionId: connection.id,
    now: deps.now(),
    baseline: !hasBaseline,
    error: null,
  })
  logger.info({ connection_id: connection.id, generation, records, events }, 'connection synced')
  return hasBaseline ? { status: 'synced', events, records } : { status: 'baseline', records }
}

/** A 401/403 from the directory: the connection turns broken and the host hears of it at once. */
async function markBroken(
  deps: SyncDeps,
  connection: { id: string; hostAppId: string },
  reason: string,
): Promise<void> {
  const now = deps.now()
  await deps.store.connections.setStatus({
    id: connection.id,
    status: 'broken',
    statusReason: reason,
    now,
  })
  await deps.store.audit.add({
    type: 'connection.broken',
    hostAppId: connection.hostAppId,
    connectionId: connection.id,
    requestId: null,
    data: { reason, source: 'sync' },
    now,
  })
  const events = await deps.store.changes.appendEvents([
    {
      hostAppId: connection.hostAppId,
      connectionId: connection.id,
      type: 'connection.broken',
      data: { reason },
      createdAt: now,
    },
  ])
  await deps.onEvents?.(events)
  deps.logger.warn(
    { connection_id: connection.id, status_reason: reason },
    'sync found the key rejected; connection marked broken',
  )
}
