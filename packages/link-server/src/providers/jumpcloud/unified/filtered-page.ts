import { JumpLinkError } from '@jumplink/shared'
import { JUMPCLOUD } from '../config'
import { str } from '../mappers/common'
import { type ListCall, readPage } from '../paging'
import type { ReadContext } from './context'
import type { V1Filters } from './filters'
import { matchesLocalFilter, parseLocalFilter } from './local-filter'

// A page of a v1 list (`/api/systemusers`, `/api/systems`, `/api/applications`) when some of its
// filters cannot be sent (`filters.ts`: `local`), without reading the whole list per page:
// - `created_after`: `sort=-created _id` (V1 `trait:sort:sort`, "prefix with - to sort
//   descending") puts the matching records first; reading stops at the first one not after it.
// - `updated_after` (`lastContact`, which moves on each check-in, so it cannot be paged by):
//   a first page tries `sort=-lastContact _id` the same way, and is the whole answer when the
//   match ends within it; else the list is read as below, from the start.
// - other local checks (`platform=unknown`, a status shown from older records): `sort=_id`,
//   checked record by record until the page is full or the list ends.
// The exact filters still go upstream. The position is the upstream offset to look at next, so
// a short page never loses a record; pages end short when another upstream page would not fit.

/** Upstream pages asked at once at most, while filling one page. */
const MAX_PAGES_AT_ONCE = 10

/**
 * `s`: the upstream offset of the next record to look at. `k` (newest first only): the
 * `created` and `_id` of the last record looked at. JumpCloud puts records created meanwhile
 * first, moving the rest down; those the key says were looked at already are passed over, so
 * each record comes once.
 */
export interface FilteredPosition {
  s: number
  k?: [string, string]
}

export interface FilteredPage<T> {
  items: T[]
  next: FilteredPosition | null
  /** Only when this page saw the whole match: the list's end and every record before it. */
  total?: number
}

type V1Record = { _id?: string | null; id?: string | null; created?: unknown }

/** A date field read newest first, to the first record not after `after`. */
interface NewestFirst {
  field: 'created' | 'lastContact'
  after: number
}

function positionOf(position: unknown): FilteredPosition {
  if (position === undefined) return { s: 0 }
  const p = position as Partial<FilteredPosition> | null
  const count = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0
  if (
    typeof p === 'object' &&
    p !== null &&
    !Array.isArray(p) &&
    count(p.s) &&
    (p.k === undefined ||
      (Array.isArray(p.k) && p.k.length === 2 && p.k.every((v) => typeof v === 'string')))
  ) {
    return p.k === undefined ? { s: p.s as number } : { s: p.s as number, k: p.k }
  }
  throw new JumpLinkError('invalid_cursor')
}

function dateOf(record: V1Record, field: NewestFirst['field']): number {
  const text = str((record as Record<string, unknown>)[field])
  return text === null ? Number.NaN : Date.parse(text)
}

function keyOf(record: V1Record): [string, string] {
  return [str(record.created) ?? '', str(record._id) ?? str(record.id) ?? '']
}

/** Whether `record` comes at or before `key` in `-created _id` order. */
function atOrBefore(record: V1Record, key: [string, string]): boolean {
  const created = dateOf(record, 'created')
  const keyCreated = Date.parse(key[0])
  if (created !== keyCreated) return created > keyCreated
  return (str(record._id) ?? str(record.id) ?? '') <= key[1]
}

export async function readFilteredPage<T extends V1Record>(
  ctx: ReadContext,
  path: string,
  filters: V1Filters,
  position: unknown,
  limit: number,
  /** A further check on each record (a status shown from older records). */
  keep?: (record: T) => boolean,
  /** Only these fields of each record (V1 `fields`), with those the checks and order read. */
  fields?: readonly string[],
): Promise<FilteredPage<T>> {
  const start = positionOf(position)
  const projection = fields && [
    ...new Set([
      ...fields,
      '_id',
      'created',
      ...filters.local.map((f) => parseLocalFilter(f).field),
      ...(filters.updatedAfter ? ['lastContact'] : []),
    ]),
  ]
  const read = (order: NewestFirst | undefined) =>
    readFrom(ctx, path, filters, order, start, limit, keep, projection)
  if (filters.createdAfter !== undefined) {
    return read({ field: 'created', after: Date.parse(filters.createdAfter) })
  }
  if (filters.updatedAfter !== undefined && position === undefined) {
    const tried = await read({ field: 'lastContact', after: Date.parse(filters.updatedAfter) })
    if (tried.next === null) return tried
  }
  return read(undefined)
}

async function readFrom<T extends V1Record>(
  ctx: ReadContext,
  path: string,
  filters: V1Filters,
  order: NewestFirst | undefined,
  start: FilteredPosition,
  limit: number,
  keep: ((record: T) => boolean) | undefined,
  fields: readonly string[] | undefined,
): Promise<FilteredPage<T>> {
  const checks = filters.local.map(parseLocalFilter)
  const call: ListCall = {
    path,
    style: 'v1',
    query: {
      filter: filters.exact,
      sort: order ? `-${order.field} _id` : '_id',
      ...(fields ? { fields: fields.join(' ') } : {}),
    },
  }
  // Only `created` never changes, so only it is paged by (and keyed against repeats).
  const keyed = order?.field === 'created'
  const size = JUMPCLOUD.pageSize
  const items: T[] = []
  let key = start.k
  // Newest first, a page starts one record early: that record must be one looked at already.
  // If it is not, records before the position were deleted and moved the rest up, so reading
  // steps back (a page at a time) rather than pass over records never looked at.
  let settle = keyed && key !== undefined && start.s > 0
  let offset = settle ? start.s - 1 : start.s
  let ended = false
  let upstreamTotal: number | undefined
  let looked = 0
  let pages = 1
  while (!ended && items.length < limit) {
    const offsets = Array.from({ length: pages }, (_, i) => offset + i * size)
    const batch = await Promise.all(
      offsets.map((at) => readPage<T>(ctx.http, ctx.session, call, at, size)),
    )
    upstreamTotal = batch[0]?.total ?? upstreamTotal
    if (settle) {
      settle = false
      const first = batch[0]?.items[0]
      if (key !== undefined && offset > 0 && (first === undefined || !atOrBefore(first, key))) {
        offset = Math.max(0, offset - size)
        settle = true
        pages = 1
        continue
      }
    }
    read: for (const page of batch) {
      for (const [index, record] of page.items.entries()) {
        // Newest first: the first record not after the cutoff ends the match.
        if (order && !(dateOf(record, order.field) > order.after)) {
          ended = true
          break read
        }
        offset++
        looked++
        if (key !== undefined && atOrBefore(record, key)) continue
        if (keyed) key = keyOf(record)
        if (checks.every((f) => matchesLocalFilter(record, f)) && (keep?.(record) ?? true)) {
          items.push(record)
        }
        if (items.length === limit) {
          ended = index === page.items.length - 1 && page.items.length < size
          break read
        }
      }
      if (page.items.length < size) {
        ended = true
        break
      }
    }
    if (ended || items.length >= limit) break
    // As many more pages as should fit at the rate records matched so far. When not even one
    // would, the page ends short rather than read a page mostly to be read again after it.
    const rate = items.length / Math.max(looked, 1)
    const wanted =
      rate === 0 ? MAX_PAGES_AT_ONCE : Math.floor((limit - items.length) / (rate * size))
    const left =
      upstreamTotal === undefined ? MAX_PAGES_AT_ONCE : Math.ceil((upstreamTotal - offset) / size)
    if (left <= 0 || wanted === 0) break
    pages = Math.min(MAX_PAGES_AT_ONCE, wanted, left)
  }
  if (!ended && upstreamTotal !== undefined && offset >= upstreamTotal) ended = true
  const next = ended ? null : { s: offset, ...(key ? { k: key } : {}) }
  return { items, next, ...totalOf() }

  function totalOf(): { total?: number } {
    if (!ended) return {}
    // Newest first with no other check: every record before the end matched.
    if (order && checks.length === 1 && keep === undefined) return { total: offset }
    if (start.s === 0 && start.k === undefined) return { total: items.length }
    return {}
  }
}
