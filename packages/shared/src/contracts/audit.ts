import { z } from 'zod'
import { TimestampSchema } from '../model/common'
import { defineEndpoint } from './endpoint'
import { listEnvelope } from './list'

/** One entry of a connection's audit trail: a write through the unified API, or a change of the connection. */
export const AuditEntrySchema = z
  .object({
    id: z.string(),
    /** `unified.write` for writes; `connection.revoked`, `connection.broken`, … otherwise. */
    type: z.string(),
    /** The write, e.g. `user.suspend` (null for connection events). */
    action: z.string().nullable(),
    /** The record acted on; `id` is null for a create that did not happen. */
    target: z.object({ type: z.enum(['user', 'group']), id: z.string().nullable() }).nullable(),
    /** The user added to or removed from the target group. */
    member_user_id: z.string().nullable(),
    /** `succeeded`, `failed` (see `error_code`), or `replayed` (an Idempotency-Key retry). */
    outcome: z.enum(['succeeded', 'failed', 'replayed']).nullable(),
    error_code: z.string().nullable(),
    /** The host's user who acted, from the `X-End-User-Id` header. */
    end_user_id: z.string().nullable(),
    idempotency_key: z.string().nullable(),
    request_id: z.string().nullable(),
    created_at: TimestampSchema,
  })
  .meta({ id: 'AuditEntry' })

export const ListAuditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().min(1).max(128).optional(),
})

export const listConnectionAudit = defineEndpoint({
  method: 'GET',
  path: '/v1/connections/:id/audit',
  auth: 'secret_key',
  summary: "A connection's audit trail, newest first",
  body: undefined,
  query: ListAuditQuerySchema,
  status: 200,
  response: listEnvelope(AuditEntrySchema),
})

export type AuditEntry = z.infer<typeof AuditEntrySchema>
export type ListAuditQuery = z.input<typeof ListAuditQuerySchema>
