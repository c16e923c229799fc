import { addMember, removeMember } from '../data/graph.ts'
import type { Organization } from '../data/organization.ts'
import type { UserGroup } from '../data/types.ts'
import { storedRecordsChanged } from '../query/stored-views.ts'
import { newObjectId } from './ids.ts'
import { conflict, notFound, reject } from './rejections.ts'

// User group writes as JumpCloud's v2 API answers them (jumpcloud-api.md §5, §10):
// `POST /usergroups` (201, `name` required and unique), `DELETE /usergroups/{id}`, and
// `POST /usergroups/{id}/members` with `{op: "add"|"remove", type: "user", id}` (204).

type Body = Record<string, unknown>

function optionalText(body: Body, field: string): string {
  const value = body[field]
  if (value === undefined) return ''
  if (typeof value !== 'string') reject(field, 'must be a string')
  return value
}

function groupOf(org: Organization, id: string): UserGroup {
  return org.data.userGroups.find((g) => g.id === id) ?? notFound('User group')
}

export function createUserGroup(org: Organization, body: Body, now = new Date()): UserGroup {
  const name = body.name
  if (typeof name !== 'string' || name.trim() === '') reject('name', 'is required')
  if (name.length > 1024) reject('name', 'must be at most 1024 characters')
  if (org.data.userGroups.some((g) => g.name.toLowerCase() === name.toLowerCase()))
    reject('name', 'already exists')
  const group: UserGroup = {
    id: newObjectId(org, now),
    name,
    type: 'user_group',
    description: optionalText(body, 'description'),
    email: optionalText(body, 'email'),
    attributes: null,
    membershipMethod: 'STATIC',
    memberQueryErrorFlags: [],
    organizationObjectId: org.id,
    suggestionCounts: { add: 0, remove: 0, total: 0 },
  }
  org.data.userGroups.push(group)
  storedRecordsChanged()
  return group
}

/** Removes the group, its memberships (as member and as parent) and its bindings. */
export function deleteUserGroup(org: Organization, id: string): UserGroup {
  const data = org.data
  const group = groupOf(org, id)
  // A new array: lookups cached per list (id index, sorted orders) must not outlive a removal.
  data.userGroups = data.userGroups.filter((g) => g.id !== id)
  storedRecordsChanged()
  data.graph.members.delete(id)
  for (const parentId of data.graph.members.keys()) removeMember(data.graph, parentId, id)
  data.graph.associations.delete(id)
  for (const [from, list] of data.graph.associations)
    data.graph.associations.set(
      from,
      list.filter((to) => to.id !== id),
    )
  return group
}

/**
 * `POST /usergroups/{id}/members`: adding a member already there answers 409; removing one who
 * is not there changes nothing.
 */
export function changeUserGroupMembers(org: Organization, id: string, body: Body): void {
  const group = groupOf(org, id)
  if (body.op !== 'add' && body.op !== 'remove') reject('op', 'must be add or remove')
  if (body.type !== 'user') reject('type', 'must be user')
  if (typeof body.id !== 'string' || body.id === '') reject('id', 'is required')
  const user = org.findUser(body.id) ?? notFound('User')
  const members = org.data.graph.members.get(group.id) ?? []
  const present = members.some((m) => m.id === user._id)
  storedRecordsChanged()
  if (body.op === 'add') {
    if (present) conflict('Already Exists')
    addMember(org.data.graph, group.id, { id: user._id, type: 'user', attributes: null })
  } else if (present) {
    removeMember(org.data.graph, group.id, user._id)
  }
}
