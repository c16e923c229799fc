import { JumpLinkError, type NamedRef } from '@jumplink/shared'
import type { UnifiedGetRequest, UnifiedListRequest, UnifiedPage } from '../../provider'
import type { JumpcloudHttp, JumpcloudSession } from '../http'
import { JumpcloudMappingError } from '../mappers/common'
import type { DeviceUserLink } from '../mappers/device'
import { withRemoteData } from '../mappers/remote-data'
import type { AppleMdmDeviceRecord, SystemRecord } from '../records'

/** What every collection reader gets: the HTTP client, the session, the clock, shared lookups. */
export interface ReadContext {
  http: JumpcloudHttp
  session: JumpcloudSession
  now: () => Date
  memberships: MembershipLookup
  /** Each device's device groups, read the same way (`kind: 'systemgroups'`). */
  deviceMemberships: MembershipLookup
  /** Who may use each device of a page, from the group side and each device's direct bindings. */
  deviceUsers: DeviceUsersLookup
  /** Admin roles by email (from `/api/users`), shared by the pages of one export. */
  adminRoles: (ctx: ReadContext) => Promise<ReadonlyMap<string, string[]>>
  /** Apple MDM devices by serial (`/api/v2/applemdms/{id}/devices`), shared the same way. */
  appleMdmDevices: (ctx: ReadContext) => Promise<ReadonlyMap<string, AppleMdmDeviceRecord>>
  /** Each user's newest login (Directory Insights), shared the same way. */
  loginIndex: (ctx: ReadContext) => Promise<LoginIndex>
}

/** Each user's newest successful login in the window, as far as the log was read. */
export interface LoginIndex {
  newest: Map<string, string>
  /** Whether the whole window was read: a user not in `newest` has no login in it. */
  complete: boolean
}

/** Each user's groups, read from the group side and shared by the pages of one export. */
export interface MembershipLookup {
  groupsOf(ctx: ReadContext, userIds: readonly string[]): Promise<Map<string, NamedRef[]>>
  /** The whole index, for lookups that join it with bindings. */
  read(ctx: ReadContext): Promise<MembershipGraph>
  /** Forgets a connection's memberships, after a write changed them. */
  forget(connectionId: string): void
}

/** What a membership index holds (see `memberships.ts`). */
export interface MembershipGraph {
  /** member id (a user or device) → every group containing it, nested ones included. */
  byUser: ReadonlyMap<string, readonly string[]>
  /** Every group's id. */
  groupIds: readonly string[]
}

/** The users of a page of devices, and the usernames needed to match their local accounts. */
export interface DeviceUsersLookup {
  usersOf(
    ctx: ReadContext,
    systems: readonly SystemRecord[],
  ): Promise<{ links: Map<string, DeviceUserLink[]>; usernames: Map<string, string> }>
  /** Forgets a connection's device users (a write changed bindings or memberships). */
  forget(connectionId: string): void
}

export interface CollectionReader {
  list(ctx: ReadContext, request: UnifiedListRequest): Promise<UnifiedPage>
  get?(ctx: ReadContext, request: UnifiedGetRequest): Promise<unknown>
}

export type Warning = { code: string; message: string }

/** An offset position (`skip`); anything else in a cursor is not ours. */
export function offsetOf(position: unknown): number {
  if (position === undefined) return 0
  if (typeof position === 'number' && Number.isSafeInteger(position) && position >= 0) {
    return position
  }
  throw new JumpLinkError('invalid_cursor')
}

/**
 * A position that may also carry the list's total as the previous page saw it (`[skip,
 * total]`): the next page then asks for all its upstream pages at once instead of its first
 * alone. The total only plans the calls; the answer's own total decides where the list ends.
 */
export function windowPositionOf(position: unknown): { skip: number; total?: number } {
  if (Array.isArray(position) && position.length === 2) {
    const [skip, total] = position as unknown[]
    const count = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0
    if (count(skip) && count(total)) return { skip: skip as number, total: total as number }
    throw new JumpLinkError('invalid_cursor')
  }
  return { skip: offsetOf(position) }
}

/** The position after this page, with the total when known (see `windowPositionOf`). */
export function nextWindowPosition(next: number | null, total: number | undefined): unknown {
  return next === null || total === undefined ? next : [next, total]
}

/** The next offset, or null once `total` (or a short page) says the list is done. */
export function nextOffset(
  skip: number,
  limit: number,
  fetched: number,
  total: number | undefined,
): number | null {
  if (total !== undefined) return skip + limit < total ? skip + limit : null
  return fetched >= limit ? skip + limit : null
}

/**
 * Maps each record; one the model cannot represent (no id, no creation time) is left out with
 * a warning instead of failing the page. With `remote`, the raw record rides along, redacted.
 */
export function mapAll<R extends object, T extends object>(
  records: readonly R[],
  map: (record: R) => T,
  options: { remote: boolean; raw?: (record: R) => object },
  warnings: Warning[],
): T[] {
  const result: T[] = []
  for (const record of records) {
    try {
      const mapped = map(record)
      result.push(options.remote ? withRemoteData(mapped, options.raw?.(record) ?? record) : mapped)
    } catch (error) {
      if (!(error instanceof JumpcloudMappingError)) throw error
      warnings.push({ code: 'record_skipped', message: error.message })
    }
  }
  return result
}

/** One record mapped, or `resource_not_found` when it cannot be represented. */
export function mapOne<R extends object, T extends object>(
  record: R,
  map: (record: R) => T,
  options: { remote: boolean; raw?: object },
): T {
  try {
    const mapped = map(record)
    return options.remote ? withRemoteData(mapped, options.raw ?? record) : mapped
  } catch (error) {
    if (error instanceof JumpcloudMappingError) throw new JumpLinkError('resource_not_found')
    throw error
  }
}

/** An in-memory list (derived collections) served page by page. */
export function pageOf<T>(items: readonly T[], position: unknown, limit: number): UnifiedPage {
  const skip = offsetOf(position)
  const result = items.slice(skip, skip + limit)
  return { result, next: skip + limit < items.length ? skip + limit : null }
}

/** Turns "no such parent" into an empty answer, for filters naming a record that is gone. */
export async function orEmpty<T>(call: Promise<T>, empty: T): Promise<T> {
  try {
    return await call
  } catch (error) {
    if (error instanceof JumpLinkError && error.code === 'resource_not_found') return empty
    throw error
  }
}

/**
 * The rest of a streamed page: each upstream page's records mapped as it arrives, in order. The
 * pages were all asked for already and each has its rejection handled, so a consumer that stops
 * early (the caller went away) leaves nothing unhandled.
 */
export async function* mapEach<R, T>(
  pages: readonly Promise<R[]>[],
  map: (records: R[]) => Promise<T[]>,
): AsyncGenerator<T[]> {
  for (const page of pages) yield await map(await page)
}

/** `promise`, its rejection marked handled (it is awaited later, or not at all). */
export function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {})
  return promise
}

/** Runs `task` for each item at once (the connection's cap bounds the real concurrency). */
export function each<T, R>(items: readonly T[], task: (item: T) => Promise<R>): Promise<R[]> {
  return Promise.all(items.map(task))
}

export const enc = encodeURIComponent
