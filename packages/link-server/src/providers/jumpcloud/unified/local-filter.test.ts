import { describe, expect, it } from 'vitest'
import {
  allChecks,
  applicationFilters,
  PLATFORM_FILTERS,
  systemFilters,
  systemuserFilters,
  type V1Filters,
} from './filters'
import { matchesLocalFilter, parseLocalFilter } from './local-filter'

const passes = (record: object, filters: V1Filters | string[]) =>
  (Array.isArray(filters) ? filters : allChecks(filters))
    .map(parseLocalFilter)
    .every((f) => matchesLocalFilter(record, f))

describe('what is sent and what is checked here', () => {
  it('sends only $eq (the V1 spec’s one operator); dates and platform=unknown stay local', () => {
    const users = systemuserFilters({
      created_after: '2024-02-01',
      email: 'Ann@Example.com',
      state: 'STAGED',
    })
    expect(users).toEqual({
      exact: ['email:$eq:ann@example.com', 'state:$eq:STAGED'],
      local: ['created:$gt:2024-02-01T00:00:00.000Z'],
      createdAfter: '2024-02-01T00:00:00.000Z',
    })
    const devices = systemFilters({
      updated_after: '2024-03-01T00:00:00Z',
      status: 'active',
      platform: 'unknown',
    })
    expect(devices).toEqual({
      exact: ['active:$eq:true'],
      local: ['lastContact:$gt:2024-03-01T00:00:00.000Z', PLATFORM_FILTERS.unknown],
      updatedAfter: '2024-03-01T00:00:00.000Z',
    })
    expect(systemFilters({ platform: 'macos' }).exact).toEqual(['osFamily:$eq:darwin'])
    expect(applicationFilters({})).toEqual({ exact: [], local: [] })
    for (const filters of [users, devices]) {
      for (const form of filters.exact) expect(form).toMatch(/^[^:]+:\$eq:/)
    }
  })
})

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

  it('matches platform=unknown on the platform the device is shown with', () => {
    const unknown = [PLATFORM_FILTERS.unknown]
    expect(passes({ osFamily: 'darwin' }, unknown)).toBe(false)
    expect(passes({ osFamily: 'freebsd', os: 'FreeBSD' }, unknown)).toBe(true)
    expect(passes({}, unknown)).toBe(true)
    // Shown as Linux from its `os`, so not unknown, although its family is not a known one.
    expect(passes({ osFamily: '', os: 'Ubuntu' }, unknown)).toBe(false)
  })

  it('refuses an operator it cannot check', () => {
    expect(() => parseLocalFilter('osFamily:$nin:darwin|windows')).toThrow(/no local form/)
  })
})
