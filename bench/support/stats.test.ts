import { describe, expect, it } from 'vitest'
import { createInFlightCounter, mean, percentile, round, runLoad } from './stats.ts'

describe('percentile', () => {
  it('interpolates between the closest ranks, whatever the input order', () => {
    const values = [5, 1, 4, 2, 3]
    expect(percentile(values, 0)).toBe(1)
    expect(percentile(values, 50)).toBe(3)
    expect(percentile(values, 100)).toBe(5)
    expect(percentile(values, 25)).toBe(2)
    expect(percentile([1, 2], 50)).toBe(1.5)
    expect(percentile([10, 20, 30, 40], 99)).toBeCloseTo(39.7)
    expect(values).toEqual([5, 1, 4, 2, 3])
  })

  it('gives NaN for no values and refuses a p outside 0–100', () => {
    expect(percentile([], 50)).toBeNaN()
    expect(() => percentile([1], 101)).toThrow(RangeError)
  })

  it('mean and round', () => {
    expect(mean([1, 2, 6])).toBe(3)
    expect(mean([])).toBeNaN()
    expect(round(1.23456, 2)).toBe(1.23)
    expect(round(1234.5, 0)).toBe(1235)
  })
})

describe('createInFlightCounter', () => {
  it('counts calls in flight and keeps the highest, also when calls reject', async () => {
    const counter = createInFlightCounter()
    const gates: (() => void)[] = []
    const gated = () =>
      counter.track(() => new Promise<void>((resolve) => gates.push(() => resolve())))
    const a = gated()
    const b = gated()
    const c = gated()
    expect(counter.current).toBe(3)
    for (const open of gates.splice(0)) open()
    await Promise.all([a, b, c])
    await expect(counter.track(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(counter.current).toBe(0)
    expect(counter.max).toBe(3)
    expect(counter.total).toBe(4)
  })

  it('reset starts a new window from the calls still in flight', async () => {
    const counter = createInFlightCounter()
    let release: () => void = () => {}
    const pending = counter.track(() => new Promise<void>((resolve) => (release = resolve)))
    await counter.track(async () => {})
    expect(counter.max).toBe(2)
    counter.reset()
    expect(counter.max).toBe(1)
    expect(counter.total).toBe(0)
    release()
    await pending
    expect(counter.current).toBe(0)
  })
})

describe('runLoad', () => {
  it('runs exactly the requested number with at most `concurrency` at once', async () => {
    const counter = createInFlightCounter()
    const seen: number[] = []
    const result = await runLoad({
      total: 25,
      concurrency: 4,
      request: (index) =>
        counter.track(async () => {
          seen.push(index)
          await new Promise((resolve) => setTimeout(resolve, 1))
        }),
    })
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i))
    expect(counter.max).toBe(4)
    expect(result.durations).toHaveLength(25)
    expect(result.requestsPerSecond).toBeGreaterThan(0)
  })

  it('times with the clock it is given', async () => {
    let t = 0
    const result = await runLoad({
      total: 2,
      concurrency: 1,
      now: () => t,
      request: async () => {
        t += 10
      },
    })
    expect(result.durations).toEqual([10, 10])
    expect(result.elapsedMs).toBe(20)
    expect(result.requestsPerSecond).toBe(100)
  })
})
