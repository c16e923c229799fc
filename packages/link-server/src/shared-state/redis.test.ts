import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createRedisState } from './redis'
import { type SharedEvent, type SharedState, SlotTimeoutError } from './shared-state'

// The CI Redis; LINK_TEST_REDIS_URL points elsewhere. Fails, never skips, when it is not there.
const REDIS_URL = process.env.LINK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const opened: SharedState[] = []
const prefixes: string[] = []

/** Two "instances" on one Redis, under a prefix no other run uses. */
async function twoInstances() {
  const prefix = `jl-test-${randomBytes(5).toString('hex')}:`
  prefixes.push(prefix)
  const a = await createRedisState({ url: REDIS_URL, prefix })
  const b = await createRedisState({ url: REDIS_URL, prefix })
  opened.push(a, b)
  return { a, b, prefix }
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()))
})
afterAll(async () => {
  const redis = new Redis(REDIS_URL)
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}*`)
    if (keys.length > 0) await redis.del(...keys)
  }
  await redis.quit()
})

describe('Redis shared state', () => {
  it('counts one limit across instances', async () => {
    const { a, b } = await twoInstances()
    const onA = a.limiter({ name: 'checks', limit: 3, windowSeconds: 60 })
    const onB = b.limiter({ name: 'checks', limit: 3, windowSeconds: 60 })
    const results = [
      await onA.hit('addr:1'),
      await onB.hit('addr:1'),
      await onA.hit('addr:1'),
      await onB.hit('addr:1'),
    ]
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false])
    expect(results[3]).toMatchObject({ allowed: false, retryAfter: expect.any(Number) })
    // Another key has its own count.
    expect(await onB.hit('addr:2')).toEqual({ allowed: true })
  })

  it('caps holders per key across instances, not per instance', async () => {
    const { a, b } = await twoInstances()
    const options = { name: 'directory', limit: 3, leaseMs: 5_000, waitMs: 10_000 }
    const semaphores = [a.semaphore(options), b.semaphore(options)]
    // Its waiters keep arrival order only: read-ahead is off behind it.
    expect(semaphores.map((s) => s.byPriority)).toEqual([false, false])
    let active = 0
    let peak = 0
    const task = async () => {
      active++
      peak = Math.max(peak, active)
      await new Promise((r) => setTimeout(r, 30))
      active--
    }
    await Promise.all(Array.from({ length: 12 }, (_, i) => semaphores[i % 2]?.run('conn_1', task)))
    expect(peak).toBe(3)
    // Another key is not held up by the first.
    let other = 0
    await Promise.all(
      Array.from({ length: 3 }, () =>
        semaphores[0]?.run('conn_2', async () => {
          other++
        }),
      ),
    )
    expect(other).toBe(3)
  })

  it("frees a dead instance's slots once their lease runs out", async () => {
    const { a, b, prefix } = await twoInstances()
    const options = { name: 'directory', limit: 1, leaseMs: 400, waitMs: 5_000 }
    let releaseHolder: () => void = () => {}
    const holding = a
      .semaphore(options)
      .run('conn_1', () => new Promise<void>((r) => (releaseHolder = r)))
    // Wait until A holds the slot, then cut A off from Redis without releasing (a kill -9).
    const probe = new Redis(REDIS_URL)
    for (
      let i = 0;
      i < 100 && (await probe.zcard(`${prefix}semaphore:directory:conn_1`)) === 0;
      i++
    ) {
      await new Promise((r) => setTimeout(r, 10))
    }
    await probe.quit()
    await a.close()
    const started = Date.now()
    await b.semaphore(options).run('conn_1', async () => {})
    // The slot came free by expiry: not at once, and well before B's own wait ran out.
    expect(Date.now() - started).toBeGreaterThanOrEqual(200)
    releaseHolder()
    await holding
  })

  it('gives up waiting for a slot after waitMs', async () => {
    const { a, b } = await twoInstances()
    const options = { name: 'directory', limit: 1, leaseMs: 5_000, waitMs: 200 }
    let release: () => void = () => {}
    const holder = a.semaphore(options).run('c', () => new Promise<void>((r) => (release = r)))
    await new Promise((r) => setTimeout(r, 50))
    await expect(b.semaphore(options).run('c', async () => {})).rejects.toBeInstanceOf(
      SlotTimeoutError,
    )
    release()
    await holder
  })

  it('delivers an event to every instance, the publisher included', async () => {
    const { a, b } = await twoInstances()
    const heard: [string, SharedEvent][] = []
    const done = new Promise<void>((resolve) => {
      a.subscribe((e) => {
        heard.push(['a', e])
        if (heard.length === 2) resolve()
      })
      b.subscribe((e) => {
        heard.push(['b', e])
        if (heard.length === 2) resolve()
      })
    })
    await a.publish({ type: 'connection.changed', connectionId: 'conn_9' })
    await done
    expect(heard.map(([who]) => who).sort()).toEqual(['a', 'b'])
    expect(heard[0]?.[1]).toEqual({ type: 'connection.changed', connectionId: 'conn_9' })
    expect(await a.ping()).toBe(true)
  })
})

describe('Redis shared state at start', () => {
  it('fails with a message naming REDIS_URL (not its value) when Redis is not there', async () => {
    await expect(createRedisState({ url: 'redis://:hunter2-secret@127.0.0.1:1' })).rejects.toThrow(
      /^Redis \(REDIS_URL\) is not reachable/,
    )
    await createRedisState({ url: 'redis://:hunter2-secret@127.0.0.1:1' }).catch((error: Error) => {
      expect(error.message).not.toContain('hunter2')
    })
  })
})
