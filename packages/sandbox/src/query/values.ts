/** Reads a possibly nested field (`mfa.configured`) from a record. */
export function readPath(record: unknown, path: string): unknown {
  let value: unknown = record
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[part]
  }
  return value
}

/** Orders two field values the way a document store would: nulls first, then by type. */
export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0
  if (a === undefined || a === null) return -1
  if (b === undefined || b === null) return 1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'boolean' && typeof b === 'boolean') return a ? 1 : -1
  const left = String(a)
  const right = String(b)
  return left < right ? -1 : left > right ? 1 : 0
}

/** Turns a filter's text value into the type of the field it is compared with. */
export function coerceLike(text: string, sample: unknown): unknown {
  if (typeof sample === 'boolean') return text === 'true' ? true : text === 'false' ? false : text
  if (typeof sample === 'number') {
    const n = Number(text)
    return Number.isNaN(n) ? text : n
  }
  if (sample === null && text === 'null') return null
  return text
}
