import pino from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import { postgresReachable, testSchema } from '../fixtures/postgres'
import { openPGliteStore } from '../storage/open'
import type { Store } from '../storage/store'
import { type JobQueue, startJobQueue } from './queue'

const logger = pino({ level: 'silent' })
const POLICY = { leaseSeconds: 60, retryLimit: 2, retryDelaySeconds: 0, backoff: false }

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('job queue on the embedded PGlite', () => {
  it('runs each job once, retries a failed attempt, and keeps one waiting job per key', async () => {
    const store = await openPGliteStore()
    const queue = await startJobQueue({ database: store.jobs, logger, pollSeconds: 1 })
    try {
      await queue.define('work', POLICY)
      const seen: number[] = []
      let failures = 0
      await queue.work<{ n: number }>('work', async ({ data, retryCount }) => {
        if (data.n === 3 && retryCount === 0) {
          failures++
          throw new Error('first attempt fails')
        }
        seen.push(data.n)
      })
      for (let n = 0; n < 6; n++) await queue.send('work', { n })
      await until(() => seen.length === 6, 'six jobs')
      expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5])
      expect(failures).toBe(1)

      // A busy queue does not wait out the polling interval between jobs: one worker polling
      // every second runs 30 queued jobs in far less than 30 s.
      await queue.define('busy', POLICY)
      const done: number[] = []
      await queue.sendMany(
        'busy',
        Array.from({ length: 30 }, (_, n) => ({ data: { n } })),
      )
      const busyStarted = Date.now()
      await queue.work<{ n: number }>('busy', async ({ data }) => {
        done.push(data.n)
      })
      await until(() => done.length === 30, 'thirty busy jobs')
      expect(Date.now() - busyStarted).toBeLessThan(15_000)

      // A keyed queue: while one job for a key waits, a second send is refused (null).
      await queue.define('keyed', { ...POLICY, onePerKey: true })
      const first = await queue.send('keyed', { n: 1 }, { key: 'conn_1' })
      const second = await queue.send('keyed', { n: 2 }, { key: 'conn_1' })
      const other = await queue.send('keyed', { n: 3 }, { key: 'conn_2' })
      expect(first).toEqual(expect.any(String))
      expect(second).toBeNull()
      expect(other).toEqual(expect.any(String))
      expect(await queue.state('keyed', first as string)).toBe('created')
      // The depth the metrics show: the two keyed jobs wait (no worker), the done ones do not count.
      expect(await queue.depth()).toEqual([{ queue: 'keyed', state: 'created', count: 2 }])
    } finally {
      await queue.stop({ timeoutMs: 1000 })
      await store.close()
    }
  }, 120_000)
})

const available = await postgresReachable()

describe('job queue on PostgreSQL, two processes', () => {
  const schema = testSchema()
  afterAll(() => (available ? schema.drop() : undefined))

  it('needs the CI PostgreSQL server', () => {
    expect(available, 'PostgreSQL must be reachable (see fixtures/postgres.ts)').toBe(true)
  })

  it('claims each job once across two processes, and takes over a dead worker’s job after its lease', async () => {
    if (!available) return
    // Two stores with pools of their own stand for two link-server processes.
    const stores: Store[] = [await schema.open(), await schema.open()]
    const queues: JobQueue[] = []
    for (const store of stores)
      queues.push(
        await startJobQueue({
          database: store.jobs,
          logger,
          pollSeconds: 0.5,
          maintenanceSeconds: 1,
        }),
      )
    const [a, b] = queues as [JobQueue, JobQueue]
    try {
      await a.define('deliver', POLICY)
      const handled = new Map<number, string[]>()
      for (const [index, queue] of queues.entries()) {
        await queue.work<{ n: number }>(
          'deliver',
          async ({ data }) => {
            handled.set(data.n, [...(handled.get(data.n) ?? []), `p${index}`])
            await new Promise((resolve) => setTimeout(resolve, 5))
          },
          { concurrency: 3 },
        )
      }
      const total = 60
      for (let n = 0; n < total; n++) await (n % 2 ? a : b).send('deliver', { n })
      await until(() => handled.size === total, 'every job handled')
      // Give a double claim the chance to show before counting.
      await new Promise((resolve) => setTimeout(resolve, 1500))
      const twice = [...handled.entries()].filter(([, by]) => by.length > 1)
      expect(twice).toEqual([])

      // A third process takes a job and freezes with it (from then on none of its SQL reaches
      // the database, as after kill -9): after the one-second lease the job is failed by
      // maintenance on a live process and retried there.
      await a.define('lease', { ...POLICY, leaseSeconds: 1 })
      const doomedStore = await schema.open()
      let frozen = false
      const doomed = await startJobQueue({
        database: {
          schema: doomedStore.jobs.schema,
          executeSql: (text, values) =>
            frozen ? new Promise(() => {}) : doomedStore.jobs.executeSql(text, values),
        },
        logger,
        pollSeconds: 0.5,
      })
      const attempts: string[] = []
      await doomed.work('lease', async () => {
        attempts.push('dead')
        await new Promise(() => {})
      })
      const id = (await a.send('lease', { n: 1 })) as string
      await until(() => attempts.length === 1, 'the first claim')
      frozen = true
      stores.push(doomedStore)
      await b.work('lease', async ({ retryCount }) => {
        attempts.push(`took over (retry ${retryCount})`)
      })
      await until(() => attempts.length === 2, 'the take-over', 60_000)
      expect(attempts).toEqual(['dead', 'took over (retry 1)'])
      let state: string | undefined
      for (let i = 0; i < 50 && state !== 'completed'; i++) {
        state = await b.state('lease', id)
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      expect(state).toBe('completed')
    } finally {
      for (const queue of queues) await queue.stop({ timeoutMs: 1000 })
      for (const store of stores) await store.close()
    }
  }, 90_000)
})
