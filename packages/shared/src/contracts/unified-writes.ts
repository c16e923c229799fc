import { z } from 'zod'
import { GroupSchema, UserSchema } from '../model'
import { defineEndpoint, type Endpoint } from './endpoint'

// Writes through the unified API, for `read_write` connections only. Field names are the read
// model's, so what a host writes is what it reads back. Every write takes an `Idempotency-Key`
// header (same key within 24 hours: the first answer again, no second change) and an optional
// `X-End-User-Id` header naming the host's user who acted, recorded in the audit trail.

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key'
export const END_USER_ID_HEADER = 'x-end-user-id'
/** Printable ASCII, as the Idempotency-Key header draft and Stripe use; UUIDs fit. */
export const IdempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, 'must be 1 to 255 printable ASCII characters')

const Text = z.string().trim().max(1024)
const Id = z.string().trim().min(1).max(128)

/** What a user write may set (the SCIM connector's attributes, in the unified names). */
const userFields = {
  /** The directory's rules: letters, digits, `.`, `-`, `_`; spaces become dots; not an email. */
  username: z.string().trim().min(1).max(1024),
  email: z.email().max(1024),
  first_name: Text,
  middle_name: Text,
  last_name: Text,
  display_name: Text,
  job_title: Text,
  department: Text,
  company: Text,
  cost_center: Text,
  location: Text,
  employee_number: z.string().trim().max(256),
  employee_type: Text,
  /** Another user's id. */
  manager_id: Id,
}

export const CreateUserRequestSchema = z
  .strictObject({
    ...userFields,
    first_name: userFields.first_name.optional(),
    middle_name: userFields.middle_name.optional(),
    last_name: userFields.last_name.optional(),
    display_name: userFields.display_name.optional(),
    job_title: userFields.job_title.optional(),
    department: userFields.department.optional(),
    company: userFields.company.optional(),
    cost_center: userFields.cost_center.optional(),
    location: userFields.location.optional(),
    employee_number: userFields.employee_number.optional(),
    employee_type: userFields.employee_type.optional(),
    manager_id: userFields.manager_id.optional(),
  })
  .meta({ id: 'CreateUserRequest' })

/** Only the fields sent change; `null` clears a field (not `username` or `email`). */
export const UpdateUserRequestSchema = z
  .strictObject({
    username: userFields.username.optional(),
    email: userFields.email.optional(),
    first_name: userFields.first_name.nullable().optional(),
    middle_name: userFields.middle_name.nullable().optional(),
    last_name: userFields.last_name.nullable().optional(),
    display_name: userFields.display_name.nullable().optional(),
    job_title: userFields.job_title.nullable().optional(),
    department: userFields.department.nullable().optional(),
    company: userFields.company.nullable().optional(),
    cost_center: userFields.cost_center.nullable().optional(),
    location: userFields.location.nullable().optional(),
    employee_number: userFields.employee_number.nullable().optional(),
    employee_type: userFields.employee_type.nullable().optional(),
    manager_id: userFields.manager_id.nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'must change at least one field' })
  .meta({ id: 'UpdateUserRequest' })

export const CreateGroupRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(1024),
    description: Text.optional(),
    email: z.email().max(1024).optional(),
  })
  .meta({ id: 'CreateGroupRequest' })

export const AddGroupMemberRequestSchema = z
  .strictObject({ user_id: Id })
  .meta({ id: 'AddGroupMemberRequest' })

export const DeletedRecordSchema = z
  .object({ id: z.string(), deleted: z.literal(true) })
  .meta({ id: 'DeletedRecord' })

export const GroupMembershipSchema = z
  .object({
    group_id: z.string(),
    user_id: z.string(),
    /** Whether the user is a direct member now. */
    is_member: z.boolean(),
    /** False when the user already was (or was not) a member: nothing changed. */
    changed: z.boolean(),
  })
  .meta({ id: 'GroupMembership' })

const USERS = '/v1/unified/user-directory/users'
const GROUPS = '/v1/unified/user-directory/groups'

const userAction = (path: string, summary: string) =>
  defineEndpoint({
    method: 'POST',
    path: `${USERS}/:id/${path}`,
    auth: 'integration_token',
    summary,
    body: undefined,
    query: undefined,
    status: 200,
    response: UserSchema,
  })

/** Every unified write, by the action name the audit trail records. */
export const UNIFIED_WRITES = {
  'user.create': defineEndpoint({
    method: 'POST',
    path: USERS,
    auth: 'integration_token',
    summary: 'Create a user (pending until they activate their account)',
    body: CreateUserRequestSchema,
    query: undefined,
    status: 201,
    response: UserSchema,
  }),
  'user.update': defineEndpoint({
    method: 'PATCH',
    path: `${USERS}/:id`,
    auth: 'integration_token',
    summary: "Change a user's fields (only those sent)",
    body: UpdateUserRequestSchema,
    query: undefined,
    status: 200,
    response: UserSchema,
  }),
  'user.suspend': userAction('suspend', 'Suspend a user'),
  'user.reactivate': userAction('reactivate', 'Reactivate a suspended user'),
  'user.unlock': userAction('unlock', 'Unlock a user locked out by failed logins'),
  'user.reset_mfa': userAction('reset-mfa', "Reset a user's MFA: they enroll again"),
  'user.delete': defineEndpoint({
    method: 'DELETE',
    path: `${USERS}/:id`,
    auth: 'integration_token',
    summary: 'Delete a user',
    body: undefined,
    query: undefined,
    status: 200,
    response: DeletedRecordSchema,
  }),
  'group.create': defineEndpoint({
    method: 'POST',
    path: GROUPS,
    auth: 'integration_token',
    summary: 'Create a user group',
    body: CreateGroupRequestSchema,
    query: undefined,
    status: 201,
    response: GroupSchema,
  }),
  'group.delete': defineEndpoint({
    method: 'DELETE',
    path: `${GROUPS}/:id`,
    auth: 'integration_token',
    summary: 'Delete a user group',
    body: undefined,
    query: undefined,
    status: 200,
    response: DeletedRecordSchema,
  }),
  'group.add_member': defineEndpoint({
    method: 'POST',
    path: `${GROUPS}/:id/members`,
    auth: 'integration_token',
    summary: 'Add a user to a group (this is how SSO apps are assigned)',
    body: AddGroupMemberRequestSchema,
    query: undefined,
    status: 200,
    response: GroupMembershipSchema,
  }),
  'group.remove_member': defineEndpoint({
    method: 'DELETE',
    path: `${GROUPS}/:id/members/:userId`,
    auth: 'integration_token',
    summary: 'Remove a user from a group',
    body: undefined,
    query: undefined,
    status: 200,
    response: GroupMembershipSchema,
  }),
} as const satisfies Record<string, Endpoint>

export type UnifiedWriteAction = keyof typeof UNIFIED_WRITES
export const UNIFIED_WRITE_ACTIONS = Object.keys(UNIFIED_WRITES) as UnifiedWriteAction[]

export type CreateUserRequest = z.input<typeof CreateUserRequestSchema>
export type UpdateUserRequest = z.input<typeof UpdateUserRequestSchema>
export type CreateGroupRequest = z.input<typeof CreateGroupRequestSchema>
export type DeletedRecord = z.infer<typeof DeletedRecordSchema>
export type GroupMembership = z.infer<typeof GroupMembershipSchema>
