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

  it('lets a waiting task of lower priority go first, arrival order within a priority', async () => {
    const semaphore = createKeyedSemaphore(1)
    const order: string[] = []
    let release = () => {}
    const holder = semaphore.run('k', () => new Promise<void>((resolve) => (release = resolve)))
    const queued = [
      semaphore.run('k', async () => void order.push('later page a')),
      semaphore.run('k', async () => void order.push('first page a'), 0),
      semaphore.run('k', async () => void order.push('later page b'), 1),
      semaphore.run('k', async () => void order.push('first page b'), 0),
    ]
    // The holder's task starts once its slot is granted, a tick later.
    await new Promise((resolve) => setImmediate(resolve))
    release()
    await Promise.all([holder, ...queued])
    expect(order).toEqual(['first page a', 'first page b', 'later page a', 'later page b'])
  })

  it('rejects a limit below one', () => {
    expect(() => createKeyedSemaphore(0)).toThrow(RangeError)
  })
})
