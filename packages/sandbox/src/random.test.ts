import { describe, expect, it } from 'vitest'
import { createIdFactory, createRandom, deriveSeed } from './random.ts'

describe('createRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = createRandom(42)
    const b = createRandom(42)
    expect([a.next(), a.int(1, 9), a.hex(6)]).toEqual([b.next(), b.int(1, 9), b.hex(6)])
  })

  it('gives different sequences for different seeds', () => {
    expect(createRandom(1).next()).not.toBe(createRandom(2).next())
  })

  it('stays within the asked range', () => {
    const random = createRandom(7)
    for (let i = 0; i < 1000; i++) {
      const value = random.int(3, 5)
      expect(value).toBeGreaterThanOrEqual(3)
      expect(value).toBeLessThanOrEqual(5)
    }
  })
})

describe('Random.skip', () => {
  it('moves on exactly as that many draws would', () => {
    for (const count of [0, 1, 7, 10_000, 3_000_000_000]) {
      const drawn = createRandom(42)
      const skipped = createRandom(42)
      if (count <= 10_000) for (let i = 0; i < count; i++) drawn.next()
      else for (let i = 0; i < 3; i++) drawn.skip(1_000_000_000)
      skipped.skip(count)
      expect(skipped.next(), String(count)).toBe(drawn.next())
    }
  })
})

describe('createIdFactory', () => {
  it('makes unique 24-hex ObjectIds that start with the creation time', () => {
    const nextId = createIdFactory(createRandom(deriveSeed(1, 'org')))
    const created = new Date('2024-01-02T03:04:05.000Z')
    const ids = Array.from({ length: 500 }, () => nextId(created))
    expect(new Set(ids).size).toBe(500)
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{24}$/)
    expect(Number.parseInt(ids[0]?.slice(0, 8) ?? '', 16)).toBe(created.getTime() / 1000)
  })
})
