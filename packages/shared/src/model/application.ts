import { z } from 'zod'
import { RefSchema, RemoteDataSchema, TimestampSchema } from './common'

/** An SSO application (`/v1/unified/sso/applications`). */
export const ApplicationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    catalog_name: z.string().nullable(),
    sso_type: z.enum(['saml', 'oidc', 'other']).nullable(),
    sso_url: z.string().nullable(),
    is_active: z.boolean(),
    logo_url: z.string().nullable(),
    created_at: TimestampSchema.nullable(),
    /** Only with `expand=last_used`: the newest SSO login to this app seen in the event log. */
    last_used_at: TimestampSchema.nullable().optional(),
    remote_data: RemoteDataSchema.optional(),
  })
  .meta({ id: 'Application' })

/** Who may use an application (`…/applications/:id/assignments`), directly or through groups. */
export const ApplicationAssignmentSchema = z
  .object({
    user: RefSchema,
    via: z.enum(['direct', 'group']),
    groups: z.array(RefSchema),
    /** Only with `expand=last_used`. */
    last_used_at: TimestampSchema.nullable().optional(),
  })
  .meta({ id: 'ApplicationAssignment' })

export type Application = z.infer<typeof ApplicationSchema>
export type ApplicationAssignment = z.infer<typeof ApplicationAssignmentSchema>
