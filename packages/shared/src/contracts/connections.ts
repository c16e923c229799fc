import { z } from 'zod'
import { TimestampSchema } from '../model/common'
import {
  ConnectionIdSchema,
  CredentialKindSchema,
  PermissionsSchema,
  RegionSchema,
  ShortTextSchema,
} from './common'
import { defineEndpoint } from './endpoint'
import { listEnvelope } from './list'

export const ConnectionStatusSchema = z.enum(['active', 'broken', 'revoked'])

/** A customer's directory organization, connected to a host app. Never carries the API key. */
export const ConnectionSchema = z
  .object({
    id: ConnectionIdSchema,
    end_user_id: z.string(),
    organization: z.object({ id: z.string(), name: z.string().nullable() }),
    region: RegionSchema,
    permissions: PermissionsSchema,
    /** An admin's API key, or a service account's client credentials. */
    credential_kind: CredentialKindSchema,
    status: ConnectionStatusSchema,
    /**
     * Why the connection is not active: a catalog code such as `invalid_api_key` or
     * `invalid_client_credentials`.
     */
    status_reason: z.string().nullable(),
    created_at: TimestampSchema,
    last_checked_at: TimestampSchema.nullable(),
  })
  .meta({ id: 'Connection' })

export const ListConnectionsQuerySchema = z.strictObject({
  end_user_id: ShortTextSchema.optional(),
  status: ConnectionStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().min(1).max(512).optional(),
})

export const listConnections = defineEndpoint({
  method: 'GET',
  path: '/v1/connections',
  auth: 'secret_key',
  summary: "List this host app's connections",
  body: undefined,
  query: ListConnectionsQuerySchema,
  status: 200,
  response: listEnvelope(ConnectionSchema),
})

export const getConnection = defineEndpoint({
  method: 'GET',
  path: '/v1/connections/:id',
  auth: 'secret_key',
  summary: 'Get one connection',
  body: undefined,
  query: undefined,
  status: 200,
  response: ConnectionSchema,
})

export const revokeConnection = defineEndpoint({
  method: 'DELETE',
  path: '/v1/connections/:id',
  auth: 'secret_key',
  summary: 'Revoke a connection: its key is erased and its tokens stop working',
  body: undefined,
  query: undefined,
  status: 200,
  response: ConnectionSchema,
})

export const checkConnection = defineEndpoint({
  method: 'POST',
  path: '/v1/connections/:id/check',
  auth: 'secret_key',
  summary: 'Check the stored key against the directory now',
  body: undefined,
  query: undefined,
  status: 200,
  response: ConnectionSchema,
})

export type ConnectionStatus = z.infer<typeof ConnectionStatusSchema>
export type Connection = z.infer<typeof ConnectionSchema>
export type ListConnectionsQuery = z.input<typeof ListConnectionsQuerySchema>
