import { Hono } from 'hono'
import { compareEvents } from '../data/events.ts'
import type { DirectoryEvent } from '../data/types.ts'
import { ApiError, type SandboxEnv } from '../env.ts'
import * as errors from '../errors.ts'
import { eventRange } from '../query/event-range.ts'
import { matchesSearchTerm } from '../query/search-term.ts'

/** Services Directory Insights knows (jumpcloud-api.md §9). */
export const DI_SERVICES = [
  'all',
  'directory',
  'sso',
  'radius',
  'ldap',
  'systems',
  'mdm',
  'software',
  'password_manager',
  'object_storage',
  'notifications',
  'alerts',
  'reports',
  'saas_app_management',
  'access_management',
  'asset_management',
]

const DEFAULT_LIMIT = 1000
const MAX_LIMIT = 10_000

export interface EventQuery {
  services: string[]
  start: number
  end: number
  limit: number
  descending: boolean
  searchAfter: [number, string] | null
  fields: string[] | null
  searchTerm: unknown
  skip: number
}

const bad = (message: string) => new ApiError(errors.badRequest('directory-insights', message))

/** Validates an `EventQuery` body the way Directory Insights does; throws 400s. */
export function parseEventQuery(body: unknown, now: number): EventQuery {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw bad('request body must be a JSON object')
  const b = body as Record<string, unknown>
  const services = b.service
  if (
    !Array.isArray(services) ||
    services.length === 0 ||
    !services.every((s) => typeof s === 'string')
  ) {
    throw bad('service is required: a list of services')
  }
  const unknown = services.filter((s) => !DI_SERVICES.includes(s))
  if (unknown.length > 0)
    throw bad(`invalid service ${unknown.join(', ')}; valid services: ${DI_SERVICES.join(', ')}`)
  const start = parseTime(b.start_time, 'start_time')
  if (start === null) throw bad('start_time is required (RFC 3339)')
  if (start > now) throw bad('start_time must not be in the future')
  const end = b.end_time === undefined ? now : parseTime(b.end_time, 'end_time')
  if (end !== null && end < start) throw bad('end_time must be after start_time')
  const limit =
    typeof b.limit === 'number' && Number.isInteger(b.limit) && b.limit > 0 && b.limit <= MAX_LIMIT
      ? b.limit
      : DEFAULT_LIMIT
  const sort = typeof b.sort === 'string' ? b.sort.toUpperCase() : 'ASC'
  if (b.fields !== undefined && (!Array.isArray(b.fields) || b.fields.length === 0))
    throw bad('fields must be a non-empty list')
  return {
    services,
    start,
    end: end ?? now,
    limit,
    descending: sort === 'DESC',
    searchAfter: parseSearchAfter(b.search_after),
    fields: Array.isArray(b.fields) ? b.fields.map(String) : null,
    searchTerm: b.search_term,
    skip: typeof b.skip === 'number' && b.skip > 0 ? Math.floor(b.skip) : 0,
  }
}

function parseTime(value: unknown, name: string): number | null {
  if (value === undefined || value === null || value === '') return null
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)
  ) {
    throw bad(`${name} must be an RFC 3339 date-time`)
  }
  return Date.parse(value)
}

function parseSearchAfter(value: unknown): [number, string] | null {
  if (value === undefined || value === null) return null
  if (!Array.isArray(value) || value.length !== 2)
    throw bad('search_after must be the array from X-Search_after')
  const [time, id] = value
  const ms = typeof time === 'number' ? time : Number(time)
  if (!Number.isFinite(ms)) throw bad('search_after must be the array from X-Search_after')
  return [ms, String(id)]
}

/**
 * Pure: the page of events a query selects, and the cursor for the next page. `all` is sorted
 * by (time, id); the window and `search_after` bound it by binary search, and only the events
 * up to the end of the page are tested against the services and `search_term`.
 */
export function selectEvents(all: readonly DirectoryEvent[], query: EventQuery) {
  const wanted = query.services.includes('all') ? null : new Set(query.services)
  const { from, to } = eventRange(all, query)
  const page: DirectoryEvent[] = []
  let skipped = 0
  const step = query.descending ? -1 : 1
  for (
    let i = query.descending ? to - 1 : from;
    i >= from && i < to && page.length < query.limit;
    i += step
  ) {
    const event = all[i] as DirectoryEvent
    if (wanted && !wanted.has(event.service)) continue
    if (!matchesSearchTerm(event, query.searchTerm)) continue
    if (skipped < query.skip) skipped++
    else page.push(event)
  }
  const last = page[page.length - 1]
  const cursor = last ? [Date.parse(last.timestamp), last.id] : (query.searchAfter ?? [])
  return { page, cursor }
}

/** `POST /insights/directory/v1/events` with its `X-*` paging headers. */
export function directoryInsightsRoutes(clock: () => number) {
  const app = new Hono<SandboxEnv>()
  app.post('/events', async (c) => {
    const body = await c.req.json().catch(() => undefined)
    const query = parseEventQuery(body, clock())
    const organizations = c.get('organizations')
    // One organization's events are stored sorted; several are merged and sorted here.
    const all =
      organizations.length === 1
        ? (organizations[0]?.events() ?? [])
        : organizations.flatMap((o) => o.events()).sort(compareEvents)
    const { page, cursor } = selectEvents(all, query)
    c.header('X-Result-Count', String(page.length))
    c.header('X-Limit', String(query.limit))
    c.header('X-Sort', query.descending ? 'DESC' : 'ASC')
    c.header('X-Search_after', JSON.stringify(cursor))
    c.header('X-Request-Id', crypto.randomUUID())
    const fields = query.fields
    return c.json(
      fields
        ? page.map((e) => Object.fromEntries(fields.filter((f) => f in e).map((f) => [f, e[f]])))
        : page,
    )
  })
  return app
}
