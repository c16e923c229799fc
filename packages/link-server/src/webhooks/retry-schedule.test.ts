import { describe, expect, it } from 'vitest'
import { MAX_ATTEMPTS, retryDelayMs } from './retry-schedule'

describe('webhook retry schedule', () => {
  it('backs off exponentially from a minute and spans about a day', () => {
    const mid = () => 0.5
    const waits = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) =>
      retryDelayMs(i + 1, { random: mid }),
    )
    expect(waits.slice(0, 4)).toEqual([60_000, 120_000, 240_000, 480_000])
    expect(Math.max(...waits)).toBe(8 * 3600_000)
    const hours = waits.reduce((a, b) => a + b, 0) / 3600_000
    expect(hours).toBeGreaterThan(20)
    expect(hours).toBeLessThan(30)
  })

  it('spreads retries by ±20%', () => {
    expect(retryDelayMs(1, { random: () => 0 })).toBe(48_000)
    expect(retryDelayMs(1, { random: () => 1 })).toBe(72_000)
  })
})
