import { z } from 'zod'
import { RefSchema, RemoteDataSchema, TimestampSchema } from './common'

/** A user group (`/v1/unified/user-directory/groups`). */
export const GroupSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    email: z.string().nullable(),
    /** The directory has no team/department split for groups, so this is always `group`. */
    group_type: z.literal('group'),
    /** `null` when the directory does not say (real groups often carry no membership method). */
    membership_automated: z.boolean().nullable(),
    /** Only with `expand=member_count`. */
    member_count: z.number().int().nonnegative().optional(),
    created_at: TimestampSchema.nullable(),
    updated_at: TimestampSchema.nullable(),
    remote_data: RemoteDataSchema.optional(),
  })
  .meta({ id: 'Group' })

/** One member of a group (`…/groups/:id/members`): a user, directly or through a nested group. */
export const GroupMemberSchema = z
  .object({
    user: RefSchema,
    via: z.enum(['direct', 'group']),
  })
  .meta({ id: 'GroupMember' })

export type Group = z.infer<typeof GroupSchema>
export type GroupMember = z.infer<typeof GroupMemberSchema>
