import { JumpLinkError } from '@jumplink/shared'
import { mapEvent } from '../mappers/event'
import { readEvents } from '../paging'
import type { DirectoryEventRecord } from '../records'
import { type CollectionReader, mapAll, mapOne, type Warning } from './context'
import { ACTIVITY_LOOKBACK_DAYS, EVENT_SERVICES } from './filters'

interface EventFilters {
  occurred_after?: string
  occurred_before?: string
  type?: string
  service?: string
  user_id?: string
  application_id?: string
}

/** Where an events page stopped: DI's `search_after`, and the window the first page pinned. */
interface EventsPosition {
  a: unknown[]
  s: string
  e?: string
}

function eventsPosition(position: unknown): EventsPosition | undefined {
  if (position === undefined) return undefined
  const p = position as Partial<EventsPosition>
  if (
    typeof p === 'object' &&
    p !== null &&
    Array.isArray(p.a) &&
    typeof p.s === 'string' &&
    !Number.isNaN(Date.parse(p.s)) &&
    (p.e === undefined || (typeof p.e === 'string' && !Number.isNaN(Date.parse(p.e))))
  ) {
    return p as EventsPosition
  }
  throw new JumpLinkError('invalid_cursor')
}

/** The C3 event filters as a Directory Insights `search_term`. */
export function eventSearchTerm(filters: EventFilters): { and: object[] } | undefined {
  const and: object[] = []
  if (filters.type) and.push({ event_type: filters.type })
  if (filters.application_id) and.push({ 'application.id': filters.application_id })
  if (filters.user_id) {
    and.push({ or: [{ 'initiated_by.id': filters.user_id }, { 'resource.id': filters.user_id }] })
  }
  return and.length > 0 ? { and } : undefined
}

/**
 * The audit log, newest first, from Directory Insights. `occurred_after` defaults to 24 hours
 * ago; the first page pins that window in the cursor, so later pages read the same one.
 */
export const events: CollectionReader = {
  async list(ctx, request) {
    const filters = request.filters as EventFilters
    // A service Directory Insights does not know has no events (it would answer 400).
    if (filters.service !== undefined && !EVENT_SERVICES.includes(filters.service)) {
      return { result: [], next: null }
    }
    const position = eventsPosition(request.position)
    const start =
      position?.s ??
      new Date(filters.occurred_after ?? ctx.now().getTime() - 86_400_000).toISOString()
    const end =
      position?.e ??
      (filters.occurred_before ? new Date(filters.occurred_before).toISOString() : undefined)
    if (end !== undefined && end <= start) return { result: [], next: null }
    const searchTerm = eventSearchTerm(filters)
    const page = await readEvents<DirectoryEventRecord>(ctx.http, ctx.session, {
      service: [filters.service ?? 'all'],
      start_time: start,
      ...(end === undefined ? {} : { end_time: end }),
      sort: 'DESC',
      limit: request.limit,
      ...(searchTerm ? { search_term: searchTerm } : {}),
      ...(position ? { search_after: position.a } : {}),
    })
    const warnings: Warning[] = []
    const result = mapAll(page.events, mapEvent, { remote: request.includeRemoteData }, warnings)
    return {
      result,
      next:
        page.searchAfter === null
          ? null
          : { a: page.searchAfter, s: start, ...(end === undefined ? {} : { e: end }) },
      warnings,
    }
  },
  async get(ctx, request) {
    const start = new Date(ctx.now().getTime() - ACTIVITY_LOOKBACK_DAYS * 86_400_000)
    const { events: found } = await readEvents<DirectoryEventRecord>(ctx.http, ctx.session, {
      service: ['all'],
      start_time: start.toISOString(),
      limit: 1,
      search_term: { and: [{ id: request.id }] },
    })
    const [event] = found
    if (!event) throw new JumpLinkError('resource_not_found')
    return mapOne(event, mapEvent, { remote: request.includeRemoteData })
  },
}
