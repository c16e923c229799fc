import { compareValues, readPath } from './values.ts'

// Paging, sorting and projection shared by the v1, v2 and System Insights lists.

export class QueryError extends Error {}

export interface Page {
  skip: number
  limit: number
}

/** Reads `skip`/`limit`; JumpCloud's default page is 10 and lists are capped (v1/v2: 100). */
export function parsePage(url: URL, max: number, defaultLimit = 10): Page {
  const skip = parseCount(url.searchParams.get('skip'), 0, 'skip')
  const limit = parseCount(url.searchParams.get('limit'), defaultLimit, 'limit')
  if (limit > max) throw new QueryError(`limit must be less than or equal to ${max}`)
  return { skip, limit }
}

function parseCount(text: string | null, fallback: number, name: string): number {
  if (text === null || text === '') return fallback
  if (!/^\d+$/.test(text)) throw new QueryError(`${name} must be a non-negative integer`)
  return Number(text)
}

export function pageOf<T>(records: readonly T[], page: Page): T[] {
  return records.slice(page.skip, page.skip + page.limit)
}

/** Sort keys: `-field` is descending. v1 separates them with spaces, v2 with commas. */
export function parseSort(
  text: string | null,
  separator: ' ' | ',',
): { field: string; descending: boolean }[] {
  if (!text) return []
  return text
    .split(separator === ' ' ? /[\s,]+/ : /,/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) =>
      s.startsWith('-') ? { field: s.slice(1), descending: true } : { field: s, descending: false },
    )
}

/** Stable sort: records equal on every key keep their stored order, so paging never repeats. */
export function sortRecords<T>(
  records: readonly T[],
  keys: { field: string; descending: boolean }[],
): T[] {
  if (keys.length === 0) return [...records]
  return records
    .map((record, index) => ({ record, index }))
    .sort((a, b) => {
      for (const key of keys) {
        const order = compareValues(readPath(a.record, key.field), readPath(b.record, key.field))
        if (order !== 0) return key.descending ? -order : order
      }
      return a.index - b.index
    })
    .map((entry) => entry.record)
}

const ID_FIELDS = new Set(['_id', 'id'])
const byIdCache = new WeakMap<
  readonly object[],
  Map<string, { length: number; sorted: object[] }>
>()

/**
 * `sortRecords` for a whole stored list sorted by its ids only (what a client paging through
 * every record asks, page after page), remembered per list: ids never change and stored lists
 * only grow, so the order stays right until the length changes. A 10,000-user organization is
 * then not sorted again for each page of 100. Any other sort is done afresh.
 */
export function sortStoredList<T extends object>(
  records: readonly T[],
  keys: { field: string; descending: boolean }[],
): T[] {
  if (keys.length === 0 || !keys.every((k) => ID_FIELDS.has(k.field))) {
    return sortRecords(records, keys)
  }
  const spec = keys.map((k) => `${k.descending ? '-' : ''}${k.field}`).join(' ')
  let orders = byIdCache.get(records)
  if (!orders) {
    orders = new Map()
    byIdCache.set(records, orders)
  }
  const cached = orders.get(spec)
  if (cached && cached.length === records.length) return cached.sorted as T[]
  const sorted = sortRecords(records, keys)
  orders.set(spec, { length: records.length, sorted })
  return sorted
}

export function parseFields(text: string | null, separator: ' ' | ','): string[] {
  if (!text) return []
  return text
    .split(separator === ' ' ? /[\s,]+/ : /,/)
    .map((s) => s.trim())
    .filter(Boolean)
}

/** Keeps only the asked fields, plus the ids that JumpCloud always returns. */
export function project<T extends object>(
  record: T,
  fields: string[],
  alwaysKept: readonly string[],
): Partial<T> {
  if (fields.length === 0) return record
  const out: Record<string, unknown> = {}
  for (const key of [...alwaysKept, ...fields]) {
    const top = key.split('.')[0] ?? key
    if (top in record) out[top] = (record as Record<string, unknown>)[top]
  }
  return out as Partial<T>
}
