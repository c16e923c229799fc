import { describe, expect, it } from 'vitest'
import { FilterError, filterRecords } from './filter.ts'
import { searchBodyFilter, searchFilterMatcher } from './search-body.ts'

const people = [
  { _id: 'a', department: 'IT', email: 'ann@example.com', active: true },
  { _id: 'b', department: 'Sales', email: 'bob@example.org', active: false },
  { _id: 'c', department: 'IT', email: 'cy@example.org', active: false },
]
const ids = (filter: unknown) => filterRecords(people, searchBodyFilter(filter)).map((p) => p._id)

describe('search body filters (V1 `search`)', () => {
  it('reads arrays and "and" as all-of, "or" as any-of, exact and typed', () => {
    expect(ids([{ department: 'IT' }, { active: false }])).toEqual(['c'])
    expect(ids({ and: [{ department: 'IT', active: true }] })).toEqual(['a'])
    expect(ids({ or: [{ _id: 'c' }, { _id: 'a' }] })).toEqual(['a', 'c'])
    expect(ids({ or: [{ department: 'Sales' }, { active: true }] })).toEqual(['a', 'b'])
    expect(ids({})).toEqual(['a', 'b', 'c'])
    expect(ids(undefined)).toEqual(['a', 'b', 'c'])
  })

  it('refuses shapes the spec does not show', () => {
    for (const filter of [
      { department: 'IT' },
      { and: [], or: [] },
      { or: [{ department: 'IT', active: true }] },
      [{ created: { $gt: '2024-01-01' } }],
      'department:$eq:IT',
    ]) {
      expect(() => searchBodyFilter(filter)).toThrow(FilterError)
    }
  })

  it('text-searches any of the fields for any term, ignoring case', () => {
    const match = searchFilterMatcher({ searchTerm: ['EXAMPLE.ORG'], fields: ['email'] })
    expect(people.filter((p) => match?.(p)).map((p) => p._id)).toEqual(['b', 'c'])
    expect(searchFilterMatcher({})).toBeNull()
    expect(() => searchFilterMatcher({ searchTerm: 'x' })).toThrow(FilterError)
  })
})
