import { type Condition, type Filter, FilterError } from './filter.ts'
import { readPath } from './values.ts'

// The body of v1 `POST /api/search/systemusers|systems` (V1 spec `User_Search`, `System_Search`,
// schema `search`): `filter` is an array of query expressions (all must match), or an object
// with one property `and` or `or` holding one; a query expression is an exact match such as
// `{"department": "IT"}`. `searchFilter` is `{searchTerm: string | string[], fields: string[]}`,
// a partial text match on any of the fields. Other shapes are refused, as the spec has none.

function expressions(list: unknown): Condition[][] {
  if (!Array.isArray(list)) throw new FilterError('filter expressions must be an array')
  return list.map((expression) => {
    if (expression === null || typeof expression !== 'object' || Array.isArray(expression))
      throw new FilterError('a filter expression must be an object such as {"field": "value"}')
    return Object.entries(expression).map(([field, value]) => {
      if (!['string', 'number', 'boolean'].includes(typeof value))
        throw new FilterError(`filter expression for ${field} must be an exact value`)
      return { field, op: 'eq' as const, values: [String(value)] }
    })
  })
}

/** An `or` of exact ids is one `in` condition, so that the id index can serve it. */
function anyOf(alternatives: Condition[][]): Filter {
  const single = alternatives.every((a) => a.length === 1)
  const fields = new Set(alternatives.map((a) => a[0]?.field))
  if (single && fields.size === 1) {
    const [field] = fields
    return {
      and: [
        { field: field as string, op: 'in', values: alternatives.flat().flatMap((c) => c.values) },
      ],
      or: [],
    }
  }
  if (!single) throw new FilterError('each "or" expression must name one field')
  return { and: [], or: alternatives.flat() }
}

export function searchBodyFilter(filter: unknown): Filter {
  if (filter === undefined || filter === null) return { and: [], or: [] }
  if (Array.isArray(filter)) return { and: expressions(filter).flat(), or: [] }
  if (typeof filter !== 'object') throw new FilterError('filter must be an object or an array')
  const keys = Object.keys(filter)
  if (keys.length === 0) return { and: [], or: [] }
  if (keys.length !== 1 || (keys[0] !== 'and' && keys[0] !== 'or'))
    throw new FilterError('filter must have a single property, "and" or "or"')
  const { and, or } = filter as { and?: unknown; or?: unknown }
  if (and !== undefined) return { and: expressions(and).flat(), or: [] }
  const alternatives = expressions(or)
  return alternatives.length === 0 ? { and: [], or: [] } : anyOf(alternatives)
}

/** `searchFilter`: does any field contain any search term (case-insensitive)? */
export function searchFilterMatcher(searchFilter: unknown): ((record: unknown) => boolean) | null {
  if (searchFilter === undefined || searchFilter === null) return null
  if (typeof searchFilter !== 'object' || Array.isArray(searchFilter))
    throw new FilterError('searchFilter must be an object')
  const { searchTerm, fields } = searchFilter as { searchTerm?: unknown; fields?: unknown }
  if (searchTerm === undefined && fields === undefined) return null
  const terms = Array.isArray(searchTerm) ? searchTerm : [searchTerm]
  if (!terms.every((t) => typeof t === 'string'))
    throw new FilterError('searchFilter.searchTerm must be a string or an array of strings')
  if (!Array.isArray(fields) || !fields.every((f) => typeof f === 'string'))
    throw new FilterError('searchFilter.fields must be an array of field names')
  const lowered = (terms as string[]).map((t) => t.toLowerCase())
  return (record) =>
    (fields as string[]).some((field) => {
      const value = readPath(record, field)
      return typeof value === 'string' && lowered.some((t) => value.toLowerCase().includes(t))
    })
}
