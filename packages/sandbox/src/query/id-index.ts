import type { Filter } from './filter.ts'
import { readPath } from './values.ts'

// Clients look records up by id in batches (a search body's `or` of a hundred ids, System Insights
// `system_id:in:`). Testing every condition value against every stored row made that O(rows ×
// ids) per call; an index from id to row positions makes it O(ids). Only fields that never
// change once stored are indexed, and stored lists only grow, so an index stays right until
// the length of its list changes.

const ID_FIELDS = new Set(['_id', 'id', 'system_id'])

type Index = Map<string, number[]> | null

const indexes = new WeakMap<readonly object[], Map<string, { length: number; index: Index }>>()

/** Positions by value of `field`; null when some value is not a string (no exact lookup). */
function indexOf(records: readonly object[], field: string): Index {
  let byField = indexes.get(records)
  if (!byField) {
    byField = new Map()
    indexes.set(records, byField)
  }
  const cached = byField.get(field)
  if (cached && cached.length === records.length) return cached.index
  let index: Index = new Map()
  for (let i = 0; i < records.length; i++) {
    const value = readPath(records[i], field)
    if (typeof value !== 'string') {
      index = null
      break
    }
    const positions = index.get(value)
    if (positions) positions.push(i)
    else index.set(value, [i])
  }
  byField.set(field, { length: records.length, index })
  return index
}

/**
 * The records that may match `filter`, in stored order: those whose id is one of an `eq`/`in`
 * condition's values, or undefined when no condition can use an index. Every condition must
 * still be checked on them; this only narrows.
 */
export function candidatesById<T extends object>(
  records: readonly T[],
  filter: Filter,
): T[] | undefined {
  for (const condition of filter.and) {
    if ((condition.op !== 'eq' && condition.op !== 'in') || !ID_FIELDS.has(condition.field))
      continue
    const index = indexOf(records, condition.field)
    if (!index) continue
    const positions = [...new Set(condition.values)].flatMap((value) => index.get(value) ?? [])
    return positions.sort((a, b) => a - b).map((i) => records[i] as T)
  }
  return undefined
}
