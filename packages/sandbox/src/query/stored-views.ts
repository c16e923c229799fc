import { type Projection, project, type SortKey, sortRecords } from './list.ts'

// The sandbox answers the same stored lists again and again (a client pages a 10,000-user
// organization 100 records at a time, ten pages at once). Sorting the whole list and
// serialising each record for every page cost the sandbox milliseconds of its one thread per
// page, which JumpCloud does not spend; here both are done once and remembered. Records are
// changed in place by the sandbox's writes (writes/, changes/, Organization), and each of those
// calls `storedRecordsChanged()`, which makes everything remembered stale at once.

let revision = 0

/** Call after changing any stored record in place: remembered orders and texts are dropped. */
export function storedRecordsChanged(): void {
  revision++
}

/** Different sort specs remembered per list; a client inventing more only evicts the rest. */
const MAX_ORDERS_PER_LIST = 16

const orders = new WeakMap<
  readonly object[],
  Map<string, { revision: number; length: number; sorted: readonly object[] }>
>()

/**
 * `sortRecords` of a whole stored list, remembered until a record changes or the list grows
 * (a removal makes a new list). Do not change the answer: it is shared.
 */
export function sortedStoredList<T extends object>(
  records: readonly T[],
  keys: readonly SortKey[],
): readonly T[] {
  if (keys.length === 0) return records
  const spec = keys.map((k) => `${k.descending ? '-' : ''}${k.field}`).join('\n')
  let byList = orders.get(records)
  if (!byList) {
    byList = new Map()
    orders.set(records, byList)
  }
  const cached = byList.get(spec)
  if (cached && cached.revision === revision && cached.length === records.length)
    return cached.sorted as readonly T[]
  const sorted = sortRecords(records, keys)
  if (byList.size >= MAX_ORDERS_PER_LIST) byList.clear()
  byList.set(spec, { revision, length: records.length, sorted })
  return sorted
}

/** Projections remembered per record: a client asking few fields and one asking all both hit. */
const MAX_TEXTS_PER_RECORD = 4

const texts = new WeakMap<object, { revision: number; byProjection: Map<string, string> }>()

/**
 * `JSON.stringify(project(record, projection))`, remembered per record and projection until a
 * record changes.
 */
export function storedRecordText(record: object, projection: Projection | undefined): string {
  const id = projection?.id ?? ''
  let cached = texts.get(record)
  if (!cached || cached.revision !== revision) {
    cached = { revision, byProjection: new Map() }
    texts.set(record, cached)
  }
  let text = cached.byProjection.get(id)
  if (text === undefined) {
    text = JSON.stringify(project(record, projection))
    if (cached.byProjection.size >= MAX_TEXTS_PER_RECORD) cached.byProjection.clear()
    cached.byProjection.set(id, text)
  }
  return text
}
