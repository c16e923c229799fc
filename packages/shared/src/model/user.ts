import { z } from 'zod'
import {
  NamedRefSchema,
  PhoneSchema,
  RefSchema,
  RemoteDataSchema,
  TimestampSchema,
  TriStateSchema,
} from './common'

export const UserStatusSchema = z.enum(['active', 'inactive', 'invited'])

export const MfaStatusSchema = z.enum([
  'not_enrolled',
  'disabled',
  'pending_activation',
  'enrollment_expired',
  'in_enrollment',
  'pre_enrollment',
  'enrolled',
])

export const UserEmailSchema = z.object({
  email: z.string(),
  type: z.enum(['work', 'alternate']),
  is_primary: z.boolean(),
})

/** A person in the directory (`/v1/unified/user-directory/users`). */
export const UserSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    email: z.string().nullable(),
    emails: z.array(UserEmailSchema),
    first_name: z.string().nullable(),
    middle_name: z.string().nullable(),
    last_name: z.string().nullable(),
    display_name: z.string().nullable(),
    status: UserStatusSchema,
    is_locked: z.boolean(),
    is_mfa_enabled: TriStateSchema,
    mfa_status: MfaStatusSchema.nullable(),
    job_title: z.string().nullable(),
    department: z.string().nullable(),
    cost_center: z.string().nullable(),
    company: z.string().nullable(),
    location: z.string().nullable(),
    employee_number: z.string().nullable(),
    employee_type: z.string().nullable(),
    manager: RefSchema.nullable(),
    phones: z.array(PhoneSchema),
    organization: RefSchema,
    roles: z.array(NamedRefSchema),
    /**
     * Present (`true`) only when the directory's admin list could not be read: `roles` then
     * holds only the roles the user's own record names and may be missing some.
     */
    roles_unknown: z.literal(true).optional(),
    custom_attributes: z.record(z.string(), z.string()),
    password_expires_at: TimestampSchema.nullable(),
    created_at: TimestampSchema,
    updated_at: TimestampSchema.nullable(),
    /** Only with `expand=groups`. */
    groups: z.array(NamedRefSchema).optional(),
    /** Only with `expand=last_login`: the newest successful login seen in the event log. */
    last_login_at: TimestampSchema.nullable().optional(),
    remote_data: RemoteDataSchema.optional(),
  })
  .meta({ id: 'User' })

export type UserStatus = z.infer<typeof UserStatusSchema>
export type MfaStatus = z.infer<typeof MfaStatusSchema>
export type User = z.infer<typeof UserSchema>
