import { z } from 'zod'
import { TimestampSchema } from '../model/common'
import { ConnectionIdSchema } from './common'
import { defineEndpoint } from './endpoint'

/**
 * Where the directory's own webhook channel delivers, so that a change there starts a sync of
 * the connection within seconds. The secret is in `url` (mark that part sensitive in the
 * directory's channel settings), or send `base_url` with the secret in `header_name`.
 */
export const IngestUrlSchema = z
  .object({
    connection_id: ConnectionIdSchema,
    /** The full ingest URL, secret included: treat it as a secret. */
    url: z.string(),
    /** The same without the secret, for a channel that sends the secret as a header. */
    base_url: z.string(),
    header_name: z.string(),
    secret: z.string(),
    created_at: TimestampSchema,
  })
  .meta({ id: 'IngestUrl' })
export type IngestUrl = z.infer<typeof IngestUrlSchema>

export const getIngestUrl = defineEndpoint({
  method: 'GET',
  path: '/v1/connections/:id/ingest-url',
  auth: 'secret_key',
  summary:
    "The connection's ingest URL: point the directory's webhook channel at it and its changes start a sync within seconds",
  body: undefined,
  query: undefined,
  status: 200,
  response: IngestUrlSchema,
})

export const rotateIngestUrl = defineEndpoint({
  method: 'POST',
  path: '/v1/connections/:id/ingest-url/rotate',
  auth: 'secret_key',
  summary: 'A new ingest secret; the old URL stops working at once',
  body: undefined,
  query: undefined,
  status: 200,
  response: IngestUrlSchema,
})

export const IngestAcceptedSchema = z.object({ queued: z.boolean() })

/** A delivery from the directory's webhook channel, secret in the path. The body is not read. */
export const ingestDelivery = defineEndpoint({
  method: 'POST',
  path: '/v1/ingest/:connection_id/:secret',
  auth: 'none',
  summary:
    'Receives a delivery of the directory webhook channel: starts a sync of the connection within seconds (nothing from the body is used)',
  body: undefined,
  query: undefined,
  status: 202,
  response: IngestAcceptedSchema,
})

/** The same, with the secret in the `x-jumplink-ingest-secret` header. */
export const ingestDeliveryWithHeader = defineEndpoint({
  method: 'POST',
  path: '/v1/ingest/:connection_id',
  auth: 'none',
  summary:
    'Receives a delivery of the directory webhook channel with the secret in the x-jumplink-ingest-secret header',
  body: undefined,
  query: undefined,
  status: 202,
  response: IngestAcceptedSchema,
})
