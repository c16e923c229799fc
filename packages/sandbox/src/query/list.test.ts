import { describe, expect, it } from 'vitest'
import {
  parseFields,
  parsePage,
  parseSort,
  project,
  projectionOf,
  QueryError,
  sortRecords,
} from './list.ts'

describe('list helpers', () => {
  it('reads skip and limit with JumpCloud defaults and caps', () => {
    expect(parsePage(new URL('http://x/'), 100)).toEqual({ skip: 0, limit: 10 })
    expect(parsePage(new URL('http://x/?skip=20&limit=100'), 100)).toEqual({ skip: 20, limit: 100 })
    expect(() => parsePage(new URL('http://x/?limit=101'), 100)).toThrow(QueryError)
    expect(() => parsePage(new URL('http://x/?skip=-1'), 100)).toThrow(QueryError)
  })

  it('sorts stably by several keys, descending with -', () => {
    const rows = [
      { d: 'b', n: 1 },
      { d: 'a', n: 2 },
      { d: 'b', n: 3 },
      { d: 'a', n: 2 },
    ]
    expect(sortRecords(rows, parseSort('d -n', ' '))).toEqual([rows[1], rows[3], rows[2], rows[0]])
    expect(parseSort('name,-created', ',')).toEqual([
      { field: 'name', descending: false },
      { field: 'created', descending: true },
    ])
  })

  it('projects the asked fields and always keeps the ids', () => {
    const record = { _id: '1', id: '1', email: 'a@b', firstname: 'A', lastname: 'B' }
    const projection = projectionOf(parseFields('email firstname', ' '), ['_id', 'id'])
    expect(project(record, projection)).toEqual({
      _id: '1',
      id: '1',
      email: 'a@b',
      firstname: 'A',
    })
    expect(project(record, projectionOf([], ['_id']))).toBe(record)
  })

  it('keeps each top-level key once, in the order first asked, ids first', () => {
    const record = { _id: '1', id: '1', mfa: { configured: true }, email: 'a@b' }
    const projection = projectionOf(parseFields('email mfa.configured _id mfa absent', ' '), [
      '_id',
      'id',
    ])
    expect(projection?.keys).toEqual(['_id', 'id', 'email', 'mfa', 'absent'])
    expect(JSON.stringify(project(record, projection))).toBe(
      '{"_id":"1","id":"1","email":"a@b","mfa":{"configured":true}}',
    )
  })
})
