import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { parseInput } from './validation'

const Schema = z.strictObject({
  name: z.string().min(1),
  nested: z.strictObject({ n: z.number() }),
})

describe('parseInput', () => {
  it('returns the parsed data for good input', () => {
    expect(parseInput(Schema, { name: 'a', nested: { n: 1 } })).toEqual({
      ok: true,
      data: { name: 'a', nested: { n: 1 } },
    })
  })

  it('names every bad field with its dotted path', () => {
    const result = parseInput(Schema, { name: '', nested: { n: 'x' } })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('invalid_request')
    expect(result.error.details?.issues?.map((issue) => issue.path)).toEqual(['name', 'nested.n'])
    expect(result.error.message).toMatch(/^`name` /)
  })

  it('reports unknown keys one by one, as invalid_request unless told otherwise', () => {
    const result = parseInput(Schema, { name: 'a', nested: { n: 1, m: 2 }, extra: 1 })
    if (result.ok) throw new Error('expected a failure')
    expect(result.error.code).toBe('invalid_request')
    expect(result.error.details?.issues).toEqual(
      expect.arrayContaining([
        { path: 'nested.m', message: 'is not a known parameter' },
        { path: 'extra', message: 'is not a known parameter' },
      ]),
    )
  })

  it('never repeats an unknown name that is not field-like (a pasted key, odd characters)', () => {
    const apiKey = `jca_${'a1'.repeat(18)}`
    const result = parseInput(Schema, { name: 'a', nested: { n: 1 }, [apiKey]: 1, 'x\u202ey': 1 })
    if (result.ok) throw new Error('expected a failure')
    const text = JSON.stringify(result.error.toBody('r'))
    expect(text).not.toContain(apiKey)
    expect(text).not.toContain('\u202e')
    expect(result.error.details?.issues?.map((issue) => issue.path)).toEqual([
      '(an unknown field)',
      '(an unknown field)',
    ])
  })

  it('uses the given code for unknown top-level keys and for named fields', () => {
    const unknown = parseInput(
      Schema,
      { name: 'a', nested: { n: 1 }, extra: 1 },
      {
        unknownKeysCode: 'unsupported_filter',
      },
    )
    expect(unknown.ok || unknown.error.code).toBe('unsupported_filter')
    const field = parseInput(
      Schema,
      { name: '', nested: { n: 1 } },
      { fieldCodes: { name: 'invalid_cursor' } },
    )
    expect(field.ok || field.error.code).toBe('invalid_cursor')
  })

  it('describes a body that is not an object', () => {
    const result = parseInput(Schema, 'hello')
    if (result.ok) throw new Error('expected a failure')
    expect(result.error.code).toBe('invalid_request')
    expect(result.error.message).toMatch(/^The body /)
  })
})
