import { type Kysely, sql } from 'kysely'
import type { Database } from './schema'

/** A record as the last sync left it: its fingerprint and the tracked fields, to name changes. */
export interface SyncedRecord {
  recordId: string
  fingerprint: string
  snapshot: string
}

export interface StoredChangeEvent {
  id: number
  hostAppId: string
  connectionId: string
  type: string
  data: Record<string, unknown>
  createdAt: Date
}

/** What the change feed keeps: fingerprints per connection, sync generations, events. */
export interface ChangeStore {
  /** Starts a sync: the next generation, and whether a baseline exists yet. */
  beginSync(connectionId: string, now: Date): Promise<{ generation: number; hasBaseline: boolean }>
  finishSync(input: {
    connectionId: string
    now: Date
    baseline: boolean
    error: string | null
  }): Promise<void>
  /** The stored fingerprints of `kind` among `recordIds` (one page's worth), without snapshots. */
  loadFingerprints(
    connectionId: string,
    kind: string,
    recordIds: string[],
  ): Promise<Map<string, string>>
  /** Marks unchanged records seen in `generation` (their fingerprint and snapshot stay). */
  markSeen(
    connectionId: string,
    kind: string,
    generation: number,
    recordIds: string[],
  ): Promise<void>
  /** The stored records of `kind` among `recordIds` (one page's worth). */
  loadRecords(connectionId: string, kind: string, recordIds: string[]): Promise<SyncedRecord[]>
  /** Stores (insert or update) records seen in `generation`; unchanged ones only get marked seen. */
  saveRecords(
    connectionId: string,
    kind: string,
    generation: number,
    records: SyncedRecord[],
  ): Promise<void>
  /** Up to `limit` records of `kind` not seen in `generation` (gone upstream). */
  listUnseen(
    connectionId: string,
    kind: string,
    generation: number,
    limit: number,
  ): Promise<SyncedRecord[]>
  deleteRecords(connectionId: string, kind: string, recordIds: string[]): Promise<void>
  /** Appends events in order; returns them with their feed positions. */
  appendEvents(events: Omit<StoredChangeEvent, 'id'>[]): Promise<StoredChangeEvent[]>
  /** A connection's events after `afterId`, oldest first. */
  listEvents(
    connectionId: string,
    options: { afterId: number; limit: number },
  ): Promise<StoredChangeEvent[]>
  /** Events by id (webhook delivery). */
  getEvents(ids: number[]): Promise<StoredChangeEvent[]>
  /** Drops events older than `before` (the 30-day window). */
  pruneEvents(before: Date): Promise<number>
  /** Active connections whose last sync started before their host app's interval ago. */
  dueConnections(now: Date, limit: number): Promise<{ id: string; hostAppId: string }[]>
  /** The connection's sync bookkeeping; undefined before its first sync. */
  getSyncState(connectionId: string): Promise<
    | {
        baselineAt: Date | null
        startedAt: Date | null
        finishedAt: Date | null
        lastError: string | null
      }
    | undefined
  >
  /**
   * Claims up to `limit` active, baselined connections whose audit log was not asked for
   * changes in the last `everySeconds` (one instance each: the claim is a conditional update),
   * with when their last sync started.
   */
  claimHintChecks(
    now: Date,
    everySeconds: number,
    limit: number,
  ): Promise<{ id: string; hostAppId: string; lastSyncStartedAt: Date }[]>
  /** Sets a host app's sync interval. */
  setSyncInterval(hostAppId: string, seconds: number): Promise<void>
  getSyncInterval(hostAppId: string): Promise<number | undefined>
}

export function createChangeStore(db: Kysely<Database>): ChangeStore {
  return {
    async beginSync(connectionId, now) {
      const row = await db
        .insertInto('sync_state')
        .values({
          connection_id: connectionId,
          generation: 1,
          baseline_at: null,
          started_at: now,
          finished_at: null,
          last_error: null,
        })
        .onConflict((oc) =>
          oc.column('connection_id').doUpdateSet({
            generation: sql`sync_state.generation + 1`,
            started_at: now,
          }),
        )
        .returning(['generation', 'baseline_at'])
        .executeTakeFirstOrThrow()
      return { generation: row.generation, hasBaseline: row.baseline_at !== null }
    },
    async finishSync({ connectionId, now, baseline, error }) {
      await db
        .updateTable('sync_state')
        .set({
          finished_at: now,
          last_error: error,
          ...(baseline ? { baseline_at: now } : {}),
        })
        .where('connection_id', '=', connectionId)
        .execute()
    },
    async loadFingerprints(connectionId, kind, recordIds) {
      if (recordIds.length === 0) return new Map()
      const rows = await db
        .selectFrom('sync_records')
        .select(['record_id', 'fingerprint'])
        .where('connection_id', '=', connectionId)
        .where('kind', '=', kind)
        .where('record_id', 'in', recordIds)
        .execute()
      return new Map(rows.map((r) => [r.record_id, r.fingerprint]))
    },
    async markSeen(connectionId, kind, generation, recordIds) {
      if (recordIds.length === 0) return
      await db
        .updateTable('sync_records')
        .set({ seen_in: generation })
        .where('connection_id', '=', connectionId)
        .where('kind', '=', kind)
        .where('record_id', 'in', recordIds)
        .execute()
    },
    async loadRecords(connectionId, kind, recordIds) {
      if (recordIds.length === 0) return []
      const rows = await db
        .selectFrom('sync_records')
        .select(['record_id', 'fingerprint', 'snapshot'])
        .where('connection_id', '=', connectionId)
        .where('kind', '=', kind)
        .where('record_id', 'in', recordIds)
        .execute()
      return rows.map((r) => ({
        recordId: r.record_id,
        fingerprint: r.fingerprint,
        snapshot: r.snapshot,
      }))
    },
    async saveRecords(connectionId, kind, generation, records) {
      if (records.length === 0) return
      await db
        .insertInto('sync_records')
        .values(
          records.map((r) => ({
            connection_id: connectionId,
            kind,
            record_id: r.recordId,
            fingerprint: r.fingerprint,
            snapshot: r.snapshot,
            seen_in: generation,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['connection_id', 'kind', 'record_id']).doUpdateSet({
            fingerprint: (eb) => eb.ref('excluded.fingerprint'),
            snapshot: (eb) => eb.ref('excluded.snapshot'),
            seen_in: (eb) => eb.ref('excluded.seen_in'),
          }),
        )
        .execute()
    },
    async listUnseen(connectionId, kind, generation, limit) {
      const rows = await db
        .selectFrom('sync_records')
        .select(['record_id', 'fingerprint', 'snapshot'])
        .where('connection_id', '=', connectionId)
        .where('kind', '=', kind)
        .where('seen_in', '<', generation)
        .orderBy('record_id')
        .limit(limit)
        .execute()
      return rows.map((r) => ({
        recordId: r.record_id,
        fingerprint: r.fingerprint,
        snapshot: r.snapshot,
      }))
    },
    async deleteRecords(connectionId, kind, recordIds) {
      if (recordIds.length === 0) return
      await db
        .deleteFrom('sync_records')
        .where('connection_id', '=', connectionId)
        .where('kind', '=', kind)
        .where('record_id', 'in', recordIds)
        .execute()
    },
    async appendEvents(events) {
      if (events.length === 0) return []
      const rows = await db
        .insertInto('change_events')
        .values(
          events.map((e) => ({
            host_app_id: e.hostAppId,
            connection_id: e.connectionId,
            type: e.type,
            data: JSON.stringify(e.data),
            created_at: e.createdAt,
          })),
        )
        .returningAll()
        .execute()
      return rows.map(toEvent).sort((a, b) => a.id - b.id)
    },
    async listEvents(connectionId, { afterId, limit }) {
      const rows = await db
        .selectFrom('change_events')
        .selectAll()
        .where('connection_id', '=', connectionId)
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute()
      return rows.map(toEvent)
    },
    async getEvents(ids) {
      if (ids.length === 0) return []
      const rows = await db
        .selectFrom('change_events')
        .selectAll()
        .where('id', 'in', ids)
        .orderBy('id')
        .execute()
      return rows.map(toEvent)
    },
    async pruneEvents(before) {
      const result = await db
        .deleteFrom('change_events')
        .where('created_at', '<', before)
        .executeTakeFirst()
      return Number(result.numDeletedRows)
    },
    async dueConnections(now, limit) {
      const rows = await db
        .selectFrom('connections')
        .innerJoin('host_apps', 'host_apps.id', 'connections.host_app_id')
        .leftJoin('sync_state', 'sync_state.connection_id', 'connections.id')
        .select(['connections.id as id', 'connections.host_app_id as hostAppId'])
        .where('connections.status', '=', 'active')
        .where((eb) =>
          eb.or([
            eb('sync_state.started_at', 'is', null),
            eb(
              'sync_state.started_at',
              '<',
              sql<Date>`${now}::timestamptz - make_interval(secs => host_apps.sync_interval_seconds)`,
            ),
          ]),
        )
        .orderBy('sync_state.started_at', (ob) => ob.asc().nullsFirst())
        .limit(limit)
        .execute()
      return rows
    },
    async getSyncState(connectionId) {
      const row = await db
        .selectFrom('sync_state')
        .select(['baseline_at', 'started_at', 'finished_at', 'last_error'])
        .where('connection_id', '=', connectionId)
        .executeTakeFirst()
      return (
        row && {
          baselineAt: row.baseline_at,
          startedAt: row.started_at,
          finishedAt: row.finished_at,
          lastError: row.last_error,
        }
      )
    },
    async claimHintChecks(now, everySeconds, limit) {
      const { rows } = await sql<{ id: string; host_app_id: string; started_at: Date }>`
        update sync_state set hint_checked_at = ${now}
        from connections
        where connections.id = sync_state.connection_id
          and sync_state.connection_id in (
            select s.connection_id from sync_state s
            join connections c on c.id = s.connection_id
            where c.status = 'active' and s.baseline_at is not null and s.started_at is not null
              and (s.hint_checked_at is null
                or s.hint_checked_at <= ${now}::timestamptz - make_interval(secs => ${everySeconds}::double precision))
            order by s.hint_checked_at asc nulls first
            limit ${limit}
            for update of s skip locked)
        returning connections.id as id, connections.host_app_id, sync_state.started_at`.execute(db)
      return rows.map((r) => ({
        id: r.id,
        hostAppId: r.host_app_id,
        lastSyncStartedAt: new Date(r.started_at),
      }))
    },
    async setSyncInterval(hostAppId, seconds) {
      await db
        .updateTable('host_apps')
        .set({ sync_interval_seconds: seconds })
        .where('id', '=', hostAppId)
        .execute()
    },
    async getSyncInterval(hostAppId) {
      const row = await db
        .selectFrom('host_apps')
        .select('sync_interval_seconds')
        .where('id', '=', hostAppId)
        .executeTakeFirst()
      return row?.sync_interval_seconds
    },
  }
}

function toEvent(row: {
  id: number
  host_app_id: string
  connection_id: string
  type: string
  data: string
  created_at: Date
}): StoredChangeEvent {
  return {
    id: Number(row.id),
    hostAppId: row.host_app_id,
    connectionId: row.connection_id,
    type: row.type,
    data: JSON.parse(row.data) as Record<string, unknown>,
    createdAt: row.created_at,
  }
}
