import { JumpLinkError, type Platform } from '@jumplink/shared'
import { CREDENTIAL_REJECTED_CODES } from '../../credential'
import type { UnifiedListRequest } from '../../provider'
import { namedGraphRefs, str } from '../mappers/common'
import {
  appleMdmBySerial,
  insightsBySystem,
  mapDevice,
  platformOf,
  userLinksOf,
} from '../mappers/device'
import { mapDeviceGroup, mapDeviceGroupMembers } from '../mappers/device-group'
import { installedAppDeviceId, mapInstalledApp } from '../mappers/installed-app'
import { deviceRemoteData } from '../mappers/remote-data'
import { chunk, readAll, readWindow, streamWindow } from '../paging'
import type {
  AppleMdmDeviceRecord,
  AppleMdmRecord,
  GraphConnectionRecord,
  InsightRowBase,
  SystemGroupRecord,
  SystemInsights,
  SystemRecord,
} from '../records'
import {
  type CollectionReader,
  each,
  enc,
  mapAll,
  mapEach,
  mapOne,
  nextOffset,
  offsetOf,
  orEmpty,
  type ReadContext,
  type Warning,
} from './context'
import { byId } from './device-users'
import { readFilteredPage } from './filtered-page'
import {
  ALL_SOFTWARE_TABLES,
  allChecks,
  POSTURE_TABLES,
  SOFTWARE_TABLES,
  systemFilters,
} from './filters'
import {
  groupMembershipReader,
  groupNames,
  recordsByIds,
  systemIdsOfUser,
  targetIds,
  traversal,
  usernames,
} from './lookups'
import { userGroupRefs } from './memberships'

interface DeviceFilters {
  created_after?: string
  updated_after?: string
  status?: 'active' | 'inactive'
  user_id?: string
  group_id?: string
  platform?: Platform
}

/**
 * System Insights rows for these systems, by table: only the tables that report on the
 * platforms present, `system_id:in:` a hundred ids per call. A table this tenant does not have
 * (404) reports nothing, so its fields stay unknown; any other failure becomes a warning.
 */
async function postureOf(
  ctx: ReadContext,
  systems: readonly SystemRecord[],
  warnings: Warning[],
): Promise<Map<string, SystemInsights>> {
  const platforms = new Set(systems.map((s) => platformOf(s.osFamily, s.os)))
  const ids = systems.flatMap((s) => str(s._id) ?? str(s.id) ?? [])
  const tables = Object.entries(POSTURE_TABLES).flatMap(([table, on]) =>
    on === 'all' || on.some((p) => platforms.has(p)) ? [table] : [],
  )
  const rows: Record<string, InsightRowBase[]> = {}
  await each(tables, async (table) => {
    const found = await each(chunk(ids), (group) =>
      insightRows(ctx, table, [`system_id:in:${group.join('|')}`], warnings),
    )
    rows[table] = found.flat()
  })
  return insightsBySystem(rows)
}

/**
 * A warning about a table or index, given once per page: each hundred devices (one upstream
 * page, or one chunk of ids) would repeat it, and a streamed page maps them one by one.
 */
function warnOnce(warnings: Warning[], warning: Warning): void {
  if (warnings.some((w) => w.code === warning.code && w.message === warning.message)) return
  warnings.push(warning)
}

async function insightRows(
  ctx: ReadContext,
  table: string,
  filter: string[],
  warnings: Warning[],
): Promise<InsightRowBase[]> {
  try {
    return await readAll<InsightRowBase>(ctx.http, ctx.session, {
      path: `/api/v2/systeminsights/${table}`,
      style: 'insights',
      query: { filter },
      context: 'record',
    })
  } catch (error) {
    if (!(error instanceof JumpLinkError)) throw error
    if (error.code === 'resource_not_found') return []
    if (CREDENTIAL_REJECTED_CODES.has(error.code) || error.code === 'insufficient_permissions') {
      throw error
    }
    warnOnce(warnings, {
      code: 'partial_record',
      message: `System Insights table ${table} could not be read (${error.code}); its fields are null.`,
    })
    return []
  }
}

/**
 * Every device JumpCloud's Apple MDM enrolled, by serial: `GET /api/v2/applemdms` (one device
 * manager per organization in practice), then each one's devices, all pages.
 */
export async function readAppleMdmDevices(
  ctx: ReadContext,
): Promise<Map<string, AppleMdmDeviceRecord>> {
  const managers = await readAll<AppleMdmRecord>(ctx.http, ctx.session, {
    path: '/api/v2/applemdms',
    style: 'v2',
  })
  const lists = await each(
    managers.flatMap((m) => str(m.id) ?? []),
    (id) =>
      orEmpty(
        readAll<AppleMdmDeviceRecord>(ctx.http, ctx.session, {
          path: `/api/v2/applemdms/${enc(id)}/devices`,
          style: 'v2',
          context: 'record',
        }),
        [] as AppleMdmDeviceRecord[],
      ),
  )
  return appleMdmBySerial(lists.flat())
}

const APPLE_PLATFORMS = new Set(['macos', 'ios', 'ipados'])

/**
 * The Apple MDM index when the page has Apple devices. Without it (no MDM configured, or the
 * key's role may not read it) devices still come back, their `mdm.enrollment` unknown.
 */
async function appleMdmFor(
  ctx: ReadContext,
  systems: readonly SystemRecord[],
  warnings: Warning[],
): Promise<ReadonlyMap<string, AppleMdmDeviceRecord>> {
  if (!systems.some((s) => APPLE_PLATFORMS.has(platformOf(s.osFamily, s.os)))) return new Map()
  try {
    return await ctx.appleMdmDevices(ctx)
  } catch (error) {
    if (!(error instanceof JumpLinkError)) throw error
    if (error.code === 'invalid_api_key') throw error
    warnOnce(warnings, {
      code: 'partial_record',
      message: `Apple MDM could not be read (${error.code}); mdm.enrollment is null.`,
    })
    return new Map()
  }
}

/**
 * Devices with posture, and on request their users and groups. A page's users and groups come
 * from the connection's indexes (device users, device memberships); one device's from its own
 * `users` and `memberof` traversals. Either way ordered by id.
 */
async function mapDevices(
  ctx: ReadContext,
  systems: readonly SystemRecord[],
  request: { expand: readonly string[]; includeRemoteData: boolean },
  warnings: Warning[],
  via: 'index' | 'record',
) {
  const wantUsers = request.expand.includes('users')
  const wantGroups = request.expand.includes('groups')
  const ids = systems.map((system) => str(system._id) ?? str(system.id) ?? '')
  const [insights, names, indexed, indexedUsers, appleMdm] = await Promise.all([
    postureOf(ctx, systems, warnings),
    wantGroups && via === 'record' ? groupNames(ctx, 'systemgroups') : undefined,
    wantGroups && via === 'index' ? ctx.deviceMemberships.groupsOf(ctx, ids) : undefined,
    wantUsers && via === 'index' ? ctx.deviceUsers.usersOf(ctx, systems) : undefined,
    appleMdmFor(ctx, systems, warnings),
  ])
  const relations =
    via === 'index'
      ? systems.map((_, i) => ({
          users: indexedUsers?.links.get(ids[i] ?? ''),
          groups: indexed?.get(ids[i] ?? ''),
        }))
      : await each(systems, async (system) => {
          const id = str(system._id) ?? str(system.id) ?? ''
          const [users, memberOf] = await Promise.all([
            wantUsers ? traversal(ctx, `/api/v2/systems/${enc(id)}/users`) : undefined,
            wantGroups ? traversal(ctx, `/api/v2/systems/${enc(id)}/memberof`) : undefined,
          ])
          return {
            users: users ? userLinksOf(users).sort(byId) : undefined,
            groups: memberOf
              ? userGroupRefs(
                  namedGraphRefs(memberOf, 'system_group').map((ref) => ref.id),
                  names ?? new Map(),
                )
              : undefined,
          }
        })
  const byUser =
    via === 'index'
      ? indexedUsers?.usernames
      : wantUsers
        ? await usernames(ctx, [
            ...new Set(relations.flatMap((r) => r.users ?? []).map((u) => u.id)),
          ])
        : undefined
  const extras = new Map(systems.map((s, i) => [s, relations[i]]))
  const insightsOf = (s: SystemRecord) => insights.get(str(s._id) ?? str(s.id) ?? '') ?? {}
  return mapAll(
    systems,
    (system) => {
      const extra = extras.get(system)
      const mdmDevice = appleMdm.get(str(system.serialNumber)?.toUpperCase() ?? '')
      return mapDevice(system, {
        organizationId: ctx.session.organizationId,
        insights: insightsOf(system),
        ...(mdmDevice ? { appleMdm: mdmDevice } : {}),
        ...(wantUsers ? { users: extra?.users ?? [], usernames: byUser } : {}),
        ...(wantGroups ? { groups: extra?.groups ?? [] } : {}),
      })
    },
    {
      remote: request.includeRemoteData,
      raw: (system) => deviceRemoteData(system, insightsOf(system)),
    },
    warnings,
  )
}

/**
 * A page of systems: the v1 list with its filters, or a page of ids from a user or group. With
 * `request.stream`, a plain list's `systems` are its first upstream page's and `rest` the later
 * ones', still on their way (each is mapped on its own: posture, Apple MDM and the expand
 * indexes look up only that page's devices); filtered or membership pages are read whole.
 */
async function systemPage(ctx: ReadContext, request: UnifiedListRequest) {
  const filters = request.filters as DeviceFilters
  const v1 = systemFilters(filters)
  if (filters.group_id === undefined && filters.user_id === undefined && v1.local.length > 0) {
    // `created_after`, `updated_after`, `platform=unknown`: forms the V1 spec does not document.
    const page = await readFilteredPage<SystemRecord>(
      ctx,
      '/api/systems',
      v1,
      request.position,
      request.limit,
    )
    return { systems: page.items, rest: NO_REST, next: page.next, total: page.total }
  }
  const skip = offsetOf(request.position)
  if (filters.group_id === undefined && filters.user_id === undefined) {
    const window = await streamWindow<SystemRecord>(
      ctx.http,
      ctx.session,
      { path: '/api/systems', style: 'v1', query: { filter: v1.exact, sort: '_id' } },
      skip,
      request.limit,
    )
    let systems = window.first
    let rest = window.rest
    // Without a total, where the list ends depends on how many came back: read the whole window.
    if ((!request.stream || window.total === undefined) && rest.length > 0) {
      systems = [systems, ...(await Promise.all(rest))].flat()
      rest = []
    }
    return {
      systems,
      rest,
      next: nextOffset(skip, request.limit, systems.length, window.total),
      total: window.total,
    }
  }
  // A user's systems are few: read them all, then page through them (or intersect a group's).
  const ofUser =
    filters.user_id === undefined ? undefined : new Set(await systemIdsOfUser(ctx, filters.user_id))
  let ids: string[]
  let next: number | null
  let total: number | undefined
  if (filters.group_id !== undefined) {
    const members = await orEmpty(
      readWindow<GraphConnectionRecord>(
        ctx.http,
        ctx.session,
        {
          path: `/api/v2/systemgroups/${enc(filters.group_id)}/membership`,
          style: 'v2',
          context: 'record',
        },
        skip,
        request.limit,
      ),
      { items: [], total: 0 },
    )
    ids = targetIds(members.items, 'system').filter((id) => !ofUser || ofUser.has(id))
    next = nextOffset(skip, request.limit, members.items.length, members.total)
    total = ofUser ? undefined : members.total
  } else {
    const all = [...(ofUser ?? [])]
    ids = all.slice(skip, skip + request.limit)
    next = nextOffset(skip, request.limit, ids.length, all.length)
    total = all.length
  }
  const checks = allChecks(v1)
  const systems = await recordsByIds<SystemRecord>(ctx, '/api/systems', ids, checks)
  return { systems, rest: NO_REST, next, total: checks.length === 0 ? total : undefined }
}

/** The later upstream pages of a page read whole: none. */
const NO_REST: readonly Promise<SystemRecord[]>[] = []

export const devices: CollectionReader = {
  async list(ctx, request) {
    // Started beside the page read, as users' indexes are (a failed one fails the page when
    // it is used).
    if (request.expand.includes('groups')) ctx.deviceMemberships.groupsOf(ctx, []).catch(() => {})
    const page = await systemPage(ctx, request)
    const warnings: Warning[] = []
    const map = (systems: SystemRecord[]) => mapDevices(ctx, systems, request, warnings, 'index')
    const result = await map(page.systems)
    return {
      result,
      ...(page.rest.length > 0 ? { more: mapEach(page.rest, map) } : {}),
      next: page.next,
      ...(page.total === undefined ? {} : { total: page.total }),
      warnings,
    }
  },
  async get(ctx, request) {
    const { body } = await ctx.http.json<SystemRecord>(ctx.session, {
      path: `/api/systems/${enc(request.id)}`,
      context: 'record',
    })
    const warnings: Warning[] = []
    const [device] = await mapDevices(ctx, [body], request, warnings, 'record')
    if (!device) throw new JumpLinkError('resource_not_found')
    return device
  },
}

export const deviceGroups: CollectionReader = {
  async list(ctx, request) {
    const skip = offsetOf(request.position)
    const window = await readWindow<SystemGroupRecord>(
      ctx.http,
      ctx.session,
      { path: '/api/v2/systemgroups', style: 'v2', query: { sort: 'id' } },
      skip,
      request.limit,
    )
    const warnings: Warning[] = []
    return {
      result: mapAll(window.items, mapDeviceGroup, { remote: request.includeRemoteData }, warnings),
      next: nextOffset(skip, request.limit, window.items.length, window.total),
      ...(window.total === undefined ? {} : { total: window.total }),
      warnings,
    }
  },
  async get(ctx, request) {
    const { body } = await ctx.http.json<SystemGroupRecord>(ctx.session, {
      path: `/api/v2/systemgroups/${enc(request.id)}`,
      context: 'record',
    })
    return mapOne(body, mapDeviceGroup, { remote: request.includeRemoteData })
  },
}

export const deviceGroupMembers = groupMembershipReader('systemgroups', mapDeviceGroupMembers)

interface InstalledAppFilters {
  device_id?: string
  platform?: Platform
  updated_after?: string
}

/** Where an installed-apps page stopped: which software table, and how far into it. */
function tablePosition(position: unknown): { table: number; skip: number } {
  if (position === undefined) return { table: 0, skip: 0 }
  const p = position as { t?: unknown; s?: unknown }
  if (
    typeof p === 'object' &&
    p !== null &&
    Number.isSafeInteger(p.t) &&
    Number.isSafeInteger(p.s) &&
    (p.t as number) >= 0 &&
    (p.s as number) >= 0
  ) {
    return { table: p.t as number, skip: p.s as number }
  }
  throw new JumpLinkError('invalid_cursor')
}

/**
 * Installed software: the `apps`, `programs` and `linux_packages` tables one after another
 * (only the platform's table with `platform`), `system_id:eq:` with `device_id`. System
 * Insights filters only by equality, so `updated_after` is applied to `collection_time` here.
 */
export const installedApps: CollectionReader = {
  async list(ctx, request) {
    const filters = request.filters as InstalledAppFilters
    const tables = filters.platform ? SOFTWARE_TABLES[filters.platform] : ALL_SOFTWARE_TABLES
    let { table, skip } = tablePosition(request.position)
    const filter = filters.device_id ? [`system_id:eq:${filters.device_id}`] : []
    const after = filters.updated_after ? Date.parse(filters.updated_after) : undefined
    const warnings: Warning[] = []
    const result: object[] = []
    let remaining = request.limit
    while (remaining > 0 && table < tables.length) {
      const name = tables[table] as string
      const requested = remaining
      const rows = await orEmpty(
        readWindow<InsightRowBase>(
          ctx.http,
          ctx.session,
          {
            path: `/api/v2/systeminsights/${name}`,
            style: 'insights',
            query: { filter },
            context: 'record',
          },
          skip,
          requested,
        ),
        { items: [], total: 0 },
      )
      const kept =
        after === undefined
          ? rows.items
          : rows.items.filter((row) => Date.parse(String(row.collection_time)) > after)
      const mapped = mapAll(
        kept,
        (row) => mapInstalledApp(row, name),
        { remote: request.includeRemoteData },
        warnings,
      )
      result.push(...mapped)
      remaining -= rows.items.length
      // A short page ends this table; the next one starts from its beginning.
      if (rows.items.length < requested) {
        table += 1
        skip = 0
      } else {
        skip += rows.items.length
      }
    }
    const next = table < tables.length ? { t: table, s: skip } : null
    return { result, next, warnings }
  },
  async get(ctx, request) {
    const deviceId = installedAppDeviceId(request.id)
    if (deviceId === null) throw new JumpLinkError('resource_not_found')
    for (const table of ALL_SOFTWARE_TABLES) {
      const rows = await orEmpty(
        readAll<InsightRowBase>(ctx.http, ctx.session, {
          path: `/api/v2/systeminsights/${table}`,
          style: 'insights',
          query: { filter: [`system_id:eq:${deviceId}`] },
          context: 'record',
        }),
        [],
      )
      for (const row of rows) {
        const found = (() => {
          try {
            return mapInstalledApp(row, table)
          } catch {
            return undefined
          }
        })()
        if (found?.id === request.id) {
          return mapOne(row, (r) => mapInstalledApp(r, table), {
            remote: request.includeRemoteData,
          })
        }
      }
    }
    throw new JumpLinkError('resource_not_found')
  },
}
