import { describe, expect, it } from 'vitest'
import { parseSort, projectionOf } from './list.ts'
import { sortedStoredList, storedRecordsChanged, storedRecordText } from './stored-views.ts'

describe('stored views', () => {
  it('sorts a stored list once per sort, and again when it grows', () => {
    const rows = [{ _id: 'c' }, { _id: 'a' }, { _id: 'b' }]
    const first = sortedStoredList(rows, parseSort('_id', ' '))
    expect(first.map((r) => r._id)).toEqual(['a', 'b', 'c'])
    expect(sortedStoredList(rows, parseSort('_id', ' '))).toBe(first)
    expect(sortedStoredList(rows, parseSort('-_id', ' ')).map((r) => r._id)).toEqual([
      'c',
      'b',
      'a',
    ])
    rows.push({ _id: '0' })
    expect(sortedStoredList(rows, parseSort('_id', ' ')).map((r) => r._id)).toEqual([
      '0',
      'a',
      'b',
      'c',
    ])
    expect(sortedStoredList(rows, [])).toBe(rows)
  })

  it('sorts again by a field whose value a write changed', () => {
    const rows = [
      { _id: 'a', state: 'STAGED' },
      { _id: 'b', state: 'ACTIVATED' },
    ]
    const first = sortedStoredList(rows, parseSort('state _id', ' '))
    expect(first.map((r) => r._id)).toEqual(['b', 'a'])
    expect(sortedStoredList(rows, parseSort('state _id', ' '))).toBe(first)
    const second = rows[1]
    if (second) second.state = 'SUSPENDED'
    // Changed behind the sandbox's back: the remembered order stands until a write says so.
    expect(sortedStoredList(rows, parseSort('state _id', ' '))).toBe(first)
    storedRecordsChanged()
    expect(sortedStoredList(rows, parseSort('state _id', ' ')).map((r) => r._id)).toEqual([
      'a',
      'b',
    ])
  })

  it('remembers a record text per projection until a write', () => {
    const record = { _id: '1', id: '1', email: 'a@b', firstname: 'A' }
    const email = projectionOf(['email'], ['_id', 'id'])
    expect(storedRecordText(record, email)).toBe('{"_id":"1","id":"1","email":"a@b"}')
    record.email = 'c@d'
    // Changed behind the sandbox's back: the remembered text stands until a write says so.
    expect(storedRecordText(record, email)).toBe('{"_id":"1","id":"1","email":"a@b"}')
    storedRecordsChanged()
    expect(storedRecordText(record, email)).toBe('{"_id":"1","id":"1","email":"c@d"}')
    const whole = storedRecordText(record, undefined)
    expect(whole).toBe(JSON.stringify(record))
    // Both projections are remembered: a client asking a few fields and one asking all both hit.
    record.firstname = 'B'
    expect(storedRecordText(record, email)).toBe('{"_id":"1","id":"1","email":"c@d"}')
    expect(storedRecordText(record, undefined)).toBe(whole)
    storedRecordsChanged()
    expect(storedRecordText(record, projectionOf(['firstname'], ['_id']))).toBe(
      '{"_id":"1","firstname":"B"}',
    )
  })
})
