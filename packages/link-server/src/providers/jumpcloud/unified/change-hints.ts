import { isoTimestamp } from '../mappers/common'
import { readEvents } from '../paging'
import type { DirectoryEventRecord } from '../records'
import type { ReadContext } from './context'

/**
 * Directory Insights event types that mean something a sync compares changed: people, groups
 * and their members, SSO bindings, devices (jumpcloud-api.md §9). Logins and the like are not
 * among them. Posture that the agent reports (disk encryption) is not in the log: the schedule
 * still finds it.
 */
export const CHANGE_EVENT_TYPES = [
  'user_create',
  'user_update',
  'user_delete',
  'user_suspended',
  'user_unsuspended',
  'user_activated',
  'user_lockout',
  'user_unlocked',
  'group_create',
  'group_update',
  'group_delete',
  'association_change',
  'application_create',
  'application_update',
  'application_delete',
  'system_create',
  'system_update',
  'system_delete',
  'system_fde_key_update',
] as const

/**
 * The newest change the audit log records since `since`, or null: one Directory Insights call
 * (`limit: 1`, newest first). A hint only: the sync that follows reads the directory itself.
 */
export async function newestChangeSince(ctx: ReadContext, since: Date): Promise<Date | null> {
  const { events } = await readEvents<DirectoryEventRecord>(ctx.http, ctx.session, {
    service: ['all'],
    start_time: since.toISOString(),
    sort: 'DESC',
    limit: 1,
    search_term: { and: [{ event_type: [...CHANGE_EVENT_TYPES] }] },
  })
  const at = isoTimestamp(events[0]?.timestamp)
  return at ? new Date(at) : null
}
