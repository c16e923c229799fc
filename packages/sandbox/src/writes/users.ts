import { iso } from '../data/context.ts'
import { removeMember } from '../data/graph.ts'
import type { Organization } from '../data/organization.ts'
import type { SystemUser, UserState } from '../data/types.ts'
import { storedRecordsChanged } from '../query/stored-views.ts'
import { newObjectId } from './ids.ts'
import { conflict, notFound, reject } from './rejections.ts'

// System user writes as JumpCloud answers them (jumpcloud-api.md §10): `POST /systemusers`
// needs `username` and `email`, `PUT` changes only the fields it is sent, states move between
// STAGED, ACTIVATED and SUSPENDED, and usernames, emails and employee ids are unique.

/** Letters, digits, dot, dash, underscore: no spaces, no `@` (an email is not a username). */
export const USERNAME_PATTERN = /^[A-Za-z0-9._-]+$/
const MAX_LENGTH = 1024
const MAX_EMPLOYEE_ID_LENGTH = 256
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** The plain string fields of `systemuserput`, copied as sent. */
const TEXT_FIELDS = [
  'firstname',
  'middlename',
  'lastname',
  'displayname',
  'jobTitle',
  'department',
  'company',
  'costCenter',
  'location',
  'employeeType',
  'description',
  'alternateEmail',
  'managedAppleId',
] as const

type Body = Record<string, unknown>

function text(body: Body, field: string, max = MAX_LENGTH): string | undefined {
  const value = body[field]
  if (value === undefined) return undefined
  if (typeof value !== 'string') reject(field, 'must be a string')
  if (value.length > max) reject(field, `must be at most ${max} characters`)
  return value
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

/** Checks and applies the fields of a create or update body to `user` (a draft on create). */
function applyFields(org: Organization, user: SystemUser, body: Body, creating: boolean): void {
  const others = org.data.users.filter((u) => u._id !== user._id)
  const username = text(body, 'username')
  if (creating && !username) reject('username', 'is required')
  if (username !== undefined) {
    if (!USERNAME_PATTERN.test(username))
      reject('username', 'may contain only letters, digits, dots, dashes and underscores')
    if (others.some((u) => same(u.username, username))) reject('username', 'already exists')
    user.username = username
    user.systemUsername = username
  }
  const email = text(body, 'email')
  if (creating && !email) reject('email', 'is required')
  if (email !== undefined) {
    if (!EMAIL.test(email)) reject('email', 'is not a valid email address')
    if (others.some((u) => same(u.email, email))) reject('email', 'already exists')
    user.email = email
  }
  if (body.employeeIdentifier === null) user.employeeIdentifier = null
  else {
    const employeeId = text(body, 'employeeIdentifier', MAX_EMPLOYEE_ID_LENGTH)
    if (employeeId !== undefined) {
      if (employeeId !== '' && others.some((u) => u.employeeIdentifier === employeeId))
        reject('employeeIdentifier', 'already exists')
      user.employeeIdentifier = employeeId === '' ? null : employeeId
    }
  }
  const manager = text(body, 'manager')
  if (manager !== undefined) {
    if (manager !== '' && (manager === user._id || !others.some((u) => u._id === manager)))
      reject('manager', 'must be the id of another user in the organization')
    user.manager = manager
  }
  for (const field of TEXT_FIELDS) {
    const value = text(body, field)
    if (value !== undefined) user[field] = value
  }
  if (body.firstname !== undefined || body.lastname !== undefined) {
    if (body.displayname === undefined)
      user.displayname = [user.firstname, user.lastname].filter(Boolean).join(' ')
  }
}

/** Moves a user to `state`: suspending keeps whether they had activated, reactivating restores it. */
function setState(org: Organization, user: SystemUser, state: UserState): void {
  if (state === 'SUSPENDED') {
    user.state = 'SUSPENDED'
    user.suspended = true
  } else if (state === 'ACTIVATED') {
    user.state = 'ACTIVATED'
    user.suspended = false
    user.activated = true
  } else {
    user.state = 'STAGED'
    user.suspended = false
    user.activated = false
  }
  for (const system of org.data.systems) {
    for (const metric of system.userMetrics)
      if (metric.userName === user.username) metric.suspended = user.suspended
  }
}

function stateOf(body: Body, allowed: readonly UserState[]): UserState | undefined {
  let state: UserState | undefined
  if (body.suspended !== undefined) {
    if (typeof body.suspended !== 'boolean') reject('suspended', 'must be a boolean')
    state = body.suspended ? 'SUSPENDED' : 'ACTIVATED'
  }
  if (body.state !== undefined) {
    if (typeof body.state !== 'string' || !allowed.includes(body.state as UserState))
      reject('state', `must be one of ${allowed.join(', ')}`)
    state = body.state as UserState
  }
  return state
}

/** `POST /api/systemusers`: without a password (or a state) the user is STAGED until activation. */
export function createUser(org: Organization, body: Body, now = new Date()): SystemUser {
  const password = text(body, 'password')
  const requested = stateOf(body, ['STAGED', 'ACTIVATED', 'SUSPENDED'])
  const id = newObjectId(org, now)
  const user: SystemUser = {
    _id: id,
    id,
    username: '',
    systemUsername: '',
    email: '',
    alternateEmail: '',
    managedAppleId: '',
    firstname: '',
    middlename: '',
    lastname: '',
    displayname: '',
    jobTitle: '',
    department: '',
    company: '',
    costCenter: '',
    location: '',
    employeeType: '',
    employeeIdentifier: null,
    description: '',
    manager: '',
    state: 'STAGED',
    activated: false,
    suspended: false,
    account_locked: false,
    account_locked_date: null,
    password_date: password ? iso(now) : null,
    password_expiration_date: password ? iso(new Date(now.getTime() + 90 * 86_400_000)) : null,
    password_expired: false,
    password_never_expires: false,
    totp_enabled: false,
    enable_user_portal_multifactor: false,
    mfa: { configured: false, exclusion: false },
    mfaEnrollment: {
      overallStatus: 'NOT_ENROLLED',
      totpStatus: 'NOT_ENROLLED',
      webAuthnStatus: 'NOT_ENROLLED',
      pushStatus: 'NOT_ENROLLED',
    },
    addresses: [],
    phoneNumbers: [],
    attributes: [],
    relationships: [],
    recoveryEmail: { address: '', verified: false },
    restrictedFields: [],
    externally_managed: false,
    sudo: false,
    passwordless_sudo: false,
    allow_public_key: true,
    ldap_binding_user: false,
    samba_service_user: false,
    enable_managed_uid: false,
    disableDeviceMaxLoginAttempts: false,
    unix_uid: 5001 + org.data.users.length,
    unix_guid: 5001 + org.data.users.length,
    badLoginAttempts: 0,
    public_key: '',
    ssh_keys: [],
    creationSource: 'manualEntry',
    external_dn: '',
    external_source_type: '',
    organization: org.id,
    created: iso(now),
  }
  applyFields(org, user, body, true)
  const state = requested ?? (password ? 'ACTIVATED' : 'STAGED')
  if (state !== 'STAGED') setState(org, user, state)
  org.data.users.push(user)
  storedRecordsChanged()
  return user
}

/** `PUT /api/systemusers/{id}`: a partial update; `state` only ACTIVATED or SUSPENDED. */
export function updateUser(org: Organization, id: string, body: Body): SystemUser {
  const user = org.findUser(id) ?? notFound('User')
  // Checked on a copy so that a rejected update changes nothing.
  const draft: SystemUser = structuredClone(user)
  applyFields(org, draft, body, false)
  const state = stateOf(body, ['ACTIVATED', 'SUSPENDED'])
  if (state === 'ACTIVATED' && draft.state === 'STAGED')
    reject('state', 'cannot be ACTIVATED before the user has activated their account')
  const oldUsername = user.username
  Object.assign(user, draft)
  storedRecordsChanged()
  if (user.username !== oldUsername) {
    for (const system of org.data.systems)
      for (const metric of system.userMetrics)
        if (metric.userName === oldUsername) metric.userName = user.username
  }
  if (state && state !== user.state) {
    // Reactivating a user suspended before they ever activated puts them back to pending.
    setState(org, user, state === 'ACTIVATED' && !user.activated ? 'STAGED' : state)
  }
  return user
}

/** `POST /api/systemusers/{id}/unlock`. */
export function unlockUser(org: Organization, id: string): SystemUser {
  const user = org.findUser(id) ?? notFound('User')
  user.account_locked = false
  user.account_locked_date = null
  user.badLoginAttempts = 0
  storedRecordsChanged()
  return user
}

/** `POST /api/systemusers/{id}/resetmfa`: every factor must be enrolled again. */
export function resetUserMfa(org: Organization, id: string, body: Body): SystemUser {
  const user = org.findUser(id) ?? notFound('User')
  if (body.exclusion !== undefined && typeof body.exclusion !== 'boolean')
    reject('exclusion', 'must be a boolean')
  user.totp_enabled = false
  user.mfa = { configured: false, exclusion: body.exclusion === true }
  user.mfaEnrollment = {
    overallStatus: 'NOT_ENROLLED',
    totpStatus: 'NOT_ENROLLED',
    webAuthnStatus: 'NOT_ENROLLED',
    pushStatus: 'NOT_ENROLLED',
  }
  storedRecordsChanged()
  return user
}

/**
 * `DELETE /api/systemusers/{id}`: 409 while the user manages others, unless
 * `cascade_manager=null` clears their reports' manager. Group memberships and bindings go too.
 */
export function deleteUser(
  org: Organization,
  id: string,
  options: { clearManager: boolean },
): SystemUser {
  const data = org.data
  const user = org.findUser(id) ?? notFound('User')
  const reports = data.users.filter((u) => u.manager === id)
  if (reports.length > 0 && !options.clearManager)
    conflict(`User is the manager of ${reports.length} users`, 'FAILED_PRECONDITION')
  for (const report of reports) report.manager = ''
  storedRecordsChanged()
  // A new array: lookups cached per list (id index, sorted orders) must not outlive a removal.
  data.users = data.users.filter((u) => u._id !== id)
  for (const groupId of data.graph.members.keys()) removeMember(data.graph, groupId, id)
  data.graph.associations.delete(id)
  for (const [from, list] of data.graph.associations)
    data.graph.associations.set(
      from,
      list.filter((to) => to.id !== id),
    )
  return user
}
