import { describe, expect, it } from 'vitest'
import { FilterError, filterRecords, matches, parseCondition, parseFilterParams } from './filter.ts'

const people = [
  { name: 'Ann', age: 30, active: true, mfa: { configured: true } },
  { name: 'Bob', age: 41, active: false, mfa: { configured: false } },
  { name: 'C|D', age: 25, active: true, mfa: { configured: false } },
]

describe('filters', () => {
  it('parses v1 $-operators and v2 bare operators, keeping colons in values', () => {
    expect(parseCondition('created:$gte:2024-01-01T00:00:00Z', 'v1')).toEqual({
      field: 'created',
      op: 'ge',
      values: ['2024-01-01T00:00:00Z'],
    })
    expect(parseCondition('name:eq:Test Group', 'v2')).toEqual({
      field: 'name',
      op: 'eq',
      values: ['Test Group'],
    })
    expect(() => parseCondition('name:eq:x', 'v1')).toThrow(FilterError)
    expect(() => parseCondition('name:$eq:x', 'v2')).toThrow(FilterError)
    expect(() => parseCondition('nonsense', 'v1')).toThrow(FilterError)
  })

  it('compares with the field type and splits $in on unescaped pipes', () => {
    expect(
      filterRecords(people, { and: [parseCondition('age:$gt:29', 'v1')], or: [] }).map(
        (p) => p.name,
      ),
    ).toEqual(['Ann', 'Bob'])
    expect(
      filterRecords(people, { and: [parseCondition('active:$eq:false', 'v1')], or: [] }).map(
        (p) => p.name,
      ),
    ).toEqual(['Bob'])
    expect(
      filterRecords(people, { and: [parseCondition('name:$in:Ann|C\\|D', 'v1')], or: [] }).map(
        (p) => p.name,
      ),
    ).toEqual(['Ann', 'C|D'])
    expect(matches(people[0], parseCondition('mfa.configured:eq:true', 'v2'))).toBe(true)
    expect(matches(people[1], parseCondition('age:between:40,50', 'v2'))).toBe(true)
  })

  it('ANDs repeated filters and ORs filter[or][n]', () => {
    const and = parseFilterParams(
      new URL('http://x/?filter=active:$eq:true&filter[1]=age:$lt:28'),
      'v1',
    )
    expect(filterRecords(people, and).map((p) => p.name)).toEqual(['C|D'])
    const or = parseFilterParams(
      new URL('http://x/?filter[or][0]=name:$eq:Ann&filter[or][1]=name:$eq:Bob'),
      'v1',
    )
    expect(filterRecords(people, or).map((p) => p.name)).toEqual(['Ann', 'Bob'])
  })
})
