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
export function parseSort(text: string | null, separator: ' ' | ','): SortKey[] {
  if (!text) return []
  return text
    .split(separator === ' ' ? /[\s,]+/ : /,/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) =>
      s.startsWith('-') ? { field: s.slice(1), descending: true } : { field: s, descending: false },
    )
}

export interface SortKey {
  field: string
  descending: boolean
}

/**
 * Stable sort: records equal on every key keep their stored order, so paging never repeats.
 * Each record's sort values are read once, not at every comparison.
 */
export function sortRecords<T>(records: readonly T[], keys: readonly SortKey[]): T[] {
  if (keys.length === 0) return [...records]
  const paths = keys.map((key) => key.field)
  return records
    .map((record, index) => ({ record, index, values: paths.map((p) => readPath(record, p)) }))
    .sort((a, b) => {
      for (let k = 0; k < keys.length; k++) {
        const order = compareValues(a.values[k], b.values[k])
        if (order !== 0) return keys[k]?.descending ? -order : order
      }
      return a.index - b.index
    })
    .map((entry) => entry.record)
}

export function parseFields(text: string | null, separator: ' ' | ','): string[] {
  if (!text) return []
  return text
    .split(separator === ' ' ? /[\s,]+/ : /,/)
    .map((s) => s.trim())
    .filter(Boolean)
}

/** The top-level keys a `fields` list keeps, in answer order; undefined keeps every field. */
export interface Projection {
  keys: readonly string[]
  /** Tells one projection from another (a cache key). */
  id: string
}

/**
 * Reads the asked fields once per request: the ids JumpCloud always returns first, then each
 * field's top-level key (`mfa.configured` keeps `mfa`), each once, in the order first asked.
 */
export function projectionOf(
  fields: readonly string[],
  alwaysKept: readonly string[],
): Projection | undefined {
  if (fields.length === 0) return undefined
  const keys = new Set<string>()
  for (const key of [...alwaysKept, ...fields]) keys.add(key.split('.')[0] ?? key)
  return { keys: [...keys], id: JSON.stringify([...keys]) }
}

/** Keeps only the projection's keys that the record has. */
export function project<T extends object>(
  record: T,
  projection: Projection | undefined,
): Partial<T> {
  if (!projection) return record
  const out: Record<string, unknown> = {}
  for (const key of projection.keys) {
    if (key in record) out[key] = (record as Record<string, unknown>)[key]
  }
  return out as Partial<T>
}
