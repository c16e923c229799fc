import { z } from 'zod'
import { RemoteDataSchema, TimestampSchema } from './common'

export const EventPartySchema = z.object({
  type: z.string().nullable(),
  id: z.string().nullable(),
  username: z.string().nullable(),
  email: z.string().nullable(),
})

/** One entry of the directory's audit log (`/v1/unified/events`), newest first. */
export const DirectoryEventSchema = z
  .object({
    id: z.string(),
    /** The directory's event type, verbatim (`user_login_attempt`, `sso_auth`, …). */
    type: z.string(),
    service: z.string(),
    occurred_at: TimestampSchema,
    success: z.boolean().nullable(),
    actor: EventPartySchema.nullable(),
    target: EventPartySchema.nullable(),
    application: z
      .object({ id: z.string(), name: z.string().nullable(), sso_type: z.string().nullable() })
      .nullable(),
    device: z
      .object({ id: z.string(), hostname: z.string().nullable(), os: z.string().nullable() })
      .nullable(),
    client_ip: z.string().nullable(),
    geo: z
      .object({ country_code: z.string().nullable(), region_code: z.string().nullable() })
      .nullable(),
    user_agent: z.string().nullable(),
    mfa: z.boolean().nullable(),
    error_message: z.string().nullable(),
    changes: z.array(z.object({ field: z.string() })),
    remote_data: RemoteDataSchema.optional(),
  })
  .meta({ id: 'DirectoryEvent' })

export type EventParty = z.infer<typeof EventPartySchema>
export type DirectoryEvent = z.infer<typeof DirectoryEventSchema>
