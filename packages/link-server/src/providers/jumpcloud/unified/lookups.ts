import { graphTarget, str } from '../mappers/common'
import { chunk, readAll, readWindow, unexpected } from '../paging'
import type { GraphConnectionRecord, GroupRecord, SystemRecord, SystemUserRecord } from '../records'
import {
  type CollectionReader,
  each,
  enc,
  nextOffset,
  offsetOf,
  orEmpty,
  type ReadContext,
} from './context'
import { matchesLocalFilter, parseLocalFilter } from './local-filter'

// Reads several collections share: records by id, group names, graph targets.

/**
 * v1 records by id, in the order asked, with extra v1 filters ANDed (missing ones dropped).
 * Ids go to `POST /api/search/…` as `{"filter": {"or": [{"_id": …}, …]}}`, the form the V1 spec
 * documents (`User_Search`, `System_Search`); the extra filters are checked on what comes back.
 */
export async function recordsByIds<T extends { _id?: string | null; id?: string | null }>(
  ctx: ReadContext,
  path: '/api/systemusers' | '/api/systems',
  ids: readonly string[],
  filters: readonly string[] = [],
  fields?: string,
): Promise<T[]> {
  if (ids.length === 0) return []
  const local = filters.map(parseLocalFilter)
  const projection = fields
    ? [...new Set([...fields.split(' '), '_id', ...local.map((f) => f.field)])].join(' ')
    : undefined
  const pages = await each(chunk(ids), async (group) => {
    const { body } = await ctx.http.json<{ results?: unknown }>(ctx.session, {
      method: 'POST',
      path: path === '/api/systemusers' ? '/api/search/systemusers' : '/api/search/systems',
      body: {
        filter: { or: group.map((id) => ({ _id: id })) },
        ...(projection ? { fields: projection } : {}),
        limit: group.length,
        skip: 0,
      },
    })
    if (!Array.isArray(body.results)) throw unexpected()
    return body.results as T[]
  })
  const byId = new Map<string, T>()
  for (const record of pages.flat()) {
    const id = str(record._id) ?? str(record.id)
    if (id !== null && local.every((f) => matchesLocalFilter(record, f))) byId.set(id, record)
  }
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/** id → name of every user group or device group. */
export async function groupNames(
  ctx: ReadContext,
  kind: 'usergroups' | 'systemgroups',
): Promise<Map<string, string>> {
  const groups = await readAll<GroupRecord>(ctx.http, ctx.session, {
    path: `/api/v2/${kind}`,
    style: 'v2',
  })
  const names = new Map<string, string>()
  for (const group of groups) {
    const id = str(group.id)
    const name = str(group.name)
    if (id !== null && name !== null) names.set(id, name)
  }
  return names
}

/** Every graph result of a traversal (`/v2/users/{id}/memberof`, `/v2/systems/{id}/users`). */
export function traversal(ctx: ReadContext, path: string): Promise<GraphConnectionRecord[]> {
  return readAll<GraphConnectionRecord>(ctx.http, ctx.session, { path, style: 'v2' })
}

/** Ids of one type among graph results, in order, once each. */
export function targetIds(connections: readonly GraphConnectionRecord[], type: string): string[] {
  const ids = new Set<string>()
  for (const connection of connections) {
    const target = graphTarget(connection)
    if (target && (target.type === null || target.type === type)) ids.add(target.id)
  }
  return [...ids]
}

/** The systems bound to a user, directly or through groups; none when the user is unknown. */
export async function systemIdsOfUser(ctx: ReadContext, userId: string): Promise<string[]> {
  const found = await orEmpty(
    readAllRecord(ctx, `/api/v2/users/${enc(userId)}/systems`),
    [] as GraphConnectionRecord[],
  )
  return targetIds(found, 'system')
}

/** Like `traversal`, but a 404 on the parent is `resource_not_found`. */
export function readAllRecord(ctx: ReadContext, path: string): Promise<GraphConnectionRecord[]> {
  return readAll<GraphConnectionRecord>(ctx.http, ctx.session, {
    path,
    style: 'v2',
    context: 'record',
  })
}

/** id → username, to match device users to local accounts. */
export async function usernames(
  ctx: ReadContext,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const users = await recordsByIds<SystemUserRecord>(ctx, '/api/systemusers', ids, [], 'username')
  const names = new Map<string, string>()
  for (const user of users) {
    const id = str(user._id) ?? str(user.id)
    const name = str(user.username)
    if (id !== null && name !== null) names.set(id, name)
  }
  return names
}

export type { SystemRecord }

/**
 * A group's effective members, one window of v2 `/membership` per page: user groups and device
 * groups page the same way and differ only in their path and mapper.
 */
export function groupMembershipReader<T>(
  kind: 'usergroups' | 'systemgroups',
  map: (connections: readonly GraphConnectionRecord[]) => T[],
): CollectionReader {
  return {
    async list(ctx, request) {
      const skip = offsetOf(request.position)
      const window = await readWindow<GraphConnectionRecord>(
        ctx.http,
        ctx.session,
        {
          path: `/api/v2/${kind}/${enc(request.parentId ?? '')}/membership`,
          style: 'v2',
          context: 'record',
        },
        skip,
        request.limit,
      )
      return {
        result: map(window.items),
        next: nextOffset(skip, request.limit, window.items.length, window.total),
        ...(window.total === undefined ? {} : { total: window.total }),
      }
    },
  }
}
