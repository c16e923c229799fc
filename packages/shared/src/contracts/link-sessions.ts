import { z } from 'zod'
import { TimestampSchema } from '../model/common'
import { ConnectionIdSchema, PermissionsSchema, ShortTextSchema } from './common'
import { defineEndpoint } from './endpoint'

/** The host's own user who is connecting their organization. */
export const EndUserSchema = z.strictObject({
  id: ShortTextSchema,
  email: z.email().max(320).optional(),
  name: ShortTextSchema.optional(),
})

export const CreateLinkSessionRequestSchema = z
  .strictObject({
    end_user: EndUserSchema,
    permissions: PermissionsSchema.default('read'),
    /** Makes this an update (relink) session: the widget only asks for a new key. */
    connection_id: ConnectionIdSchema.optional(),
    /**
     * Whether the end user may connect an organization they already have a connection to as a
     * second connection. With false, the widget says the organization is already connected and
     * offers to give that connection the new key instead. Default true, as before this option.
     */
    allow_duplicates: z.boolean().default(true),
  })
  .meta({ id: 'CreateLinkSessionRequest' })

export const CreateLinkSessionResponseSchema = z
  .object({
    link_token: z.string(),
    expires_at: TimestampSchema,
  })
  .meta({ id: 'CreateLinkSessionResponse' })

export const createLinkSession = defineEndpoint({
  method: 'POST',
  path: '/v1/link-sessions',
  auth: 'secret_key',
  summary: 'Start a link session and get a link token for the widget',
  body: CreateLinkSessionRequestSchema,
  query: undefined,
  status: 201,
  response: CreateLinkSessionResponseSchema,
})

export type EndUser = z.infer<typeof EndUserSchema>
export type CreateLinkSessionRequest = z.input<typeof CreateLinkSessionRequestSchema>
export type CreateLinkSessionResponse = z.infer<typeof CreateLinkSessionResponseSchema>
