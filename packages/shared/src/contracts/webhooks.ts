import { z } from 'zod'
import { TimestampSchema } from '../model/common'
import { ChangeEventTypeSchema } from './changes'
import { ConnectionIdSchema } from './common'
import { defineEndpoint } from './endpoint'
import { listEnvelope } from './list'

/** Ids we mint for endpoints and deliveries: a prefix, then 20 to 40 URL-safe characters. */
export const WebhookEndpointIdSchema = z
  .string()
  .regex(/^whep_[A-Za-z0-9_-]{20,40}$/, 'must be a webhook endpoint id (whep_…)')
export const WebhookDeliveryIdSchema = z
  .string()
  .regex(/^whd_[A-Za-z0-9_-]{20,40}$/, 'must be a webhook delivery id (whd_…)')

/** An endpoint URL as given: checked further by the server (scheme, address; see the errors). */
export const WebhookUrlSchema = z.string().trim().min(1).max(2048)

/** The event types an endpoint receives: null (or absent) means every type. */
export const EventTypeFilterSchema = z
  .array(ChangeEventTypeSchema)
  .min(1)
  .max(32)
  .refine((types) => new Set(types).size === types.length, 'must not repeat a type')
  .nullable()

export const WebhookEndpointStatusSchema = z.enum(['enabled', 'disabled'])

/**
 * Where a host app receives change events, signed by the Standard Webhooks scheme. The secret
 * is shown only when it is made (create, rotate); afterwards never.
 */
export const WebhookEndpointSchema = z
  .object({
    id: WebhookEndpointIdSchema,
    url: z.string(),
    description: z.string().nullable(),
    /** Null: every event type. */
    event_types: z.array(ChangeEventTypeSchema).nullable(),
    status: WebhookEndpointStatusSchema,
    /** Why the endpoint is disabled: `disabled_by_host`, or `failing` (deliveries failed for days). */
    disabled_reason: z.string().nullable(),
    disabled_at: TimestampSchema.nullable(),
    /** Since when every delivery attempt has failed; null while it answers. */
    failing_since: TimestampSchema.nullable(),
    /** Until when the secret before the last rotation still signs beside the new one. */
    previous_secret_expires_at: TimestampSchema.nullable(),
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
  })
  .meta({ id: 'WebhookEndpoint' })

/** An endpoint with its secret: the answer of create and rotate, the only time it is shown. */
export const WebhookEndpointWithSecretSchema = WebhookEndpointSchema.extend({
  /** `whsec_…`: verify deliveries with it (e.g. `verifyWebhook` in `@jumplink/client`). */
  secret: z.string(),
}).meta({ id: 'WebhookEndpointWithSecret' })

export const CreateWebhookEndpointBodySchema = z.strictObject({
  url: WebhookUrlSchema,
  description: z.string().trim().max(256).nullable().optional(),
  event_types: EventTypeFilterSchema.optional(),
})

export const UpdateWebhookEndpointBodySchema = z.strictObject({
  url: WebhookUrlSchema.optional(),
  description: z.string().trim().max(256).nullable().optional(),
  event_types: EventTypeFilterSchema.optional(),
  /** false disables the endpoint; true enables it again (and clears `failing_since`). */
  enabled: z.boolean().optional(),
})

export const ListWebhookEndpointsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(100),
  cursor: z.string().min(1).max(128).optional(),
})

export const createWebhookEndpoint = defineEndpoint({
  method: 'POST',
  path: '/v1/webhook-endpoints',
  auth: 'secret_key',
  summary: 'Add a webhook endpoint; its whsec_ secret is in this answer only',
  body: CreateWebhookEndpointBodySchema,
  query: undefined,
  status: 201,
  response: WebhookEndpointWithSecretSchema,
})

export const listWebhookEndpoints = defineEndpoint({
  method: 'GET',
  path: '/v1/webhook-endpoints',
  auth: 'secret_key',
  summary: "List this host app's webhook endpoints",
  body: undefined,
  query: ListWebhookEndpointsQuerySchema,
  status: 200,
  response: listEnvelope(WebhookEndpointSchema),
})

export const getWebhookEndpoint = defineEndpoint({
  method: 'GET',
  path: '/v1/webhook-endpoints/:id',
  auth: 'secret_key',
  summary: 'Get one webhook endpoint',
  body: undefined,
  query: undefined,
  status: 200,
  response: WebhookEndpointSchema,
})

export const updateWebhookEndpoint = defineEndpoint({
  method: 'PATCH',
  path: '/v1/webhook-endpoints/:id',
  auth: 'secret_key',
  summary: "Change an endpoint's URL, description or event types, or disable or enable it",
  body: UpdateWebhookEndpointBodySchema,
  query: undefined,
  status: 200,
  response: WebhookEndpointSchema,
})

export const deleteWebhookEndpoint = defineEndpoint({
  method: 'DELETE',
  path: '/v1/webhook-endpoints/:id',
  auth: 'secret_key',
  summary: 'Delete a webhook endpoint; deliveries still waiting for it are dropped',
  body: undefined,
  query: undefined,
  status: 200,
  response: z.object({ id: WebhookEndpointIdSchema, deleted: z.literal(true) }),
})

export const rotateWebhookEndpointSecret = defineEndpoint({
  method: 'POST',
  path: '/v1/webhook-endpoints/:id/rotate-secret',
  auth: 'secret_key',
  summary: 'Make a new secret; the old one keeps signing beside it for 24 hours',
  body: undefined,
  query: undefined,
  status: 200,
  response: WebhookEndpointWithSecretSchema,
})

/** Where a delivery stands: waiting, being sent, delivered, waiting to retry, given up. */
export const WebhookDeliveryStatusSchema = z.enum([
  'pending',
  'sending',
  'succeeded',
  'retrying',
  'failed',
])

/** One try at an endpoint: the HTTP status it answered, or why there was none. */
export const WebhookAttemptSchema = z.object({
  attempted_at: TimestampSchema,
  /** The endpoint's HTTP status; null when it never answered (see `error`). */
  status_code: z.number().int().nullable(),
  /** `timeout`, `network`, `private_address`, `redirect`, `http_<status>` … null on success. */
  error: z.string().nullable(),
  duration_ms: z.number().int().nonnegative(),
})

export const WebhookDeliverySchema = z
  .object({
    id: WebhookDeliveryIdSchema,
    endpoint_id: WebhookEndpointIdSchema,
    /** The event's id, also sent as `webhook-id` (the same on every retry and redelivery). */
    event_id: z.string(),
    event_type: ChangeEventTypeSchema,
    connection_id: ConnectionIdSchema,
    status: WebhookDeliveryStatusSchema,
    /** Oldest first. */
    attempts: z.array(WebhookAttemptSchema),
    next_attempt_at: TimestampSchema.nullable(),
    created_at: TimestampSchema,
    /** When it succeeded or was given up. */
    completed_at: TimestampSchema.nullable(),
  })
  .meta({ id: 'WebhookDelivery' })

export const ListWebhookDeliveriesQuerySchema = z.strictObject({
  endpoint_id: WebhookEndpointIdSchema.optional(),
  event_id: z
    .string()
    .regex(/^evt_\d{1,15}$/, 'must be an event id (evt_…)')
    .optional(),
  event_type: ChangeEventTypeSchema.optional(),
  status: WebhookDeliveryStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(128).optional(),
})

export const listWebhookDeliveries = defineEndpoint({
  method: 'GET',
  path: '/v1/webhook-deliveries',
  auth: 'secret_key',
  summary: 'The delivery log, newest first: attempts, status codes and timings',
  body: undefined,
  query: ListWebhookDeliveriesQuerySchema,
  status: 200,
  response: listEnvelope(WebhookDeliverySchema),
})

export const getWebhookDelivery = defineEndpoint({
  method: 'GET',
  path: '/v1/webhook-deliveries/:id',
  auth: 'secret_key',
  summary: 'Get one delivery with its attempts',
  body: undefined,
  query: undefined,
  status: 200,
  response: WebhookDeliverySchema,
})

export const redeliverWebhook = defineEndpoint({
  method: 'POST',
  path: '/v1/webhook-deliveries/:id/redeliver',
  auth: 'secret_key',
  summary: 'Send a delivery again now (same webhook-id), whatever its status',
  body: undefined,
  query: undefined,
  status: 202,
  response: WebhookDeliverySchema,
})

export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>
export type WebhookEndpointWithSecret = z.infer<typeof WebhookEndpointWithSecretSchema>
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatusSchema>
export type CreateWebhookEndpointBody = z.input<typeof CreateWebhookEndpointBodySchema>
export type UpdateWebhookEndpointBody = z.input<typeof UpdateWebhookEndpointBodySchema>
