import { describe, expect, it } from 'vitest'
import { createKeyedSemaphore } from './keyed-semaphore'

const tick = () => new Promise((resolve) => setTimeout(resolve, 1))

describe('keyed semaphore', () => {
  it('never lets more than the limit run per key, and runs other keys independently', async () => {
    const semaphore = createKeyedSemaphore(3)
    const active = new Map<string, number>()
    const peak = new Map<string, number>()
    const task = (key: string) =>
      semaphore.run(key, async () => {
        active.set(key, (active.get(key) ?? 0) + 1)
        peak.set(key, Math.max(peak.get(key) ?? 0, active.get(key) ?? 0))
        await tick()
        active.set(key, (active.get(key) ?? 0) - 1)
        return key
      })
    const results = await Promise.all([
      ...Array.from({ length: 20 }, () => task('a')),
      ...Array.from({ length: 5 }, () => task('b')),
    ])
    expect(results.filter((k) => k === 'a')).toHaveLength(20)
    expect(peak.get('a')).toBe(3)
    expect(peak.get('b')).toBe(3)
  })

  it('frees the slot when a task fails', async () => {
    const semaphore = createKeyedSemaphore(1)
    await expect(semaphore.run('k', () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    )
    expect(await semaphore.run('k', async () => 'next')).toBe('next')
  })

  it('rejects a limit below one', () => {
    expect(() => createKeyedSemaphore(0)).toThrow(RangeError)
  })
})
