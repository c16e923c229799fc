import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { MAX_PAGE_SIZE, UNIFIED_COLLECTIONS, unifiedListResponse } from './unified'
import { LIST_QUERY_PARSE_OPTIONS, parseInput } from './validation'

const { users, devices, events, groupMembers } = UNIFIED_COLLECTIONS
const parseList = (schema: z.ZodType, query: Record<string, string>) =>
  parseInput(schema, query, LIST_QUERY_PARSE_OPTIONS)

describe('unified collections', () => {
  it('cover every path of the architecture', () => {
    const paths = Object.values(UNIFIED_COLLECTIONS).map((collection) => collection.path)
    for (const path of [
      '/v1/unified/user-directory/users',
      '/v1/unified/user-directory/groups',
      '/v1/unified/user-directory/groups/:id/members',
      '/v1/unified/user-directory/organizations',
      '/v1/unified/user-directory/roles',
      '/v1/unified/hris/employees',
      '/v1/unified/hris/companies',
      '/v1/unified/hris/groups',
      '/v1/unified/mdm/devices',
      '/v1/unified/mdm/device-groups',
      '/v1/unified/mdm/installed-apps',
      '/v1/unified/sso/applications',
      '/v1/unified/sso/applications/:id/assignments',
      '/v1/unified/events',
    ]) {
      expect(paths).toContain(path)
    }
  })

  it('gives every top-level collection a GET by id, and no nested one', () => {
    for (const collection of Object.values(UNIFIED_COLLECTIONS)) {
      expect(collection.nested, collection.name).toBe(collection.path.includes(':id'))
      expect('getQuery' in collection, collection.name).toBe(!collection.nested)
    }
  })
})

describe('unified list queries', () => {
  it('fills defaults and coerces strings', () => {
    expect(parseList(users.listQuery, {})).toEqual({
      ok: true,
      data: { limit: 50, include_remote_data: false },
    })
    expect(
      parseList(users.listQuery, {
        limit: '1000',
        include_remote_data: 'true',
        expand: 'groups, last_login,groups',
        status: 'invited',
        created_after: '2026-01-01T00:00:00+02:00',
      }),
    ).toEqual({
      ok: true,
      data: {
        limit: MAX_PAGE_SIZE,
        include_remote_data: true,
        expand: ['groups', 'last_login'],
        status: 'invited',
        created_after: '2026-01-01T00:00:00+02:00',
      },
    })
  })

  it('rejects a filter the collection does not support with unsupported_filter', () => {
    const result = parseList(users.listQuery, { updated_after: '2026-01-01T00:00:00Z' })
    if (result.ok) throw new Error('expected a failure')
    expect(result.error.code).toBe('unsupported_filter')
    expect(result.error.details?.issues).toEqual([
      { path: 'updated_after', message: 'is not a known parameter' },
    ])
  })

  it('rejects filters on a collection that has none', () => {
    const result = parseList(groupMembers.listQuery, { status: 'active' })
    expect(result.ok || result.error.code).toBe('unsupported_filter')
  })

  it('rejects a cursor that is empty or huge with invalid_cursor', () => {
    for (const cursor of ['', 'c'.repeat(2049)]) {
      const result = parseList(users.listQuery, { cursor })
      expect(result.ok || result.error.code).toBe('invalid_cursor')
    }
  })

  it.each([
    ['a limit of 0', { limit: '0' }],
    ['a limit above the maximum', { limit: String(MAX_PAGE_SIZE + 1) }],
    ['a fractional limit', { limit: '2.5' }],
    ['a non-numeric limit', { limit: 'ten' }],
    ['an unknown expansion', { expand: 'groups,passwords' }],
    ['a bad status', { status: 'deleted' }],
    ['a non-ISO date', { created_after: 'yesterday' }],
    ['a non-boolean remote-data flag', { include_remote_data: 'maybe' }],
  ])('rejects %s with invalid_request', (_label, query) => {
    const result = parseList(users.listQuery, query)
    expect(result.ok || result.error.code).toBe('invalid_request')
  })

  it('knows each collection’s own filters', () => {
    expect(parseList(devices.listQuery, { platform: 'macos', user_id: 'u1' }).ok).toBe(true)
    expect(parseList(devices.listQuery, { platform: 'amiga' }).ok).toBe(false)
    expect(
      parseList(events.listQuery, { occurred_after: '2026-11-01T00:00:00Z', type: 'sso_auth' }).ok,
    ).toBe(true)
  })
})

describe('list envelope', () => {
  it('round-trips a page and rejects a page without a cursor field', () => {
    const page = { result: [], next_cursor: null, total: 0 }
    const schema = unifiedListResponse('users')
    expect(schema.parse(JSON.parse(JSON.stringify(page)))).toEqual(page)
    expect(schema.safeParse({ result: [] }).success).toBe(false)
  })
})
