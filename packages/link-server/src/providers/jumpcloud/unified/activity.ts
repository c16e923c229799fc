import { isoTimestamp } from '../mappers/common'
import { readEvents } from '../paging'
import type { DirectoryEventRecord } from '../records'
import type { ReadContext } from './context'
import { ACTIVITY_LOOKBACK_DAYS, LOGIN_EVENT_TYPES } from './filters'

// `expand=last_login` and `expand=last_used`: the newest matching Directory Insights event,
// one `limit: 1` query per record (exact, where scanning the log would not be).

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
