import type { MfaStatus, NamedRef, User } from '@jumplink/shared'
import { MfaStatusSchema } from '@jumplink/shared'
import type { AttributeRecord, SystemUserRecord } from '../records'
import {
  bool,
  isoTimestamp,
  recordId,
  refOrNull,
  requireStr,
  requireTimestamp,
  str,
} from './common'
import { isSecretName } from './remote-data'
import { adminRoleNames, roleRef } from './role'
import { shownState } from './user-state'

export interface UserContext {
  /** The connection's organization, used when the record's `organization` is blank. */
  organizationId?: string
  /** From `indexAdminRoles(GET /api/users)`; without it only the record's own `admin` counts. */
  adminRolesByEmail?: ReadonlyMap<string, readonly string[]>
  /** `expand=groups`: every group containing the user (`unified/memberships.ts`). */
  groups?: readonly NamedRef[]
  /** `expand=last_login`: `latestLogins(DI events).get(id) ?? null`. */
  lastLoginAt?: string | null
  /** JumpCloud has no modification time; a DI `user_update` time when the caller has one. */
  updatedAt?: string | null
  /** The admin list could not be read: `roles` holds only what the record says. */
  rolesUnknown?: boolean
}

/**
 * The top-level systemuser fields `mapUser` reads (names of V1 `systemuserreturn`): asked for
 * with `fields` when the caller wants no remote data, so the directory sends, and we parse,
 * about half of each record. A field read here must be listed (`user.test.ts` checks).
 */
export const USER_FIELDS = [
  '_id',
  'username',
  'email',
  'alternateEmail',
  'admin',
  'firstname',
  'middlename',
  'lastname',
  'displayname',
  'state',
  'suspended',
  'account_locked',
  'totp_enabled',
  'mfa',
  'mfaEnrollment',
  'jobTitle',
  'department',
  'costCenter',
  'company',
  'location',
  'employeeIdentifier',
  'employeeType',
  'manager',
  'phoneNumbers',
  'organization',
  'attributes',
  'password_never_expires',
  'password_expiration_date',
  'created',
] as const

const STATUS = { ACTIVATED: 'active', SUSPENDED: 'inactive', STAGED: 'invited' } as const

/** Follows `shownState`: `state` when present, else `suspended`; never `activated` alone. */
export function userStatus(record: SystemUserRecord): User['status'] {
  return STATUS[shownState(record)]
}

/**
 * `true` when any factor is on; `false` only when `mfa.configured` (which covers every factor)
 * says so; otherwise unknown — `totp_enabled: false` alone says nothing about push or WebAuthn.
 */
export function mfaEnabled(record: SystemUserRecord): boolean | null {
  const configured = bool(record.mfa?.configured)
  if (record.totp_enabled === true || configured === true) return true
  if (str(record.mfaEnrollment?.overallStatus)?.toUpperCase() === 'ENROLLED') return true
  return configured
}

/** A set, not a schema parse per record: a page maps hundreds, and a failed parse is costly. */
const MFA_STATUSES: ReadonlySet<string> = new Set(MfaStatusSchema.options)

export function mfaStatus(record: SystemUserRecord): MfaStatus | null {
  const status = str(record.mfaEnrollment?.overallStatus)?.toLowerCase()
  return status !== undefined && MFA_STATUSES.has(status) ? (status as MfaStatus) : null
}

export function displayName(record: SystemUserRecord): string | null {
  const shown = str(record.displayname)
  if (shown !== null) return shown
  const first = str(record.firstname)
  const last = str(record.lastname)
  return first !== null && last !== null ? `${first} ${last}` : (first ?? last)
}

/** `{name: value}` of custom attributes; secret ones are left out, non-strings stringified. */
export function customAttributes(
  attributes: readonly AttributeRecord[] | null | undefined,
): Record<string, string> {
  const result: Record<string, string> = {}
  for (const attribute of attributes ?? []) {
    const name = str(attribute?.name)
    if (name === null || attribute.secret === true || attribute.sensitive === true) continue
    if (isSecretName(name)) continue
    const value = attribute.value
    if (value === null || value === undefined) continue
    result[name] = typeof value === 'string' ? value : JSON.stringify(value)
  }
  return result
}

export function phones(record: Pick<SystemUserRecord, 'phoneNumbers'>) {
  const result: { number: string; type: string | null }[] = []
  for (const phone of record.phoneNumbers ?? []) {
    const number = str(phone?.number)
    if (number !== null) result.push({ number, type: str(phone.type) })
  }
  return result
}

/**
 * A systemuser as a unified User. Field choices follow JumpCloud's own SCIM mapping (§15):
 * title ← jobTitle, userType ← employeeType, organization ← company, employeeNumber ←
 * employeeIdentifier; `status` follows `state` rather than SCIM's boolean `active`.
 */
export function mapUser(record: SystemUserRecord, context: UserContext = {}): User {
  const id = recordId(record, 'systemuser')
  const email = str(record.email)
  const alternate = str(record.alternateEmail)
  const key = email === null ? null : email.toLowerCase()
  const emails: User['emails'] = []
  if (email !== null) emails.push({ email, type: 'work', is_primary: true })
  if (alternate !== null && alternate.toLowerCase() !== key) {
    emails.push({ email: alternate, type: 'alternate', is_primary: false })
  }

  // Most users are no admin: no role names, no sets.
  const own = record.admin ? adminRoleNames(record.admin) : []
  const granted = (key && context.adminRolesByEmail?.get(key)) || []
  const roleNames = granted.length === 0 ? own : [...new Set([...own, ...granted])]

  const user: User = {
    id,
    username: requireStr(record.username, 'systemuser', 'username'),
    email,
    emails,
    first_name: str(record.firstname),
    middle_name: str(record.middlename),
    last_name: str(record.lastname),
    display_name: displayName(record),
    status: userStatus(record),
    is_locked: record.account_locked === true,
    is_mfa_enabled: mfaEnabled(record),
    mfa_status: mfaStatus(record),
    job_title: str(record.jobTitle),
    department: str(record.department),
    cost_center: str(record.costCenter),
    company: str(record.company),
    location: str(record.location),
    employee_number: str(record.employeeIdentifier),
    employee_type: str(record.employeeType),
    manager: refOrNull(record.manager),
    phones: phones(record),
    organization: {
      id: requireStr(
        str(record.organization) ?? context.organizationId,
        'systemuser',
        'organization',
      ),
    },
    roles: roleNames.map(roleRef),
    custom_attributes: customAttributes(record.attributes),
    // A stale date on a never-expiring password would read as a coming expiry.
    password_expires_at:
      record.password_never_expires === true ? null : isoTimestamp(record.password_expiration_date),
    created_at: requireTimestamp(record.created, 'systemuser', 'created'),
    updated_at: context.updatedAt ?? null,
  }
  if (context.groups !== undefined) user.groups = [...context.groups]
  if (context.lastLoginAt !== undefined) user.last_login_at = context.lastLoginAt
  if (context.rolesUnknown) user.roles_unknown = true
  return user
}
