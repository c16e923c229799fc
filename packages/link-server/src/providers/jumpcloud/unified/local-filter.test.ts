import { describe, expect, it } from 'vitest'
import { PLATFORM_FILTERS, systemFilters, systemuserFilters } from './filters'
import { matchesLocalFilter, parseLocalFilter } from './local-filter'

const passes = (record: object, filters: string[]) =>
  filters.map(parseLocalFilter).every((f) => matchesLocalFilter(record, f))

describe('v1 filters checked locally', () => {
  it('matches $eq exactly, booleans by their text', () => {
    const user = { email: 'ann@example.com', state: 'ACTIVATED' }
    expect(passes(user, systemuserFilters({ email: 'Ann@Example.com', state: 'ACTIVATED' }))).toBe(
      true,
    )
    expect(passes(user, systemuserFilters({ state: 'SUSPENDED' }))).toBe(false)
    expect(passes({ active: false }, systemFilters({ status: 'inactive' }))).toBe(true)
    expect(passes({ active: true }, systemFilters({ status: 'inactive' }))).toBe(false)
  })

  it('compares $gt as instants, and a missing date never passes', () => {
    const filters = systemFilters({ created_after: '2024-02-01T00:00:00+01:00' })
    expect(passes({ created: '2024-01-31T23:30:00.000Z' }, filters)).toBe(true)
    expect(passes({ created: '2024-01-31T22:30:00.000Z' }, filters)).toBe(false)
    expect(passes({}, filters)).toBe(false)
    expect(passes({ lastContact: null }, systemFilters({ updated_after: '2024-01-01' }))).toBe(
      false,
    )
  })

  it('keeps $nin records outside every term, including those without the field', () => {
    const unknown = [PLATFORM_FILTERS.unknown]
    expect(passes({ osFamily: 'darwin' }, unknown)).toBe(false)
    expect(passes({ osFamily: 'freebsd' }, unknown)).toBe(true)
    expect(passes({}, unknown)).toBe(true)
  })

  it('refuses an operator it cannot check', () => {
    expect(() => parseLocalFilter('created:$lt:2024-01-01')).toThrow(/no local form/)
  })
})
