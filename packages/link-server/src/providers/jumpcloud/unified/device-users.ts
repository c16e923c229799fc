import { graphTarget, str } from '../mappers/common'
import { type DeviceUserLink, userLinksOf } from '../mappers/device'
import { readAll, readPage } from '../paging'
import type { GraphConnectionRecord, GroupRecord, SystemRecord } from '../records'
import { type ConnectionCacheOptions, createConnectionCache } from './connection-cache'
import { each, enc, orEmpty, type ReadContext } from './context'
import { usernames as readUsernames, targetIds } from './lookups'

// Who may use each device of a page (`expand=users`), without paging `/v2/systems/{id}/users`
// for every device: that traversal walks every member of every group bound to the device, so a
// server bound to a large group cost tens of calls, and a page of 100 devices hundreds.
//
// Each device's first traversal page is read (one call); when it holds all of the device's
// users, it is the answer. Past a page, the device's users are rebuilt from the four kinds of
// path the V2 spec's SystemTraverseUser follows (a user bound to it; a user group bound to it; a
// user, or a user group, bound to a device group it is in): every group's bindings read once
// from the group side (`/{usergroups|systemgroups}/{id}/associations?targets=…`, the V2 spec's
// *Association_Get), joined with the devices' groups (the device membership index) and with the
// users of each bound user group (`/usergroups/{id}/membership`, UserGroupMembership_Get: nested
// members too), and the device's own direct bindings (`/systems/{id}/associations?targets=user`:
// JumpCloud has no bulk read of those). All of it, and the usernames local accounts are matched
// with, is kept per connection and organization for a minute, as the membership indexes are: a
// page read again in that time costs no call.

/**
 * A direct binding (a graph association) and whether its attributes grant sudo: the sudo of a
 * path is that of its bindings (the compiled attributes the sandbox's traversal gives; a user
 * group's own attributes are not compiled in, see the README).
 */
interface Binding {
  id: string
  sudo: boolean
}

/** Every binding of a group, with the memberships it is joined with. */
interface GroupBindings {
  /** device id → user groups bound to it. */
  userGroupsOfSystem: Map<string, Binding[]>
  /** device group id → users bound to it. */
  usersOfSystemGroup: Map<string, Binding[]>
  /** device group id → user groups bound to it. */
  userGroupsOfSystemGroup: Map<string, Binding[]>
  /** device id → every device group containing it (the device membership index). */
  systemGroupsOf: ReadonlyMap<string, readonly string[]>
  /** bound user group id → every user in it, nested groups included. */
  usersOf: Map<string, string[]>
}
/** What one connection's index holds for its lifetime, filled as pages ask. */
interface State {
  bindings: Promise<GroupBindings> | undefined
  devices: Map<string, Promise<DeviceUserLink[]>>
  usernames: Map<string, Promise<string | undefined>>
}

/** A device's users in one order, whether read from the index or fresh (`mdm.ts`). */
export const byId = (a: DeviceUserLink, b: DeviceUserLink) =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/** A v2 page, the most JumpCloud gives at once. */
const TRAVERSAL_PAGE = 100

const grantsSudo = (attributes: Record<string, unknown> | null | undefined) =>
  (attributes?.sudo as { enabled?: unknown } | undefined)?.enabled === true

/** The direct associations of one graph object with objects of one type (all pages). */
async function associations(
  ctx: ReadContext,
  kind: 'systems' | 'usergroups' | 'systemgroups',
  id: string,
  targets: 'user' | 'user_group' | 'system' | 'system_group',
): Promise<Binding[]> {
  // A group or device removed since it was listed has no bindings left.
  const connections = await orEmpty(
    readAll<GraphConnectionRecord>(ctx.http, ctx.session, {
      path: `/api/v2/${kind}/${enc(id)}/associations`,
      query: { targets },
      style: 'v2',
      context: 'record',
    }),
    [],
  )
  return connections.flatMap((connection) => {
    const target = graphTarget(connection)
    return target && target.type === targets
      ? [{ id: target.id, sudo: grantsSudo(connection.attributes) }]
      : []
  })
}

function push(map: Map<string, Binding[]>, key: string, binding: Binding): void {
  const list = map.get(key) ?? []
  list.push(binding)
  map.set(key, list)
}

/**
 * Every group's bindings: user groups' devices, device groups' users, and the user groups bound
 * to device groups (read from whichever side has fewer groups); then the users of each bound
 * user group, from its `/membership` (direct and nested members, with their paths).
 */
export async function readGroupBindings(ctx: ReadContext): Promise<GroupBindings> {
  const [userGroups, systemGroups] = await Promise.all([
    readAll<GroupRecord>(ctx.http, ctx.session, { path: '/api/v2/usergroups', style: 'v2' }),
    ctx.deviceMemberships.read(ctx),
  ])
  const userGroupIds = userGroups.flatMap((group) => str(group.id) ?? [])
  const fromSystemGroups = systemGroups.groupIds.length <= userGroupIds.length
  const [systemsOfUserGroups, usersOfSystemGroups, groupToGroup] = await Promise.all([
    each(userGroupIds, (id) => associations(ctx, 'usergroups', id, 'system')),
    each(systemGroups.groupIds, (id) => associations(ctx, 'systemgroups', id, 'user')),
    fromSystemGroups
      ? each(systemGroups.groupIds, (id) => associations(ctx, 'systemgroups', id, 'user_group'))
      : each(userGroupIds, (id) => associations(ctx, 'usergroups', id, 'system_group')),
  ])
  const userGroupsOfSystem = new Map<string, Binding[]>()
  userGroupIds.forEach((groupId, i) => {
    for (const system of systemsOfUserGroups[i] ?? []) {
      push(userGroupsOfSystem, system.id, { id: groupId, sudo: system.sudo })
    }
  })
  const usersOfSystemGroup = new Map<string, Binding[]>()
  systemGroups.groupIds.forEach((groupId, i) => {
    usersOfSystemGroup.set(groupId, usersOfSystemGroups[i] ?? [])
  })
  const userGroupsOfSystemGroup = new Map<string, Binding[]>()
  const sides = fromSystemGroups ? systemGroups.groupIds : userGroupIds
  sides.forEach((groupId, i) => {
    for (const other of groupToGroup[i] ?? []) {
      if (fromSystemGroups) push(userGroupsOfSystemGroup, groupId, other)
      else push(userGroupsOfSystemGroup, other.id, { id: groupId, sudo: other.sudo })
    }
  })
  // Only the user groups bound to something give a device users.
  const bound = [
    ...new Set(
      [...userGroupsOfSystem.values(), ...userGroupsOfSystemGroup.values()].flatMap((list) =>
        list.map((group) => group.id),
      ),
    ),
  ]
  const memberships = await each(bound, (id) =>
    orEmpty(
      readAll<GraphConnectionRecord>(ctx.http, ctx.session, {
        path: `/api/v2/usergroups/${enc(id)}/membership`,
        style: 'v2',
        context: 'record',
      }),
      [],
    ),
  )
  const usersOf = new Map<string, string[]>()
  bound.forEach((groupId, i) => {
    usersOf.set(groupId, targetIds(memberships[i] ?? [], 'user'))
  })
  return {
    userGroupsOfSystem,
    usersOfSystemGroup,
    userGroupsOfSystemGroup,
    systemGroupsOf: systemGroups.byUser,
    usersOf,
  }
}

/** One device's users, from its direct bindings and the groups' bindings, ordered by id. */
export function linksOf(
  deviceId: string,
  direct: readonly Binding[],
  bindings: GroupBindings,
): DeviceUserLink[] {
  const links = new Map<string, DeviceUserLink>()
  const add = (id: string, via: 'direct' | 'group', sudo: boolean) => {
    const previous = links.get(id)
    links.set(id, {
      id,
      via: previous?.via === 'direct' ? 'direct' : via,
      sudo: previous?.sudo === true || sudo,
    })
  }
  const throughGroup = (group: Binding) => {
    for (const user of bindings.usersOf.get(group.id) ?? []) add(user, 'group', group.sudo)
  }
  for (const user of direct) add(user.id, 'direct', user.sudo)
  for (const group of bindings.userGroupsOfSystem.get(deviceId) ?? []) throughGroup(group)
  for (const systemGroup of bindings.systemGroupsOf.get(deviceId) ?? []) {
    for (const user of bindings.usersOfSystemGroup.get(systemGroup) ?? []) {
      add(user.id, 'group', user.sudo)
    }
    for (const group of bindings.userGroupsOfSystemGroup.get(systemGroup) ?? []) {
      throughGroup(group)
    }
  }
  return [...links.values()].sort(byId)
}

/** Keeps a read in `map` until it fails, so that the next page asks again. */
function kept<T>(map: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> {
  const existing = map.get(key)
  if (existing) return existing
  const value = read()
  map.set(key, value)
  value.catch(() => {
    if (map.get(key) === value) map.delete(key)
  })
  return value
}

/**
 * Each device's users per connection and organization, kept `ttlMs` (a minute, as the
 * membership indexes): each device's when a page first holds it, the groups' bindings once a
 * device needs them.
 */
export function createDeviceUsersIndex(options: ConnectionCacheOptions = {}) {
  const states = createConnectionCache<State>(
    async () => ({ bindings: undefined, devices: new Map(), usernames: new Map() }),
    options,
  )

  const bindingsOf = (ctx: ReadContext, state: State): Promise<GroupBindings> => {
    if (state.bindings) return state.bindings
    const read = readGroupBindings(ctx)
    state.bindings = read
    read.catch(() => {
      if (state.bindings === read) state.bindings = undefined
    })
    return read
  }

  /** Usernames of these users, read 100 at a time for the ones not yet known. */
  const usernamesOf = async (ctx: ReadContext, state: State, ids: readonly string[]) => {
    const missing = ids.filter((id) => !state.usernames.has(id))
    if (missing.length > 0) {
      const batch = readUsernames(ctx, missing)
      for (const id of missing) kept(state.usernames, id, () => batch.then((m) => m.get(id)))
    }
    const found = await Promise.all(ids.map((id) => state.usernames.get(id)))
    const names = new Map<string, string>()
    ids.forEach((id, i) => {
      const name = found[i]
      if (name !== undefined) names.set(id, name)
    })
    return names
  }

  /**
   * One device's users: the first page of its traversal when that is all of it (one call, as
   * exact as can be); past a page, its direct bindings joined with the groups' bindings rather
   * than the traversal's further pages (which walk every member of every bound group).
   */
  const usersOfDevice = async (
    ctx: ReadContext,
    state: State,
    id: string,
  ): Promise<DeviceUserLink[]> => {
    const first = await orEmpty(
      readPage<GraphConnectionRecord>(
        ctx.http,
        ctx.session,
        { path: `/api/v2/systems/${enc(id)}/users`, style: 'v2', context: 'record' },
        0,
        TRAVERSAL_PAGE,
      ),
      { items: [], total: 0 },
    )
    const whole =
      first.total === undefined
        ? first.items.length < TRAVERSAL_PAGE
        : first.total <= first.items.length
    if (whole) return userLinksOf(first.items).sort(byId)
    const [bindings, direct] = await Promise.all([
      bindingsOf(ctx, state),
      associations(ctx, 'systems', id, 'user'),
    ])
    return linksOf(id, direct, bindings)
  }

  return {
    /**
     * The users of these devices, and the usernames of those on a device that reports local
     * accounts (the only ones a username is matched against).
     */
    async usersOf(ctx: ReadContext, systems: readonly SystemRecord[]) {
      const state = await states(ctx)
      const ids = systems.map((system) => system._id ?? system.id ?? '')
      const found = await each(ids, (id) =>
        kept(state.devices, id, () => usersOfDevice(ctx, state, id)),
      )
      const links = new Map(ids.map((id, i) => [id, found[i] ?? []]))
      const named = new Set<string>()
      systems.forEach((system, i) => {
        if ((system.userMetrics ?? []).length === 0) return
        for (const link of found[i] ?? []) named.add(link.id)
      })
      return { links, usernames: await usernamesOf(ctx, state, [...named]) }
    },
    /** Forgets a connection's device users (bindings or memberships changed, or revoked). */
    forget: (connectionId: string) => states.forget(connectionId),
  }
}

export type DeviceUsersIndex = ReturnType<typeof createDeviceUsersIndex>
