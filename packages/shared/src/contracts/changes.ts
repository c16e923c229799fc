import { z } from 'zod'
import { TimestampSchema } from '../model/common'
import { ConnectionIdSchema } from './common'
import { defineEndpoint } from './endpoint'

/** Every change-feed event type: detected by syncs (records) or by the link server (connections). */
export const CHANGE_EVENT_TYPES = [
  'user.created',
  'user.updated',
  'user.suspended',
  'user.reactivated',
  'user.deleted',
  'group.member_added',
  'group.member_removed',
  'device.created',
  'device.updated',
  'device.deleted',
  'application.assignment_added',
  'application.assignment_removed',
  'connection.created',
  'connection.relinked',
  'connection.broken',
  'connection.revoked',
  'connection.synced',
] as const

export const ChangeEventTypeSchema = z.enum(CHANGE_EVENT_TYPES)
export type ChangeEventType = z.infer<typeof ChangeEventTypeSchema>

/** One changed field: dotted paths for nested ones (`disk_encryption.enabled`). */
export const FieldChangeSchema = z.object({
  field: z.string(),
  from: z.unknown(),
  to: z.unknown(),
})

/**
 * One change, as the pull feed and webhooks carry it. `data.record` is the record in the unified
 * model (as last seen, for deletions); `data.changes` names what changed for `*.updated`,
 * `user.suspended` and `user.reactivated`.
 */
export const ChangeEventSchema = z
  .object({
    /** `evt_` + the feed position; the same id on every redelivery. */
    id: z.string(),
    type: ChangeEventTypeSchema,
    connection_id: ConnectionIdSchema,
    occurred_at: TimestampSchema,
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'ChangeEvent' })
export type ChangeEvent = z.infer<typeof ChangeEventSchema>

export const ListChangesQuerySchema = z.strictObject({
  /** Where the previous call stopped (`next_cursor`); without it, the oldest kept event. */
  cursor: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
})

export const listChanges = defineEndpoint({
  method: 'GET',
  path: '/v1/unified/changes',
  auth: 'integration_token',
  summary: "The connection's change events in order (kept 30 days); poll again with next_cursor",
  body: undefined,
  query: ListChangesQuerySchema,
  status: 200,
  response: z.object({
    result: z.array(ChangeEventSchema),
    /** Always set: where the next call continues, even when nothing newer exists yet. */
    next_cursor: z.string(),
    has_more: z.boolean(),
  }),
})

export const requestSync = defineEndpoint({
  method: 'POST',
  path: '/v1/connections/:id/sync',
  auth: 'secret_key',
  summary: 'Sync a connection now (queued; changes arrive in the feed and by webhook)',
  body: undefined,
  query: undefined,
  status: 202,
  response: z.object({ connection_id: ConnectionIdSchema, queued: z.boolean() }),
})

/** Where a connection's syncs stand: the last one's start, end and error, and the baseline. */
export const SyncStatusSchema = z
  .object({
    connection_id: ConnectionIdSchema,
    /** When the first sync finished (events are emitted from then on); null before. */
    baseline_at: TimestampSchema.nullable(),
    last_started_at: TimestampSchema.nullable(),
    /** Null while the first sync runs; older than `last_started_at` while a later one runs. */
    last_finished_at: TimestampSchema.nullable(),
    /** The catalog code the last sync stopped with, or null. */
    last_error: z.string().nullable(),
  })
  .meta({ id: 'SyncStatus' })
export type SyncStatus = z.infer<typeof SyncStatusSchema>

export const getSyncStatus = defineEndpoint({
  method: 'GET',
  path: '/v1/connections/:id/sync',
  auth: 'secret_key',
  summary: "Where the connection's syncs stand: the last one's start, end and error",
  body: undefined,
  query: undefined,
  status: 200,
  response: SyncStatusSchema,
})
