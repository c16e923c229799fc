import { type Kysely, type Selectable, sql } from 'kysely'
import type { Database } from './schema'

export interface WebhookEndpointRecord {
  id: string
  hostAppId: string
  url: string
  description: string | null
  /** Null: every event type. */
  eventTypes: string[] | null
  /** Vault envelope of the current `whsec_` secret. */
  secret: string
  previousSecret: string | null
  previousSecretExpiresAt: Date | null
  status: 'enabled' | 'disabled'
  disabledReason: string | null
  disabledAt: Date | null
  failingSince: Date | null
  createdAt: Date
  updatedAt: Date
}

export type DeliveryStatus = 'pending' | 'sending' | 'succeeded' | 'retrying' | 'failed'

export interface WebhookDeliveryRecord {
  seq: number
  id: string
  hostAppId: string
  endpointId: string
  eventId: number
  eventType: string
  connectionId: string
  status: DeliveryStatus
  attemptCount: number
  nextAttemptAt: Date | null
  leaseUntil: Date | null
  createdAt: Date
  completedAt: Date | null
}

export interface WebhookAttemptRecord {
  attemptedAt: Date
  statusCode: number | null
  error: string | null
  durationMs: number
}

export interface DeliveryFilter {
  endpointId?: string
  eventId?: number
  eventType?: string
  status?: DeliveryStatus
  limit: number
  /** Exclusive: continue with older deliveries than this position. */
  beforeSeq?: number
}

export type EndpointPatch = Partial<
  Pick<
    WebhookEndpointRecord,
    | 'url'
    | 'description'
    | 'eventTypes'
    | 'secret'
    | 'previousSecret'
    | 'previousSecretExpiresAt'
    | 'status'
    | 'disabledReason'
    | 'disabledAt'
    | 'failingSince'
  >
> & { updatedAt: Date }

/** Webhook endpoints, deliveries and their attempts, and the fan-out mark on change events. */
export interface WebhookStore {
  insertEndpoint(record: WebhookEndpointRecord): Promise<WebhookEndpointRecord>
  /** Scoped to a host app: another app's endpoint is simply not found. */
  getEndpoint(hostAppId: string, id: string): Promise<WebhookEndpointRecord | undefined>
  /** Oldest first; `afterId` continues after the previous page. */
  listEndpoints(
    hostAppId: string,
    options: { limit: number; after?: { createdAt: Date; id: string } },
  ): Promise<WebhookEndpointRecord[]>
  countEndpoints(hostAppId: string): Promise<number>
  updateEndpoint(
    hostAppId: string,
    id: string,
    patch: EndpointPatch,
  ): Promise<WebhookEndpointRecord | undefined>
  /** Deletes the endpoint with its deliveries and attempts. */
  deleteEndpoint(hostAppId: string, id: string): Promise<boolean>
  /** The enabled endpoints of a host app (few; filtered by event type by the caller). */
  enabledEndpoints(hostAppId: string): Promise<WebhookEndpointRecord[]>
  /** Remembers the first failure of a run of failures; returns since when it fails. */
  markFailing(endpointId: string, now: Date): Promise<Date | undefined>
  markAnswering(endpointId: string): Promise<void>

  /** Every endpoint's sealed secrets, for re-encryption under a new master key. */
  listSealedSecrets(): Promise<
    { id: string; hostAppId: string; secret: string; previousSecret: string | null }[]
  >
  /** Swaps the sealed secrets only if they are still the ones that were read (no lost rotation). */
  swapSealedSecrets(
    id: string,
    from: { secret: string; previousSecret: string | null },
    to: { secret: string; previousSecret: string | null },
  ): Promise<boolean>

  /** Whether a host app may use loopback and private addresses (operator setting). */
  allowsPrivateUrls(hostAppId: string): Promise<boolean>
  setAllowPrivateUrls(hostAppId: string, allow: boolean): Promise<void>

  /** New deliveries; ones that exist for (endpoint, event) are left alone. Returns the new. */
  insertDeliveries(
    records: Omit<WebhookDeliveryRecord, 'seq' | 'leaseUntil' | 'completedAt'>[],
  ): Promise<WebhookDeliveryRecord[]>
  /**
   * Takes a delivery to send it, in one statement: only if it waits (pending, retrying) or its
   * sender's lease lapsed (the process died mid-delivery). Undefined when someone else has it.
   */
  claimDelivery(id: string, now: Date, leaseUntil: Date): Promise<WebhookDeliveryRecord | undefined>
  /** Records one attempt and where the delivery stands after it. */
  recordAttempt(input: {
    seq: number
    attempt: WebhookAttemptRecord
    status: DeliveryStatus
    nextAttemptAt: Date | null
    completedAt: Date | null
  }): Promise<void>
  /** Ends a delivery without an attempt (its endpoint was disabled or deleted). */
  abandonDelivery(seq: number, now: Date): Promise<void>
  getDelivery(hostAppId: string, id: string): Promise<WebhookDeliveryRecord | undefined>
  getDeliveryById(id: string): Promise<WebhookDeliveryRecord | undefined>
  /** Newest first. */
  listDeliveries(hostAppId: string, filter: DeliveryFilter): Promise<WebhookDeliveryRecord[]>
  /** The attempts of deliveries, oldest first, by delivery position. */
  listAttempts(seqs: number[]): Promise<Map<number, WebhookAttemptRecord[]>>
  /** Puts a delivery back in line now (redelivery); not while it is being sent. */
  requeueDelivery(
    hostAppId: string,
    id: string,
    now: Date,
  ): Promise<WebhookDeliveryRecord | undefined>
  /**
   * Deliveries whose next step is overdue by `grace`: waiting past their time, or being sent by a
   * process whose lease lapsed. Their jobs were lost (a crash between commit and send).
   */
  overdueDeliveries(now: Date, graceMs: number, limit: number): Promise<string[]>

  /** Drops settled deliveries (and their attempts) created before `before`: the log's window. */
  pruneDeliveries(before: Date): Promise<number>
  /** Change events no delivery was made for yet, created before `before`. */
  unfannedEvents(before: Date, limit: number): Promise<number[]>
  /** Of `ids`, the events still waiting for fan-out, oldest first. */
  eventsToFanOut(
    ids: number[],
  ): Promise<{ id: number; hostAppId: string; type: string; connectionId: string }[]>
  markFannedOut(ids: number[], now: Date): Promise<void>
}

export function createWebhookStore(db: Kysely<Database>): WebhookStore {
  return {
    async insertEndpoint(record) {
      const row = await db
        .insertInto('webhook_endpoints')
        .values(toEndpointRow(record))
        .returningAll()
        .executeTakeFirstOrThrow()
      return toEndpoint(row)
    },
    async getEndpoint(hostAppId, id) {
      const row = await db
        .selectFrom('webhook_endpoints')
        .selectAll()
        .where('host_app_id', '=', hostAppId)
        .where('id', '=', id)
        .executeTakeFirst()
      return row && toEndpoint(row)
    },
    async listEndpoints(hostAppId, { limit, after }) {
      let query = db
        .selectFrom('webhook_endpoints')
        .selectAll()
        .where('host_app_id', '=', hostAppId)
      if (after)
        query = query.where((eb) =>
          eb.or([
            eb('created_at', '>', after.createdAt),
            eb.and([eb('created_at', '=', after.createdAt), eb('id', '>', after.id)]),
          ]),
        )
      const rows = await query.orderBy('created_at').orderBy('id').limit(limit).execute()
      return rows.map(toEndpoint)
    },
    async countEndpoints(hostAppId) {
      const row = await db
        .selectFrom('webhook_endpoints')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('host_app_id', '=', hostAppId)
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },
    async updateEndpoint(hostAppId, id, patch) {
      const set: Record<string, unknown> = { updated_at: patch.updatedAt }
      if (patch.url !== undefined) set.url = patch.url
      if (patch.description !== undefined) set.description = patch.description
      if (patch.eventTypes !== undefined)
        set.event_types = patch.eventTypes === null ? null : JSON.stringify(patch.eventTypes)
      if (patch.secret !== undefined) set.secret = patch.secret
      if (patch.previousSecret !== undefined) set.previous_secret = patch.previousSecret
      if (patch.previousSecretExpiresAt !== undefined)
        set.previous_secret_expires_at = patch.previousSecretExpiresAt
      if (patch.status !== undefined) set.status = patch.status
      if (patch.disabledReason !== undefined) set.disabled_reason = patch.disabledReason
      if (patch.disabledAt !== undefined) set.disabled_at = patch.disabledAt
      if (patch.failingSince !== undefined) set.failing_since = patch.failingSince
      const row = await db
        .updateTable('webhook_endpoints')
        .set(set)
        .where('host_app_id', '=', hostAppId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst()
      return row && toEndpoint(row)
    },
    async deleteEndpoint(hostAppId, id) {
      const result = await db
        .deleteFrom('webhook_endpoints')
        .where('host_app_id', '=', hostAppId)
        .where('id', '=', id)
        .executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    },
    async enabledEndpoints(hostAppId) {
      const rows = await db
        .selectFrom('webhook_endpoints')
        .selectAll()
        .where('host_app_id', '=', hostAppId)
        .where('status', '=', 'enabled')
        .execute()
      return rows.map(toEndpoint)
    },
    async markFailing(endpointId, now) {
      const row = await db
        .updateTable('webhook_endpoints')
        .set({ failing_since: sql`coalesce(failing_since, ${now})` })
        .where('id', '=', endpointId)
        .returning('failing_since')
        .executeTakeFirst()
      return row?.failing_since ? new Date(row.failing_since) : undefined
    },
    async markAnswering(endpointId) {
      await db
        .updateTable('webhook_endpoints')
        .set({ failing_since: null })
        .where('id', '=', endpointId)
        .where('failing_since', 'is not', null)
        .execute()
    },

    async listSealedSecrets() {
      const rows = await db
        .selectFrom('webhook_endpoints')
        .select(['id', 'host_app_id', 'secret', 'previous_secret'])
        .execute()
      return rows.map((r) => ({
        id: r.id,
        hostAppId: r.host_app_id,
        secret: r.secret,
        previousSecret: r.previous_secret,
      }))
    },
    async swapSealedSecrets(id, from, to) {
      let query = db
        .updateTable('webhook_endpoints')
        .set({ secret: to.secret, previous_secret: to.previousSecret })
        .where('id', '=', id)
        .where('secret', '=', from.secret)
      query =
        from.previousSecret === null
          ? query.where('previous_secret', 'is', null)
          : query.where('previous_secret', '=', from.previousSecret)
      const result = await query.executeTakeFirst()
      return Number(result.numUpdatedRows) > 0
    },

    async allowsPrivateUrls(hostAppId) {
      const row = await db
        .selectFrom('webhook_settings')
        .select('allow_private_urls')
        .where('host_app_id', '=', hostAppId)
        .executeTakeFirst()
      return row?.allow_private_urls ?? false
    },
    async setAllowPrivateUrls(hostAppId, allow) {
      await db
        .insertInto('webhook_settings')
        .values({ host_app_id: hostAppId, allow_private_urls: allow })
        .onConflict((oc) => oc.column('host_app_id').doUpdateSet({ allow_private_urls: allow }))
        .execute()
    },

    async insertDeliveries(records) {
      if (records.length === 0) return []
      const rows = await db
        .insertInto('webhook_deliveries')
        .values(
          records.map((r) => ({
            id: r.id,
            host_app_id: r.hostAppId,
            endpoint_id: r.endpointId,
            event_id: r.eventId,
            event_type: r.eventType,
            connection_id: r.connectionId,
            status: r.status,
            attempt_count: r.attemptCount,
            next_attempt_at: r.nextAttemptAt,
            lease_until: null,
            created_at: r.createdAt,
            completed_at: null,
          })),
        )
        .onConflict((oc) => oc.columns(['endpoint_id', 'event_id']).doNothing())
        .returningAll()
        .execute()
      return rows.map(toDelivery)
    },
    async claimDelivery(id, now, leaseUntil) {
      const row = await db
        .updateTable('webhook_deliveries')
        .set({ status: 'sending', lease_until: leaseUntil })
        .where('id', '=', id)
        .where((eb) =>
          eb.or([
            eb('status', 'in', ['pending', 'retrying']),
            eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
          ]),
        )
        .returningAll()
        .executeTakeFirst()
      return row && toDelivery(row)
    },
    async recordAttempt({ seq, attempt, status, nextAttemptAt, completedAt }) {
      const run = async (tx: Kysely<Database>) => {
        await tx
          .insertInto('webhook_attempts')
          .values({
            delivery_seq: seq,
            attempted_at: attempt.attemptedAt,
            status_code: attempt.statusCode,
            error: attempt.error,
            duration_ms: attempt.durationMs,
          })
          .execute()
        await tx
          .updateTable('webhook_deliveries')
          .set({
            status,
            attempt_count: sql`attempt_count + 1`,
            next_attempt_at: nextAttemptAt,
            completed_at: completedAt,
            lease_until: null,
          })
          .where('seq', '=', seq)
          .execute()
      }
      if (db.isTransaction) await run(db)
      else await db.transaction().execute(run)
    },
    async abandonDelivery(seq, now) {
      await db
        .updateTable('webhook_deliveries')
        .set({ status: 'failed', next_attempt_at: null, lease_until: null, completed_at: now })
        .where('seq', '=', seq)
        .execute()
    },
    async getDelivery(hostAppId, id) {
      const row = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('host_app_id', '=', hostAppId)
        .where('id', '=', id)
        .executeTakeFirst()
      return row && toDelivery(row)
    },
    async getDeliveryById(id) {
      const row = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst()
      return row && toDelivery(row)
    },
    async listDeliveries(hostAppId, filter) {
      let query = db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('host_app_id', '=', hostAppId)
      if (filter.endpointId !== undefined)
        query = query.where('endpoint_id', '=', filter.endpointId)
      if (filter.eventId !== undefined) query = query.where('event_id', '=', filter.eventId)
      if (filter.eventType !== undefined) query = query.where('event_type', '=', filter.eventType)
      if (filter.status !== undefined) query = query.where('status', '=', filter.status)
      if (filter.beforeSeq !== undefined) query = query.where('seq', '<', filter.beforeSeq)
      const rows = await query.orderBy('seq', 'desc').limit(filter.limit).execute()
      return rows.map(toDelivery)
    },
    async listAttempts(seqs) {
      const bySeq = new Map<number, WebhookAttemptRecord[]>()
      if (seqs.length === 0) return bySeq
      const rows = await db
        .selectFrom('webhook_attempts')
        .selectAll()
        .where('delivery_seq', 'in', seqs)
        .orderBy('delivery_seq')
        .orderBy('attempted_at')
        .execute()
      for (const row of rows) {
        const seq = Number(row.delivery_seq)
        const list = bySeq.get(seq) ?? []
        list.push({
          attemptedAt: new Date(row.attempted_at),
          statusCode: row.status_code,
          error: row.error,
          durationMs: row.duration_ms,
        })
        bySeq.set(seq, list)
      }
      return bySeq
    },
    async requeueDelivery(hostAppId, id, now) {
      const row = await db
        .updateTable('webhook_deliveries')
        .set({ status: 'pending', next_attempt_at: now, completed_at: null })
        .where('host_app_id', '=', hostAppId)
        .where('id', '=', id)
        .where('status', '!=', 'sending')
        .returningAll()
        .executeTakeFirst()
      return row && toDelivery(row)
    },
    async overdueDeliveries(now, graceMs, limit) {
      const before = new Date(now.getTime() - graceMs)
      const rows = await db
        .selectFrom('webhook_deliveries')
        .select('id')
        .where((eb) =>
          eb.or([
            eb.and([
              eb('status', 'in', ['pending', 'retrying']),
              eb('next_attempt_at', '<', before),
            ]),
            eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
          ]),
        )
        .orderBy('seq')
        .limit(limit)
        .execute()
      return rows.map((r) => r.id)
    },

    async pruneDeliveries(before) {
      const result = await db
        .deleteFrom('webhook_deliveries')
        .where('created_at', '<', before)
        .where('status', 'in', ['succeeded', 'failed'])
        .executeTakeFirst()
      return Number(result.numDeletedRows)
    },
    async unfannedEvents(before, limit) {
      const rows = await db
        .selectFrom('change_events')
        .select('id')
        .where('fanned_out_at', 'is', null)
        .where('created_at', '<', before)
        .orderBy('id')
        .limit(limit)
        .execute()
      return rows.map((r) => Number(r.id))
    },
    async eventsToFanOut(ids) {
      if (ids.length === 0) return []
      const rows = await db
        .selectFrom('change_events')
        .select(['id', 'host_app_id', 'type', 'connection_id'])
        .where('id', 'in', ids)
        .where('fanned_out_at', 'is', null)
        .orderBy('id')
        .execute()
      return rows.map((r) => ({
        id: Number(r.id),
        hostAppId: r.host_app_id,
        type: r.type,
        connectionId: r.connection_id,
      }))
    },
    async markFannedOut(ids, now) {
      if (ids.length === 0) return
      await db
        .updateTable('change_events')
        .set({ fanned_out_at: now })
        .where('id', 'in', ids)
        .execute()
    },
  }
}

function toEndpointRow(r: WebhookEndpointRecord) {
  return {
    id: r.id,
    host_app_id: r.hostAppId,
    url: r.url,
    description: r.description,
    event_types: r.eventTypes === null ? null : JSON.stringify(r.eventTypes),
    secret: r.secret,
    previous_secret: r.previousSecret,
    previous_secret_expires_at: r.previousSecretExpiresAt,
    status: r.status,
    disabled_reason: r.disabledReason,
    disabled_at: r.disabledAt,
    failing_since: r.failingSince,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  }
}

const date = (value: Date | null) => (value === null ? null : new Date(value))

function toEndpoint(row: Selectable<Database['webhook_endpoints']>): WebhookEndpointRecord {
  return {
    id: row.id,
    hostAppId: row.host_app_id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types === null ? null : (JSON.parse(row.event_types) as string[]),
    secret: row.secret,
    previousSecret: row.previous_secret,
    previousSecretExpiresAt: date(row.previous_secret_expires_at),
    status: row.status as WebhookEndpointRecord['status'],
    disabledReason: row.disabled_reason,
    disabledAt: date(row.disabled_at),
    failingSince: date(row.failing_since),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  }
}

function toDelivery(row: Selectable<Database['webhook_deliveries']>): WebhookDeliveryRecord {
  return {
    seq: Number(row.seq),
    id: row.id,
    hostAppId: row.host_app_id,
    endpointId: row.endpoint_id,
    eventId: Number(row.event_id),
    eventType: row.event_type,
    connectionId: row.connection_id,
    status: row.status as DeliveryStatus,
    attemptCount: row.attempt_count,
    nextAttemptAt: date(row.next_attempt_at),
    leaseUntil: date(row.lease_until),
    createdAt: new Date(row.created_at),
    completedAt: date(row.completed_at),
  }
}
