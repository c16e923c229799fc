import { JumpLinkError } from '@jumplink/shared'
import { FIRST_PAGE_PRIORITY } from '../keyed-semaphore'
import { JUMPCLOUD } from './config'
import type { JumpcloudHttp, JumpcloudSession, QueryValue, UpstreamRequest } from './http'

// JumpCloud's three paging styles (jumpcloud-api.md §5.3, §8, §9). A unified page of up to
// 1,000 is served by fetching upstream pages of 100 at once; the connection's cap keeps the
// number actually in flight bounded.

export interface ListCall {
  path: string
  /** Filters and projections; `skip`/`limit` are added here. */
  query?: Record<string, QueryValue>
  /** v1 `{totalCount, results}`, v2 bare array + `x-total-count`, System Insights bare array. */
  style: 'v1' | 'v2' | 'insights'
  /** `record` when the path names a parent (a group's members): its 404 is `resource_not_found`. */
  context?: 'list' | 'record'
}

export interface Window<T> {
  items: T[]
  /** The upstream total; `undefined` where JumpCloud does not give it (System Insights). */
  total: number | undefined
}

function pageSizeOf(style: ListCall['style']): number {
  return style === 'insights' ? JUMPCLOUD.insightsPageSize : JUMPCLOUD.pageSize
}

/** How long a window read ahead waits for the request that continues the export. */
export const READ_AHEAD_KEEP_MS = 5_000

/**
 * The upstream pages of `size` from `from` up to `end`, each asking no further than
 * `windowEnd` (the window's last record): what a window and its read-ahead ask for alike.
 */
function pageSpans(
  from: number,
  end: number,
  windowEnd: number,
  size: number,
): { skip: number; limit: number }[] {
  const spans: { skip: number; limit: number }[] = []
  for (let skip = from; skip < end; skip += size) {
    spans.push({ skip, limit: Math.min(size, windowEnd - skip) })
  }
  return spans
}

/** The upstream call for one page; read-ahead builds the same, so that the two meet. */
function pageRequest(call: ListCall, skip: number, limit: number): UpstreamRequest {
  return { path: call.path, query: { ...call.query, skip, limit }, context: call.context ?? 'list' }
}

/** One upstream page. */
export async function readPage<T>(
  http: JumpcloudHttp,
  session: JumpcloudSession,
  call: ListCall,
  skip: number,
  limit: number,
  priority?: number,
): Promise<Window<T>> {
  const req = { ...pageRequest(call, skip, limit), ...(priority === undefined ? {} : { priority }) }
  if (call.style === 'v1') {
    const { body } = await http.json<{ totalCount?: unknown; results?: unknown }>(session, req)
    if (!Array.isArray(body.results)) throw unexpected()
    return {
      items: body.results as T[],
      total: typeof body.totalCount === 'number' ? body.totalCount : undefined,
    }
  }
  const { body, headers } = await http.json<unknown>(session, req)
  if (!Array.isArray(body)) throw unexpected()
  const header = headers.get('x-total-count')
  const total = header === null || !/^\d+$/.test(header) ? undefined : Number(header)
  return { items: body as T[], total }
}

/**
 * Whether a window reads the next one ahead: `true` always (a request continuing a cursor);
 * `'if-continued'` only if the connection's readers have shown they continue (a first page:
 * see `JumpcloudHttp.readAhead`).
 */
export type ReadAhead = true | 'if-continued'

/** A window whose first upstream page has answered, the later ones still on their way. */
export interface StreamedWindow<T> {
  /** The first upstream page: once it answered, the answer's status and total are known. */
  first: T[]
  total: number | undefined
  /**
   * The window's later upstream pages, all already asked for, in order. Each settles on its
   * own (a rejection nobody awaits is not reported as unhandled), so a caller may write the
   * first page while the rest arrive.
   */
  rest: Promise<T[]>[]
}

/**
 * `limit` records from `skip`, the first upstream page awaited and the rest in flight. The
 * first page comes alone unless the cursor told the total: its total says how many more are
 * worth asking for, so a list of one record costs one call even at `limit=1000`. The rest are
 * fetched concurrently. First page first: when more may follow, the first page waits for the
 * connection's cap ahead of lookups and later pages, so that the calls it decides on are known
 * early (on a slow directory, a round sooner).
 *
 * With `readAhead` (a request continuing a cursor; or, `'if-continued'`, a first one asking for
 * more than one upstream page, on a connection whose readers have shown they continue), once
 * the first page has answered and its total says more records follow this window, the next
 * window's pages are started too, behind this window's in the connection's cap, and kept
 * `READ_AHEAD_KEEP_MS` for the request that continues (see `JumpcloudHttp.readAhead`). A
 * reader that stops there pays for one window: at most
 * `limit / pageSize` calls (ten at `limit=1000`), those still waiting for the cap when the
 * window is dropped never made.
 */
export async function streamWindow<T>(
  http: JumpcloudHttp,
  session: JumpcloudSession,
  call: ListCall,
  skip: number,
  limit: number,
  /** The list's length as a previous page saw it: every page of the window is asked at once. */
  expectedTotal?: number,
  options: { readAhead?: ReadAhead | false } = {},
): Promise<StreamedWindow<T>> {
  const size = pageSizeOf(call.style)
  const laterPages = (end: number, from = skip + size) =>
    pageSpans(from, end, skip + limit, size).map((span) => {
      const page = readPage<T>(http, session, call, span.skip, span.limit).then((p) => p.items)
      page.catch(() => {})
      return page
    })
  let window: StreamedWindow<T>
  if (expectedTotal !== undefined && limit > size) {
    const first = readPage<T>(http, session, call, skip, Math.min(size, limit))
    const plannedEnd = Math.min(skip + limit, Math.max(expectedTotal, skip + 1))
    const rest = laterPages(plannedEnd)
    const page = await first
    // Records created since the cursor's total was seen: the pages past the old end are read
    // too (after those already asked for, so in order), or the list would end early.
    const end = Math.min(skip + limit, page.total ?? plannedEnd)
    if (end > plannedEnd) rest.push(...laterPages(end, skip + size + rest.length * size))
    window = { first: page.items, total: page.total, rest }
  } else {
    const firstSize = Math.min(size, limit)
    const first = await readPage<T>(
      http,
      session,
      call,
      skip,
      firstSize,
      limit > size ? FIRST_PAGE_PRIORITY : undefined,
    )
    const more = limit > size && first.items.length >= firstSize
    const end = Math.min(skip + limit, first.total ?? Number.POSITIVE_INFINITY)
    window = { first: first.items, total: first.total, rest: more ? laterPages(end) : [] }
  }
  if (options.readAhead && window.total !== undefined) {
    readAheadWindow(http, session, call, skip + limit, limit, window.total, options.readAhead)
  }
  return window
}

/** The pages the request for `limit` records from `skip` will ask for, started now. */
function readAheadWindow(
  http: JumpcloudHttp,
  session: JumpcloudSession,
  call: ListCall,
  skip: number,
  limit: number,
  total: number,
  when: ReadAhead,
): void {
  const spans = pageSpans(skip, Math.min(skip + limit, total), skip + limit, pageSizeOf(call.style))
  const reqs = spans.map((span) => pageRequest(call, span.skip, span.limit))
  if (reqs.length === 0) return
  http.readAhead(session, reqs, READ_AHEAD_KEEP_MS, { onlyIfContinued: when === 'if-continued' })
}

/** `limit` records from `skip`, whole (see `streamWindow`). */
export async function readWindow<T>(
  http: JumpcloudHttp,
  session: JumpcloudSession,
  call: ListCall,
  skip: number,
  limit: number,
  expectedTotal?: number,
  options: { readAhead?: ReadAhead | false } = {},
): Promise<Window<T>> {
  const window = await streamWindow<T>(http, session, call, skip, limit, expectedTotal, options)
  if (window.rest.length === 0) return { items: window.first, total: window.total }
  const rest = await Promise.all(window.rest)
  return { items: [window.first, ...rest].flat(), total: window.total }
}

/** Pages of `size` at these offsets, fetched at once, items in order. */
async function readPagesAt<T>(
  http: JumpcloudHttp,
  session: JumpcloudSession,
  call: ListCall,
  offsets: readonly number[],
  size: number,
): Promise<T[][]> {
  const pages = await Promise.all(
    offsets.map((offset) => readPage<T>(http, session, call, offset, size)),
  )
  return pages.map((page) => page.items)
}

/**
 * Every record: the first page tells the total, the rest are fetched at once. Without a total
 * (System Insights), pages are read in batches until one comes back short.
 */
export async function readAll<T>(
  http: JumpcloudHttp,
  session: JumpcloudSession,
  call: ListCall,
): Promise<T[]> {
  const size = pageSizeOf(call.style)
  const first = await readPage<T>(http, session, call, 0, size)
  if (first.items.length < size) return first.items
  if (first.total !== undefined) {
    const offsets = pageSpans(size, first.total, first.total, size).map((span) => span.skip)
    const rest = await readPagesAt<T>(http, session, call, offsets, size)
    return [...first.items, ...rest.flat()]
  }
  const items = [...first.items]
  for (let skip = size; ; skip += size * 4) {
    const batch = await readPagesAt<T>(
      http,
      session,
      call,
      [0, 1, 2, 3].map((i) => skip + i * size),
      size,
    )
    items.push(...batch.flat())
    if (batch.some((page) => page.length < size)) return items
  }
}

/** Splits ids into groups small enough for one search body or `in` filter. */
export function chunk<T>(items: readonly T[], size: number = JUMPCLOUD.idsPerFilter): T[][] {
  const chunks: T[][] = []
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size))
  return chunks
}

export interface EventsPage<T> {
  events: T[]
  /** `X-Search_after` when the page was full, so that another may follow; else null. */
  searchAfter: unknown[] | null
}

/** One Directory Insights page (`POST …/events`); full pages carry the next `search_after`. */
export async function readEvents<T>(
  http: JumpcloudHttp,
  session: JumpcloudSession,
  body: Record<string, unknown> & { limit: number },
): Promise<EventsPage<T>> {
  const { body: events, headers } = await http.json<unknown>(session, {
    method: 'POST',
    api: 'insights',
    path: JUMPCLOUD.eventsPath,
    body,
  })
  if (!Array.isArray(events)) throw unexpected()
  const count = Number(headers.get('x-result-count') ?? events.length)
  const limit = Number(headers.get('x-limit') ?? body.limit)
  let searchAfter: unknown[] | null = null
  if (count >= limit && events.length > 0) {
    try {
      const parsed: unknown = JSON.parse(headers.get('x-search_after') ?? 'null')
      if (Array.isArray(parsed) && parsed.length > 0) searchAfter = parsed
    } catch {
      throw unexpected()
    }
  }
  return { events: events as T[], searchAfter }
}

export function unexpected(): JumpLinkError {
  return new JumpLinkError('provider_unavailable', {
    message: 'The directory answered with an unexpected body.',
  })
}
