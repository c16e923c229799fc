import { JumpLinkError } from '@jumplink/shared'
import { FIRST_PAGE_PRIORITY } from '../keyed-semaphore'
import { JUMPCLOUD } from './config'
import type { JumpcloudHttp, JumpcloudSession, QueryValue } from './http'

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

/** One upstream page. */
export async function readPage<T>(
  http: JumpcloudHttp,
  session: JumpcloudSession,
  call: ListCall,
  skip: number,
  limit: number,
  priority?: number,
): Promise<Window<T>> {
  const query = { ...call.query, skip, limit }
  const order = priority === undefined ? {} : { priority }
  if (call.style === 'v1') {
    const { body } = await http.json<{ totalCount?: unknown; results?: unknown }>(session, {
      path: call.path,
      query,
      context: call.context ?? 'list',
      ...order,
    })
    if (!Array.isArray(body.results)) throw unexpected()
    return {
      items: body.results as T[],
      total: typeof body.totalCount === 'number' ? body.totalCount : undefined,
    }
  }
  const { body, headers } = await http.json<unknown>(session, {
    path: call.path,
    query,
    context: call.context ?? 'list',
    ...order,
  })
  if (!Array.isArray(body)) throw unexpected()
  const header = headers.get('x-total-count')
  const total = header === null || !/^\d+$/.test(header) ? undefined : Number(header)
  return { items: body as T[], total }
}

/**
 * `limit` records from `skip`. The first upstream page comes alone: its total says how many
 * more are worth asking for, so a list of one record costs one call even at `limit=1000`.
 * The rest are fetched concurrently, in order. First page first: when more may follow, the
 * first page waits for the connection's cap ahead of lookups and later pages, so that the
 * calls it decides on are known early (on a slow directory, a round sooner).
 */
export async function readWindow<T>(
  http: JumpcloudHttp,
  session: JumpcloudSession,
  call: ListCall,
  skip: number,
  limit: number,
  /** The list's length as a previous page saw it: every page of the window is asked at once. */
  expectedTotal?: number,
): Promise<Window<T>> {
  const size = pageSizeOf(call.style)
  if (expectedTotal !== undefined && limit > size) {
    const end = Math.min(skip + limit, Math.max(expectedTotal, skip + 1))
    const offsets: number[] = []
    for (let offset = skip; offset < end; offset += size) offsets.push(offset)
    const pages = await Promise.all(
      offsets.map((offset) =>
        readPage<T>(http, session, call, offset, Math.min(size, skip + limit - offset)),
      ),
    )
    return { items: pages.flatMap((page) => page.items), total: pages[0]?.total }
  }
  const firstSize = Math.min(size, limit)
  const first = await readPage<T>(
    http,
    session,
    call,
    skip,
    firstSize,
    limit > size ? FIRST_PAGE_PRIORITY : undefined,
  )
  if (limit <= size || first.items.length < firstSize) return first
  const end = Math.min(skip + limit, first.total ?? Number.POSITIVE_INFINITY)
  const offsets: number[] = []
  for (let offset = skip + size; offset < end; offset += size) offsets.push(offset)
  const rest = await Promise.all(
    offsets.map((offset) =>
      readPage<T>(http, session, call, offset, Math.min(size, skip + limit - offset)),
    ),
  )
  return { items: [first, ...rest].flatMap((page) => page.items), total: first.total }
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
    const offsets: number[] = []
    for (let offset = size; offset < first.total; offset += size) offsets.push(offset)
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
