import { describe, expect, it } from 'vitest'
import { createConnectionCache } from './connection-cache'
import type { ReadContext } from './context'

const ctx = (connectionId: string, organizationId = 'org_1') =>
  ({ session: { connectionId, organizationId } }) as unknown as ReadContext

describe('connection cache', () => {
  it('reads once per connection and organization within the time to live', async () => {
    let clock = 0
    let reads = 0
    const cached = createConnectionCache(async () => ++reads, { ttlMs: 1000, now: () => clock })
    expect(await Promise.all([cached(ctx('a')), cached(ctx('a'))])).toEqual([1, 1])
    expect(await cached(ctx('a', 'org_2'))).toBe(2)
    clock = 999
    expect(await cached(ctx('a'))).toBe(1)
    clock = 1000
    expect(await cached(ctx('a'))).toBe(3)
  })

  it('does not keep a failed read', async () => {
    let fail = true
    const cached = createConnectionCache(async () => {
      if (fail) throw new Error('upstream down')
      return 'ok'
    })
    await expect(cached(ctx('a'))).rejects.toThrow('upstream down')
    fail = false
    expect(await cached(ctx('a'))).toBe('ok')
  })

  it('forgets the oldest connection past its size', async () => {
    let reads = 0
    const cached = createConnectionCache(async () => ++reads, { maxEntries: 2 })
    await cached(ctx('a'))
    await cached(ctx('b'))
    await cached(ctx('c'))
    expect(await cached(ctx('b'))).toBe(2)
    expect(await cached(ctx('a'))).toBe(4)
  })
})
