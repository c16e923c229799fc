import { describe, expect, it } from 'vitest'
import {
  graphIntermediates,
  graphVia,
  hashId,
  isoDate,
  isoTimestamp,
  JumpcloudMappingError,
  namedGraphRefs,
  recordId,
  slug,
  str,
} from './common'

describe('common helpers', () => {
  it('turns blank strings and non-strings into null', () => {
    expect(str('')).toBeNull()
    expect(str('   ')).toBeNull()
    expect(str(null)).toBeNull()
    expect(str(42)).toBeNull()
    expect(str(' a ')).toBe('a')
  })

  it('normalises timestamps to ISO UTC with Z', () => {
    expect(isoTimestamp('2024-01-13T10:01:02.345Z')).toBe('2024-01-13T10:01:02.345Z')
    // Already canonical or not, the answer is toISOString's; impossible dates roll over as Date does.
    for (const text of [
      '2024-02-29T23:59:59.999Z',
      '2023-02-29T00:00:00.000Z',
      '2024-04-31T12:00:00.000Z',
      '2024-12-31T00:00:00.000Z',
      '2024-13-01T00:00:00.000Z',
      '2024-01-01T24:00:00.000Z',
      ' 2024-01-13T10:01:02.345Z',
    ]) {
      const parsed = Date.parse(text.trim())
      expect(isoTimestamp(text), text).toBe(
        Number.isNaN(parsed) ? null : new Date(parsed).toISOString(),
      )
    }
    expect(isoTimestamp('2024-07-01T09:30:00+02:00')).toBe('2024-07-01T07:30:00.000Z')
    expect(isoTimestamp(1738395000.55)).toBe('2025-02-01T07:30:00.550Z')
    expect(isoTimestamp('1738395000')).toBe('2025-02-01T07:30:00.000Z')
    expect(isoTimestamp(1738395000550)).toBe('2025-02-01T07:30:00.550Z')
    for (const bad of [-1, 0, '', null, undefined, 'yesterday', '2024-01-13 10:01:02', NaN]) {
      expect(isoTimestamp(bad)).toBeNull()
    }
  })

  it('normalises dates', () => {
    expect(isoDate('20250115')).toBe('2025-01-15')
    expect(isoDate('2025-01-15')).toBe('2025-01-15')
    expect(isoDate('2025-01-15T23:00:00-05:00')).toBe('2025-01-16')
    expect(isoDate(1703412000)).toBe('2023-12-24')
    expect(isoDate('20231399')).toBeNull()
    expect(isoDate('20230229')).toBeNull()
    expect(isoDate('')).toBeNull()
  })

  it('prefers _id, then id, and refuses neither', () => {
    expect(recordId({ _id: 'a', id: 'b' }, 'x')).toBe('a')
    expect(recordId({ _id: '', id: 'b' }, 'x')).toBe('b')
    expect(recordId({ id: 'b' }, 'x')).toBe('b')
    expect(() => recordId({ _id: null }, 'x')).toThrow(JumpcloudMappingError)
  })

  it('slugs and hashes deterministically', () => {
    expect(slug('Administrator with Billing')).toBe('administrator-with-billing')
    expect(slug('  R&D / Ops ')).toBe('r-d-ops')
    expect(slug('Ünïcode')).toBe('unicode')
    expect(slug('研究')).toBe(slug('研究'))
    expect(slug('研究')).not.toBe(slug('開発'))
    expect(hashId(['a', 'b'])).toBe(hashId(['a', 'b']))
    expect(hashId(['a', 'b'])).not.toBe(hashId(['ab']))
    expect(hashId(['a'])).toMatch(/^[0-9a-f]{24}$/)
  })

  it('reads graph paths', () => {
    const hop = (id: string, type: string) => ({ attributes: null, to: { id, type } })
    expect(graphVia({ id: 'u', type: 'user' })).toBe('direct')
    expect(graphVia({ id: 'u', paths: [[hop('g', 'user_group'), hop('u', 'user')]] })).toBe('group')
    const nested = {
      id: 'u',
      paths: [
        [hop('g1', 'user_group'), hop('g2', 'user_group'), hop('u', 'user')],
        [hop('g1', 'user_group'), hop('u', 'user')],
      ],
    }
    expect(graphIntermediates(nested, 'user_group')).toEqual(['g1', 'g2'])
    expect(
      namedGraphRefs(
        [
          { id: 'g1', type: 'user_group' },
          { to: { id: 'g2', type: 'user_group' } },
          { id: 's', type: 'system' },
        ],
        'user_group',
        new Map([['g1', 'One']]),
      ),
    ).toEqual([
      { id: 'g1', name: 'One' },
      { id: 'g2', name: null },
    ])
  })
})
