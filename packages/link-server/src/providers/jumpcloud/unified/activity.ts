import { isoTimestamp } from '../mappers/common'
import { readEvents } from '../paging'
import type { DirectoryEventRecord } from '../records'
import type { LoginIndex, ReadContext } from './context'
import { ACTIVITY_LOOKBACK_DAYS, LOGIN_EVENT_TYPES } from './filters'

// `expand=last_login` and `expand=last_used`: the newest matching Directory Insights event.
// One record: one `limit: 1` query. A page of users: the connection's login index, every
// successful login of the lookback window newest first (one call of 10,000 events per page of
// the log), kept a minute and shared by the pages of an export, so a page of 250 users costs one
// call where it cost 250. Exact either way: a user's first event in that order is their newest.

async function newest(ctx: ReadContext, terms: Record<string, unknown>[]): Promise<string | null> {
  const start = new Date(ctx.now().getTime() - ACTIVITY_LOOKBACK_DAYS * 86_400_000)
  const { events } = await readEvents<DirectoryEventRecord>(ctx.http, ctx.session, {
    service: ['all'],
    start_time: start.toISOString(),
    sort: 'DESC',
    limit: 1,
    search_term: { and: [...terms, { success: true }] },
  })
  return isoTimestamp(events[0]?.timestamp)
}

/** Events per page of the login index (Directory Insights' largest `limit`). */
export const LOGIN_INDEX_PAGE_SIZE = 10_000
/** Pages of the log read at most; users not seen in them are asked one by one. */
export const LOGIN_INDEX_MAX_PAGES = 5

/** Reads the login events of the window, newest first, into each user's newest login. */
export async function readLoginIndex(ctx: ReadContext): Promise<LoginIndex> {
  const start = new Date(ctx.now().getTime() - ACTIVITY_LOOKBACK_DAYS * 86_400_000)
  const newest = new Map<string, string>()
  let searchAfter: unknown[] | null = null
  for (let page = 0; page < LOGIN_INDEX_MAX_PAGES; page++) {
    const read: { events: DirectoryEventRecord[]; searchAfter: unknown[] | null } =
      await readEvents<DirectoryEventRecord>(ctx.http, ctx.session, {
        service: ['all'],
        start_time: start.toISOString(),
        sort: 'DESC',
        limit: LOGIN_INDEX_PAGE_SIZE,
        // Only what the index keeps: a tenth of each event's size.
        fields: ['timestamp', 'initiated_by'],
        search_term: { and: [{ event_type: LOGIN_EVENT_TYPES }, { success: true }] },
        ...(searchAfter ? { search_after: searchAfter } : {}),
      })
    for (const event of read.events) {
      const id = event.initiated_by?.id
      if (typeof id !== 'string' || id === '' || newest.has(id)) continue
      const at = isoTimestamp(event.timestamp)
      if (at !== null) newest.set(id, at)
    }
    if (read.searchAfter === null) return { newest, complete: true }
    searchAfter = read.searchAfter
  }
  return { newest, complete: false }
}

/** The newest login of each user, from the index; one query per user the index could not tell. */
export async function lastLogins(
  ctx: ReadContext,
  userIds: readonly string[],
): Promise<Map<string, string | null>> {
  const index = await ctx.loginIndex(ctx)
  const found = new Map<string, string | null>()
  const unknown: string[] = []
  for (const id of userIds) {
    const at = index.newest.get(id)
    if (at !== undefined) found.set(id, at)
    else if (index.complete) found.set(id, null)
    else unknown.push(id)
  }
  const asked = await Promise.all(unknown.map((id) => lastLogin(ctx, id)))
  for (const [i, id] of unknown.entries()) found.set(id, asked[i] ?? null)
  return found
}

/** The user's newest successful login of any kind. */
export function lastLogin(ctx: ReadContext, userId: string): Promise<string | null> {
  return newest(ctx, [{ event_type: LOGIN_EVENT_TYPES }, { 'initiated_by.id': userId }])
}

/** The newest SSO login to the application, by anyone or by one user. */
export function lastUsed(
  ctx: ReadContext,
  applicationId: string,
  userId?: string,
): Promise<string | null> {
  return newest(ctx, [
    { event_type: 'sso_auth' },
    { 'application.id': applicationId },
    ...(userId === undefined ? [] : [{ 'initiated_by.id': userId }]),
  ])
}
