import { z } from 'zod'
import { RemoteDataSchema, TimestampSchema } from './common'

/** A directory organization; a single-org key sees one, a managed-service-provider key several. */
export const OrganizationSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    created_at: TimestampSchema.nullable(),
    remote_data: RemoteDataSchema.optional(),
  })
  .meta({ id: 'Organization' })

export type Organization = z.infer<typeof OrganizationSchema>
