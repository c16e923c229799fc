import { describe, expect, it } from 'vitest'
import { createInProcessState } from './in-process'
import type { SharedEvent } from './shared-state'

describe('in-process shared state', () => {
  it('limits attempts per key over the window', async () => {
    const state = createInProcessState()
    const limiter = state.limiter({ name: 'checks', limit: 2, windowSeconds: 60 })
    expect((await limiter.hit('k')).allowed).toBe(true)
    expect((await limiter.hit('k')).allowed).toBe(true)
    const third = await limiter.hit('k')
    expect(third.allowed).toBe(false)
    if (!third.allowed) expect(third.retryAfter).toBeGreaterThanOrEqual(1)
    expect((await limiter.hit('other')).allowed).toBe(true)
  })

  it('gives semaphores of one name the same slots', async () => {
    const state = createInProcessState()
    const options = { name: 'directory', limit: 2, leaseMs: 1000, waitMs: 1000 }
    const [one, two] = [state.semaphore(options), state.semaphore(options)]
    let active = 0
    let peak = 0
    const task = async () => {
      active++
      peak = Math.max(peak, active)
      await new Promise((r) => setTimeout(r, 5))
      active--
    }
    await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? one : two).run('c', task)))
    expect(peak).toBe(2)
  })

  it('delivers events after the publisher returns, until unsubscribed', async () => {
    const state = createInProcessState()
    const heard: SharedEvent[] = []
    const off = state.subscribe((e) => heard.push(e))
    await state.publish({ type: 'signing-keys.changed' })
    expect(heard).toEqual([])
    await new Promise((r) => setImmediate(r))
    expect(heard).toEqual([{ type: 'signing-keys.changed' }])
    off()
    await state.publish({ type: 'signing-keys.changed' })
    await new Promise((r) => setImmediate(r))
    expect(heard).toHaveLength(1)
  })
})
