import { JumpLinkError, type NamedRef } from '@jumplink/shared'
import type { UnifiedListRequest } from '../../provider'
import { JUMPCLOUD } from '../config'
import { emailKey, str } from '../mappers/common'
import { mapGroup, mapGroupMembers } from '../mappers/group'
import { mapOrganization } from '../mappers/organization'
import { indexAdminRoles, mapRoles } from '../mappers/role'
import { mapUser, USER_FIELDS, type UserContext } from '../mappers/user'
import { type ShownState, shownState } from '../mappers/user-state'
import { readAll, readPage, readWindow, streamWindow } from '../paging'
import type {
  AdminRecord,
  GraphConnectionRecord,
  OrganizationRecord,
  SystemUserRecord,
  UserGroupRecord,
} from '../records'
import { lastLogin, lastLogins } from './activity'
import {
  type CollectionReader,
  each,
  enc,
  mapAll,
  mapEach,
  mapOne,
  nextOffset,
  nextWindowPosition,
  offsetOf,
  orEmpty,
  pageOf,
  quiet,
  type ReadContext,
  type Warning,
  windowPositionOf,
} from './context'
import { readFilteredPage } from './filtered-page'
import { allChecks, systemuserFilters, USER_STATES } from './filters'
import { groupMembershipReader, groupNames, recordsByIds, targetIds } from './lookups'
import { groupsOfUser } from './memberships'

interface UserFilters {
  created_after?: string
  email?: string
  status?: keyof typeof USER_STATES
  group_id?: string
}

/**
 * A page of systemusers for users and employees: the v1 list with its filters, or, with
 * `group_id`, a page of the group's effective members fetched by id with the other filters.
 *
 * A status is matched on the state each user is shown with (`shownState`). Only `STAGED` can
 * be asked of JumpCloud exactly; older records without `state` are shown active or inactive
 * from `suspended`, so those two are matched here after reading (`filtered-page.ts`), as is
 * `created_after`, which the V1 spec has no operator for; such pages have a total only once
 * they reach the end.
 *
 * With `request.stream`, `records` are the first upstream page's and `rest` the later ones',
 * still on their way; else `rest` is empty. A request that continues a cursor reads the next
 * window ahead (`streamWindow`); one that asks for more than one upstream page from the start
 * does too, if the connection's last window read ahead was taken.
 */
export async function systemuserPage(
  ctx: ReadContext,
  request: UnifiedListRequest,
  filters: { created_after?: string; email?: string; state?: ShownState; group_id?: string },
  /** Only these fields of each record (V1 `fields`); all of them when absent. */
  fields?: readonly string[],
): Promise<{
  records: SystemUserRecord[]
  rest: Promise<SystemUserRecord[]>[]
  next: unknown
  total?: number
}> {
  const exactState = filters.state === 'STAGED' ? filters.state : undefined
  const v1 = systemuserFilters({ ...filters, state: exactState })
  const matchedHere = filters.state !== undefined && exactState === undefined
  const keep = (records: readonly SystemUserRecord[]) =>
    records.filter(
      (r) =>
        // Exact but case-sensitive upstream; JumpCloud keeps emails lowercased, as we compare.
        (!filters.email || emailKey(r.email) === emailKey(filters.email)) &&
        (!matchedHere || shownState(r) === filters.state),
    )
  if (filters.group_id !== undefined) {
    const { skip } = windowPositionOf(request.position)
    const members = await orEmpty(
      readWindow<GraphConnectionRecord>(
        ctx.http,
        ctx.session,
        {
          path: `/api/v2/usergroups/${enc(filters.group_id)}/membership`,
          style: 'v2',
          context: 'record',
        },
        skip,
        request.limit,
      ),
      { items: [], total: 0 },
    )
    const records = keep(
      await recordsByIds<SystemUserRecord>(
        ctx,
        '/api/systemusers',
        targetIds(members.items, 'user'),
        allChecks(v1),
      ),
    )
    const next = nextOffset(skip, request.limit, members.items.length, members.total)
    // Other filters thin the page out, so the membership count is no longer the total.
    return allChecks(v1).length === 0 && !matchedHere && members.total !== undefined
      ? { records, rest: [], next, total: members.total }
      : { records, rest: [], next }
  }
  if (v1.local.length > 0 || matchedHere) {
    const page = await readFilteredPage<SystemUserRecord>(
      ctx,
      '/api/systemusers',
      v1,
      request.position,
      request.limit,
      matchedHere ? (record) => shownState(record) === filters.state : undefined,
      fields,
    )
    return {
      records: keep(page.items),
      rest: [],
      next: page.next,
      ...(page.total === undefined ? {} : { total: page.total }),
    }
  }
  const { skip, total: expectedTotal } = windowPositionOf(request.position)
  const window = await streamWindow<SystemUserRecord>(
    ctx.http,
    ctx.session,
    {
      path: '/api/systemusers',
      style: 'v1',
      query: { filter: v1.exact, sort: '_id', ...(fields ? { fields: fields.join(' ') } : {}) },
    },
    skip,
    request.limit,
    expectedTotal,
    // A reader that continues a cursor reads on: the next window is started ahead. A first page
    // of more than one upstream page does so only if the connection's readers have shown they
    // continue (its last window read ahead was taken): our SDK's `all()` and pollers ask for
    // 1000 and may stop after one page. What a reader that stops pays is bounded in
    // `streamWindow`.
    {
      readAhead:
        request.position !== undefined
          ? true
          : request.limit > JUMPCLOUD.pageSize && 'if-continued',
    },
  )
  let items = window.first
  let rest = window.rest
  // Without a total, where the list ends depends on how many came back: read the whole window.
  if ((!request.stream || window.total === undefined) && rest.length > 0) {
    items = [items, ...(await Promise.all(rest))].flat()
    rest = []
  }
  const next = nextWindowPosition(
    nextOffset(skip, request.limit, items.length, window.total),
    window.total,
  )
  const page = {
    records: keep(items),
    rest: rest.map((later) => quiet(later.then(keep))),
    next,
  }
  return window.total === undefined ? page : { ...page, total: window.total }
}

/**
 * Admin roles by email, or `undefined` when the admin list (`GET /api/users`, read only for
 * roles) failed: the people still come back, their roles from their own record only, marked
 * `roles_unknown` and, on a list, with a `roles_unavailable` warning.
 */
async function adminRolesOrUnknown(
  ctx: ReadContext,
): Promise<ReadonlyMap<string, string[]> | undefined> {
  try {
    return await ctx.adminRoles(ctx)
  } catch (error) {
    if (error instanceof JumpLinkError) return undefined
    throw error
  }
}

const ROLES_UNAVAILABLE: Warning = {
  code: 'roles_unavailable',
  message:
    'The directory did not answer the admin list, so roles are unknown: each user lists only the roles its own record names, and carries roles_unknown: true.',
}

/** Admin roles by email, for users' `roles`; read through `ctx.adminRoles` (kept a minute). */
export async function readAdminRoles(ctx: ReadContext) {
  const admins = await readAll<AdminRecord>(ctx.http, ctx.session, {
    path: '/api/users',
    style: 'v1',
  })
  return indexAdminRoles(admins)
}

/**
 * Users with their roles and, on request, their groups and last login. A page's groups come
 * from the connection's membership index and its last logins from the login index (started
 * beside the page read: `logins`); one user's from its own `memberof` and one login query.
 */
async function mapUsers(
  ctx: ReadContext,
  records: readonly SystemUserRecord[],
  roles: ReadonlyMap<string, string[]> | undefined,
  request: { expand: readonly string[]; includeRemoteData: boolean },
  warnings: Warning[],
  via: 'index' | 'record',
) {
  const opts = { remote: request.includeRemoteData }
  const wantGroups = request.expand.includes('groups')
  const wantLogin = request.expand.includes('last_login')
  const ids = wantGroups || wantLogin ? records.flatMap((r) => str(r._id) ?? str(r.id) ?? []) : []
  const [indexed, names, logins] = await Promise.all([
    wantGroups && via === 'index' ? ctx.memberships.groupsOf(ctx, ids) : undefined,
    wantGroups && via === 'record' ? groupNames(ctx, 'usergroups') : undefined,
    wantLogin && via === 'index' ? lastLogins(ctx, ids) : undefined,
  ])
  const extrasOf = (groups: NamedRef[] | undefined, login: string | null | undefined) => ({
    ...(wantGroups ? { groups: groups ?? [] } : {}),
    ...(wantLogin ? { lastLoginAt: login ?? null } : {}),
  })
  // A page's extras are at hand (or not asked for); only one record's are read one by one.
  const context =
    via === 'index'
      ? undefined
      : new Map(
          await each(records, async (record) => {
            const id = str(record._id) ?? str(record.id)
            if (id === null) return [record, {}] as const
            const [groups, login] = await Promise.all([
              names ? groupsOfUser(ctx, id, names) : undefined,
              wantLogin ? lastLogin(ctx, id) : undefined,
            ])
            return [record, extrasOf(groups, login)] as const
          }),
        )
  // What every record of the page shares, built once: a page of 100 maps in about a quarter
  // less time than with the context spread together per record.
  const shared: UserContext = {
    organizationId: ctx.session.organizationId,
    ...(roles ? { adminRolesByEmail: roles } : { rolesUnknown: true }),
  }
  // Nothing per record: no extras asked for, and none read one by one (`context` is only
  // there `via === 'record'`).
  if (!wantGroups && !wantLogin && via === 'index') {
    return mapAll(records, (record) => mapUser(record, shared), opts, warnings)
  }
  return mapAll(
    records,
    (record) => {
      const id = str(record._id) ?? str(record.id)
      const extras =
        context?.get(record) ?? (id === null ? {} : extrasOf(indexed?.get(id), logins?.get(id)))
      return mapUser(record, { ...shared, ...extras })
    },
    opts,
    warnings,
  )
}

export const users: CollectionReader = {
  async list(ctx, request) {
    const filters = request.filters as UserFilters
    // Read beside the page, not after it, and kept a minute: the admins (for roles) and, when
    // asked for, the membership and login indexes (a failed one fails the page when it is used).
    if (request.expand.includes('last_login')) ctx.loginIndex(ctx).catch(() => {})
    if (request.expand.includes('groups')) ctx.memberships.groupsOf(ctx, []).catch(() => {})
    const [page, roles] = await Promise.all([
      systemuserPage(
        ctx,
        request,
        { ...filters, ...(filters.status ? { state: USER_STATES[filters.status] } : {}) },
        // Remote data is the whole record; without it, only what the mapper reads.
        request.includeRemoteData ? undefined : USER_FIELDS,
      ),
      adminRolesOrUnknown(ctx),
    ])
    const warnings: Warning[] = roles ? [] : [ROLES_UNAVAILABLE]
    const map = (records: SystemUserRecord[]) =>
      mapUsers(ctx, records, roles, request, warnings, 'index')
    const result = await map(page.records)
    return {
      result,
      ...(page.rest.length > 0 ? { more: mapEach(page.rest, map) } : {}),
      next: page.next,
      ...(page.total === undefined ? {} : { total: page.total }),
      warnings,
    }
  },
  async get(ctx, request) {
    const [{ body }, roles] = await Promise.all([
      ctx.http.json<SystemUserRecord>(ctx.session, {
        path: `/api/systemusers/${enc(request.id)}`,
        context: 'record',
      }),
      adminRolesOrUnknown(ctx),
    ])
    const warnings: Warning[] = []
    const [user] = await mapUsers(ctx, [body], roles, request, warnings, 'record')
    if (!user) throw new JumpLinkError('resource_not_found')
    return user
  },
}

async function memberCount(ctx: ReadContext, groupId: string): Promise<number> {
  const page = await readPage(
    ctx.http,
    ctx.session,
    {
      path: `/api/v2/usergroups/${enc(groupId)}/membership`,
      style: 'v2',
    },
    0,
    1,
  )
  return page.total ?? 0
}

export const groups: CollectionReader = {
  async list(ctx, request) {
    const skip = offsetOf(request.position)
    const window = await streamWindow<UserGroupRecord>(
      ctx.http,
      ctx.session,
      { path: '/api/v2/usergroups', style: 'v2', query: { sort: 'id' } },
      skip,
      request.limit,
    )
    let items = window.first
    let rest = window.rest
    // Without a total, where the list ends depends on how many came back: read the whole window.
    if ((!request.stream || window.total === undefined) && rest.length > 0) {
      items = [items, ...(await Promise.all(rest))].flat()
      rest = []
    }
    const warnings: Warning[] = []
    // Each group's member count is its own call: an upstream page maps on its own.
    const map = async (groups: UserGroupRecord[]) => {
      const counts = request.expand.includes('member_count')
        ? await each(groups, (g) =>
            str(g.id) ? memberCount(ctx, str(g.id) ?? '') : Promise.resolve(0),
          )
        : undefined
      const index = new Map(groups.map((g, i) => [g, counts?.[i]]))
      return mapAll(
        groups,
        (g) => {
          const count = index.get(g)
          return mapGroup(g, count === undefined ? {} : { memberCount: count })
        },
        { remote: request.includeRemoteData },
        warnings,
      )
    }
    const result = await map(items)
    return {
      result,
      ...(rest.length > 0 ? { more: mapEach(rest, map) } : {}),
      next: nextOffset(skip, request.limit, items.length, window.total),
      ...(window.total === undefined ? {} : { total: window.total }),
      warnings,
    }
  },
  async get(ctx, request) {
    const { body } = await ctx.http.json<UserGroupRecord>(ctx.session, {
      path: `/api/v2/usergroups/${enc(request.id)}`,
      context: 'record',
    })
    const count = request.expand.includes('member_count')
      ? await memberCount(ctx, request.id)
      : undefined
    return mapOne(body, (g) => mapGroup(g, count === undefined ? {} : { memberCount: count }), {
      remote: request.includeRemoteData,
    })
  },
}

export const groupMembers = groupMembershipReader('usergroups', mapGroupMembers)

async function organizationRecord(ctx: ReadContext): Promise<OrganizationRecord> {
  const { body } = await ctx.http.json<OrganizationRecord>(ctx.session, {
    path: `/api/organizations/${enc(ctx.session.organizationId)}`,
    context: 'record',
  })
  return body
}

export const organizations: CollectionReader = {
  async list(ctx, request) {
    const skip = offsetOf(request.position)
    const record = await organizationRecord(ctx)
    const warnings: Warning[] = []
    const all = mapAll([record], mapOrganization, { remote: request.includeRemoteData }, warnings)
    return { ...pageOf(all, skip, request.limit), total: all.length, warnings }
  },
  async get(ctx, request) {
    if (request.id !== ctx.session.organizationId) throw new JumpLinkError('resource_not_found')
    return mapOne(await organizationRecord(ctx), mapOrganization, {
      remote: request.includeRemoteData,
    })
  },
}

/** Roles come from the admin list; derived, so paged in memory. */
async function allRoles(ctx: ReadContext) {
  const admins = await readAll<AdminRecord>(ctx.http, ctx.session, {
    path: '/api/users',
    style: 'v1',
  })
  return mapRoles(admins)
}

export const roles: CollectionReader = {
  async list(ctx, request) {
    return pageOf(await allRoles(ctx), request.position, request.limit)
  },
  async get(ctx, request) {
    const role = (await allRoles(ctx)).find((r) => r.id === request.id)
    if (!role) throw new JumpLinkError('resource_not_found')
    return role
  },
}
