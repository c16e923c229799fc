import { randomUUID } from 'node:crypto'
import type { Organization } from '../data/organization.ts'
import type { JcSystem, SystemUser } from '../data/types.ts'
import { storedRecordsChanged } from '../query/stored-views.ts'
import { changeUserGroupMembers } from '../writes/groups.ts'
import { notFound, reject } from '../writes/rejections.ts'
import { createUser, deleteUser, updateUser } from '../writes/users.ts'

// Changes an admin makes in JumpCloud's console, for change-feed tests and the demo. Each one
// goes through the same store mutations as JumpCloud's write API (writes/) and is recorded as
// the Directory Insights event JumpCloud would log (jumpcloud-api.md §9: user_create,
// user_update with `changes`, user_suspended, user_unsuspended, user_delete,
// association_change, system_update), so `/insights/directory/v1/events` shows it too.

type Body = Record<string, unknown>

/** Who the sandbox says made the change (DI's `initiated_by`). */
const SANDBOX_ADMIN = { id: '5f0000000000000000000a01', type: 'admin', email: 'admin@sandbox.test' }

function record(
  org: Organization,
  event: { event_type: string; service: string; success: boolean; [field: string]: unknown },
  now: Date,
): void {
  // The organization's events are generated once and kept in time order; a change happens now,
  // so appending keeps that order.
  org.events().push({
    id: randomUUID(),
    timestamp: now.toISOString(),
    organization: org.id,
    client_ip: '198.51.100.7',
    '@version': '1',
    initiated_by: SANDBOX_ADMIN,
    ...event,
  })
}

const userRef = (user: SystemUser) => ({
  id: user._id,
  type: 'systemuser',
  username: user.username,
  email: user.email,
})

export function adminCreateUser(org: Organization, body: Body, now = new Date()): SystemUser {
  const user = createUser(org, body, now)
  record(
    org,
    { event_type: 'user_create', service: 'directory', success: true, resource: userRef(user) },
    now,
  )
  return user
}

/** A partial update: JumpCloud's `PUT /systemusers/{id}` body (`suspended`, names, title…). */
export function adminUpdateUser(
  org: Organization,
  id: string,
  body: Body,
  now = new Date(),
): SystemUser {
  const before = structuredClone(org.findUser(id) ?? notFound('User'))
  const user = updateUser(org, id, body)
  const changes = Object.keys(body)
    .filter((field) => field !== 'suspended' && field !== 'state')
    .map((field) => ({
      field,
      from: before[field as keyof SystemUser],
      to: user[field as keyof SystemUser],
    }))
    .filter((change) => JSON.stringify(change.from) !== JSON.stringify(change.to))
  if (changes.length > 0)
    record(
      org,
      {
        event_type: 'user_update',
        service: 'directory',
        success: true,
        resource: userRef(user),
        changes,
      },
      now,
    )
  if (before.suspended !== user.suspended)
    record(
      org,
      {
        event_type: user.suspended ? 'user_suspended' : 'user_unsuspended',
        service: 'directory',
        success: true,
        resource: userRef(user),
      },
      now,
    )
  return user
}

export function adminDeleteUser(org: Organization, id: string, now = new Date()): SystemUser {
  const user = deleteUser(org, id, { clearManager: true })
  record(
    org,
    { event_type: 'user_delete', service: 'directory', success: true, resource: userRef(user) },
    now,
  )
  return user
}

/** Adds or removes a user in a user group (`op: "add"|"remove"`). */
export function adminChangeMembership(
  org: Organization,
  groupId: string,
  body: Body,
  now = new Date(),
): void {
  changeUserGroupMembers(org, groupId, { ...body, type: 'user' })
  const group = org.data.userGroups.find((g) => g.id === groupId)
  const user = org.findUser(String(body.id))
  record(
    org,
    {
      event_type: 'association_change',
      service: 'directory',
      success: true,
      resource: { id: groupId, type: 'user_group', name: group?.name },
      association: {
        op: body.op,
        connection: {
          from: { type: 'user_group', object_id: groupId },
          to: { type: 'user', object_id: String(body.id), name: user?.username },
        },
      },
    },
    now,
  )
}

/** Device posture a console admin or the agent changes: disk encryption and whether the agent is active. */
export function adminSetPosture(
  org: Organization,
  systemId: string,
  body: Body,
  now = new Date(),
): JcSystem {
  const system = org.findSystem(systemId) ?? notFound('System')
  const changes: { field: string; from: unknown; to: unknown }[] = []
  if (body.diskEncryption !== undefined) {
    if (typeof body.diskEncryption !== 'boolean') reject('diskEncryption', 'must be a boolean')
    if (system.fde.active !== body.diskEncryption) {
      changes.push({ field: 'fde.active', from: system.fde.active, to: body.diskEncryption })
      system.fde = { active: body.diskEncryption, keyPresent: body.diskEncryption }
    }
  }
  if (body.active !== undefined) {
    if (typeof body.active !== 'boolean') reject('active', 'must be a boolean')
    if (system.active !== body.active) {
      changes.push({ field: 'active', from: system.active, to: body.active })
      system.active = body.active
    }
  }
  if (changes.length > 0) {
    system.lastContact = now.toISOString()
    storedRecordsChanged()
    record(
      org,
      {
        event_type: 'system_update',
        service: 'systems',
        success: true,
        resource: { id: system._id, type: 'system', hostname: system.hostname },
        system: { id: system._id, hostname: system.hostname, displayName: system.displayName },
        changes,
      },
      now,
    )
  }
  return system
}
