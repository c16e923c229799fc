import { readPath } from './values.ts'

// Directory Insights `search_term` (jumpcloud-api.md §9): `{and|or|not: [{field: value|[values]},
// nested {or: [...]}]}`, dot notation for nested fields, case-insensitive values.

export type SearchTerm = { and?: unknown; or?: unknown; not?: unknown }

export function matchesSearchTerm(event: unknown, term: unknown): boolean {
  if (term === null || typeof term !== 'object') return true
  const { and, or, not } = term as SearchTerm
  if (and !== undefined && !asList(and).every((t) => matchesClause(event, t))) return false
  if (or !== undefined && !asList(or).some((t) => matchesClause(event, t))) return false
  if (not !== undefined && asList(not).some((t) => matchesClause(event, t))) return false
  return true
}

function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value
  if (value && typeof value === 'object') return Object.entries(value).map(([k, v]) => ({ [k]: v }))
  return []
}

function matchesClause(event: unknown, clause: unknown): boolean {
  if (clause === null || typeof clause !== 'object') return false
  const entries = Object.entries(clause)
  if (entries.some(([k]) => k === 'and' || k === 'or' || k === 'not'))
    return matchesSearchTerm(event, clause)
  return entries.every(([field, expected]) => {
    const actual = readPath(event, field)
    const wanted = Array.isArray(expected) ? expected : [expected]
    return wanted.some((w) => String(actual).toLowerCase() === String(w).toLowerCase())
  })
}
