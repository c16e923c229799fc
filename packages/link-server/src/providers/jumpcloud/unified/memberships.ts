import type { NamedRef } from '@jumplink/shared'
import { graphTarget, str } from '../mappers/common'
import { readAll } from '../paging'
import type { GraphConnectionRecord, GroupRecord } from '../records'
import { type ConnectionCacheOptions, createConnectionCache } from './connection-cache'
import { each, enc, type ReadContext } from './context'
import { traversal } from './lookups'

// Which user groups each user is in (and, the same way, which device groups each device is in). One `/users/{id}/memberof` call per user made a page of
// 1,000 employees cost 1,000 upstream calls; read from the group side instead (every group, then
// each group's direct members) it costs about groups + members / 100 calls, once per connection
// and organization for a minute, so every page of one export shares it.

export type MembershipIndexOptions = ConnectionCacheOptions & {
  /** User groups (the default: users' groups) or device groups (devices' groups). */
  kind?: GroupKind
}

/** The group collection an index reads, and the graph types of its members. */
export type GroupKind = 'usergroups' | 'systemgroups'
const MEMBER_TYPES: Record<GroupKind, { member: string; group: string }> = {
  usergroups: { member: 'user', group: 'user_group' },
  systemgroups: { member: 'system', group: 'system_group' },
}

export interface Memberships {
  /** user id → every group that contains them, directly or through nested groups. */
  byUser: Map<string, string[]>
  names: Map<string, string>
  /** Every group's id, named or not, in list order. */
  groupIds: string[]
}

/** A user's (or device's) groups as refs, ordered by id, whichever way they were read. */
export function userGroupRefs(
  ids: Iterable<string>,
  names: ReadonlyMap<string, string>,
): NamedRef[] {
  return [...new Set(ids)].sort().map((id) => ({ id, name: names.get(id) ?? null }))
}

/** The groups of one user from `/users/{id}/memberof` (for a single record). */
export async function groupsOfUser(
  ctx: ReadContext,
  userId: string,
  names: ReadonlyMap<string, string>,
): Promise<NamedRef[]> {
  const memberOf = await traversal(ctx, `/api/v2/users/${enc(userId)}/memberof`)
  return userGroupRefs(groupIds(memberOf), names)
}

function groupIds(connections: readonly GraphConnectionRecord[]): string[] {
  return connections.flatMap((c) => {
    const target = graphTarget(c)
    return target && (target.type === null || target.type === 'user_group') ? [target.id] : []
  })
}

/** Reads every group and its direct members, then closes over nesting. */
export async function readMemberships(
  ctx: ReadContext,
  kind: GroupKind = 'usergroups',
): Promise<Memberships> {
  const types = MEMBER_TYPES[kind]
  const groups = await readAll<GroupRecord>(ctx.http, ctx.session, {
    path: `/api/v2/${kind}`,
    style: 'v2',
  })
  const names = new Map<string, string>()
  const ids: string[] = []
  for (const group of groups) {
    const id = str(group.id)
    if (id === null) continue
    ids.push(id)
    const name = str(group.name)
    if (name !== null) names.set(id, name)
  }
  const members = await each(ids, (id) =>
    readAll<GraphConnectionRecord>(ctx.http, ctx.session, {
      path: `/api/v2/${kind}/${enc(id)}/members`,
      style: 'v2',
    }),
  )
  // member id → the groups it is directly in (users and nested groups alike).
  const parents = new Map<string, string[]>()
  const users = new Set<string>()
  ids.forEach((groupId, i) => {
    for (const connection of members[i] ?? []) {
      const target = graphTarget(connection)
      if (!target) continue
      if (target.type === types.member) users.add(target.id)
      else if (target.type !== types.group) continue
      const list = parents.get(target.id) ?? []
      list.push(groupId)
      parents.set(target.id, list)
    }
  })
  // Every group reachable upwards, as `/memberof` answers; a cycle is walked once.
  const byUser = new Map<string, string[]>()
  for (const user of users) {
    const found = new Set<string>()
    const queue = [...(parents.get(user) ?? [])]
    for (let group = queue.shift(); group !== undefined; group = queue.shift()) {
      if (found.has(group)) continue
      found.add(group)
      queue.push(...(parents.get(group) ?? []))
    }
    byUser.set(user, [...found])
  }
  return { byUser, names, groupIds: ids }
}

/**
 * Memberships per connection and organization, read from the group side and kept a minute:
 * users' groups, or with `kind: 'systemgroups'` devices' groups (ids are then device ids).
 */
export function createMembershipIndex(options: MembershipIndexOptions = {}) {
  const kind = options.kind ?? 'usergroups'
  const memberships = createConnectionCache((ctx) => readMemberships(ctx, kind), options)

  return {
    /** Each user's groups as refs (none for a user in no group). */
    async groupsOf(ctx: ReadContext, userIds: readonly string[]): Promise<Map<string, NamedRef[]>> {
      const { byUser, names } = await memberships(ctx)
      return new Map(userIds.map((id) => [id, userGroupRefs(byUser.get(id) ?? [], names)]))
    },
    /** The whole index (the device users index joins it with the groups' bindings). */
    read: (ctx: ReadContext): Promise<Memberships> => memberships(ctx),
    /** The group names the index was read with. */
    async names(ctx: ReadContext): Promise<Map<string, string>> {
      return (await memberships(ctx)).names
    },
    /** Forgets a connection's memberships (a write changed them, or it was revoked). */
    forget: (connectionId: string) => memberships.forget(connectionId),
  }
}

export type MembershipIndex = ReturnType<typeof createMembershipIndex>
