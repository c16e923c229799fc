import { coerceLike, compareValues, readPath } from './values.ts'

// JumpCloud's two filter syntaxes (jumpcloud-api.md §5.3): v1 `field:$op:value` and v2
// `field:op:value`. Parsing is pure and throws FilterError for text JumpCloud would refuse.

export class FilterError extends Error {}

export type Operator =
  | 'eq'
  | 'ne'
  | 'gt'
  | 'ge'
  | 'lt'
  | 'le'
  | 'in'
  | 'nin'
  | 'sw'
  | 'ew'
  | 'co'
  | 'nco'
  | 'search'
  | 'between'

export interface Condition {
  field: string
  op: Operator
  values: string[]
}

const V1_OPERATORS: Record<string, Operator> = {
  $eq: 'eq',
  $ne: 'ne',
  $gt: 'gt',
  $gte: 'ge',
  $lt: 'lt',
  $lte: 'le',
  $in: 'in',
  $nin: 'nin',
  $sw: 'sw',
  $ew: 'ew',
  $co: 'co',
  $nco: 'nco',
}
const V2_OPERATORS: Record<string, Operator> = {
  eq: 'eq',
  ne: 'ne',
  gt: 'gt',
  ge: 'ge',
  lt: 'lt',
  le: 'le',
  in: 'in',
  search: 'search',
  between: 'between',
}
/** v1 operators that need `x-eventually-consistent: true`. */
export const EVENTUALLY_CONSISTENT: ReadonlySet<Operator> = new Set(['sw', 'ew', 'co', 'nco'])

/** Splits `a|b\|c` into `['a', 'b|c']`. */
function splitTerms(value: string): string[] {
  const terms: string[] = []
  let current = ''
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]
    if (ch === '\\' && value[i + 1] === '|') {
      current += '|'
      i++
    } else if (ch === '|') {
      terms.push(current)
      current = ''
    } else current += ch
  }
  terms.push(current)
  return terms
}

export function parseCondition(text: string, syntax: 'v1' | 'v2'): Condition {
  const first = text.indexOf(':')
  const second = first < 0 ? -1 : text.indexOf(':', first + 1)
  if (first <= 0 || second < 0) throw new FilterError(`invalid filter: ${text}`)
  const field = text.slice(0, first)
  const opText = text.slice(first + 1, second)
  const value = text.slice(second + 1)
  const op = (syntax === 'v1' ? V1_OPERATORS : V2_OPERATORS)[opText]
  if (!op) throw new FilterError(`invalid filter operator ${opText} in ${text}`)
  const values =
    op === 'in' || op === 'nin' ? splitTerms(value) : op === 'between' ? value.split(',') : [value]
  if (op === 'between' && values.length !== 2)
    throw new FilterError(`between needs two values: ${text}`)
  return { field, op, values }
}

export function matches(record: unknown, condition: Condition): boolean {
  const actual = readPath(record, condition.field)
  const [first = ''] = condition.values
  const expected = coerceLike(first, actual)
  switch (condition.op) {
    case 'eq':
      return actual === expected
    case 'ne':
      return actual !== expected
    case 'gt':
      return compareValues(actual, expected) > 0
    case 'ge':
      return compareValues(actual, expected) >= 0
    case 'lt':
      return compareValues(actual, expected) < 0
    case 'le':
      return compareValues(actual, expected) <= 0
    case 'in':
      return condition.values.some((v) => coerceLike(v, actual) === actual)
    case 'nin':
      return !condition.values.some((v) => coerceLike(v, actual) === actual)
    case 'sw':
      return typeof actual === 'string' && actual.startsWith(first)
    case 'ew':
      return typeof actual === 'string' && actual.endsWith(first)
    case 'co':
      return typeof actual === 'string' && actual.includes(first)
    case 'nco':
      return !(typeof actual === 'string' && actual.includes(first))
    case 'search':
      return typeof actual === 'string' && actual.toLowerCase().includes(first.toLowerCase())
    case 'between': {
      const [low = '', high = ''] = condition.values
      return (
        compareValues(actual, coerceLike(low, actual)) >= 0 &&
        compareValues(actual, coerceLike(high, actual)) <= 0
      )
    }
  }
}

/** A parsed request filter: every `and` condition holds, and at least one `or` (if any). */
export interface Filter {
  and: Condition[]
  or: Condition[]
}

export function filterRecords<T>(records: readonly T[], filter: Filter): T[] {
  if (filter.and.length === 0 && filter.or.length === 0) return [...records]
  return records.filter(
    (r) =>
      filter.and.every((c) => matches(r, c)) &&
      (filter.or.length === 0 || filter.or.some((c) => matches(r, c))),
  )
}

/**
 * Reads the filter query parameters: `filter=a&filter=b`, `filter[0]=a`, and (v1)
 * `filter[or][0]=a&filter[or][1]=b`.
 */
export function parseFilterParams(url: URL, syntax: 'v1' | 'v2'): Filter {
  const filter: Filter = { and: [], or: [] }
  for (const [name, value] of url.searchParams) {
    if (value === '') continue
    if (
      name === 'filter' ||
      /^filter\[\d+\]$/.test(name) ||
      (syntax === 'v1' && /^filter\[and\]\[\d+\]$/.test(name))
    ) {
      filter.and.push(parseCondition(value, syntax))
    } else if (syntax === 'v1' && /^filter\[or\]\[\d+\]$/.test(name)) {
      filter.or.push(parseCondition(value, syntax))
    }
  }
  return filter
}
