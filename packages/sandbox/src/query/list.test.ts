import { describe, expect, it } from 'vitest'
import {
  parseFields,
  parsePage,
  parseSort,
  project,
  QueryError,
  sortRecords,
  sortStoredList,
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

  it('sorts a stored list by id once, and again when it grows', () => {
    const rows = [{ _id: 'c' }, { _id: 'a' }, { _id: 'b' }]
    const first = sortStoredList(rows, parseSort('_id', ' '))
    expect(first.map((r) => r._id)).toEqual(['a', 'b', 'c'])
    expect(sortStoredList(rows, parseSort('_id', ' '))).toBe(first)
    expect(sortStoredList(rows, parseSort('-_id', ' ')).map((r) => r._id)).toEqual(['c', 'b', 'a'])
    rows.push({ _id: '0' })
    expect(sortStoredList(rows, parseSort('_id', ' ')).map((r) => r._id)).toEqual([
      '0',
      'a',
      'b',
      'c',
    ])
  })

  it('sorts a stored list afresh by any other field, whose values may change', () => {
    const rows = [
      { _id: 'a', state: 'ACTIVATED' },
      { _id: 'b', state: 'STAGED' },
    ]
    const first = sortStoredList(rows, parseSort('state', ' '))
    expect(sortStoredList(rows, parseSort('state', ' '))).not.toBe(first)
    const second = rows[1]
    if (second) second.state = 'ACTIVATED'
    expect(sortStoredList(rows, parseSort('-state _id', ' ')).map((r) => r._id)).toEqual(['a', 'b'])
    expect(sortStoredList(rows, [])).toEqual(rows)
  })

  it('projects the asked fields and always keeps the ids', () => {
    const record = { _id: '1', id: '1', email: 'a@b', firstname: 'A', lastname: 'B' }
    expect(project(record, parseFields('email firstname', ' '), ['_id', 'id'])).toEqual({
      _id: '1',
      id: '1',
      email: 'a@b',
      firstname: 'A',
    })
    expect(project(record, [], ['_id'])).toBe(record)
  })
})
