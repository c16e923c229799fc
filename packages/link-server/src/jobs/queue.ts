import PgBoss from 'pg-boss'
import type { Logger } from 'pino'
import type { JobDatabase } from '../storage/store'

/**
 * Jobs in the database, through pg-boss: claims are `FOR UPDATE SKIP LOCKED`, so several
 * link-server processes on one PostgreSQL each take a job once; a job whose process died is
 * failed and retried once its lease (`leaseSeconds`) lapses. pg-boss runs on the embedded PGlite
 * too, through the store's raw SQL (`store.jobs`), so the embedded default and production
 * share one queue. pg-boss 10 is the newest line that runs on Node 20.
 */
export interface JobQueue {
  /** Creates or updates a queue's policy; call before `send` or `work`. */
  define(name: string, policy: QueuePolicy): Promise<void>
  /** Adds a job; null when a `key` job of a `one_per_key` queue is already waiting. */
  send(name: string, data: object, options?: SendOptions): Promise<string | null>
  /** Adds many jobs in one statement (no keys); the queue's policy applies to each. */
  sendMany(name: string, jobs: { data: object; startAfter?: Date }[]): Promise<void>
  /** Runs `handler` for the queue's jobs on this process; a throw retries by the policy. */
  work<T extends object>(
    name: string,
    handler: (job: { id: string; data: T; retryCount: number }) => Promise<void>,
    options?: { concurrency?: number },
  ): Promise<void>
  /** The job's state as the queue sees it (tests, the delivery log). */
  state(name: string, id: string): Promise<JobState | undefined>
  /** Jobs not finished yet, by queue and state (created, retry, active): the queue's depth. */
  depth(): Promise<{ queue: string; state: string; count: number }[]>
  /** Stops fetching and waits for running handlers (up to `timeoutMs`). */
  stop(options?: { timeoutMs?: number }): Promise<void>
}

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed'

export interface QueuePolicy {
  /** How long one attempt may run before another process may take the job over. */
  leaseSeconds: number
  /** Attempts after the first. */
  retryLimit: number
  /** Seconds before the first retry; doubled for each later one when `backoff`. */
  retryDelaySeconds: number
  backoff: boolean
  /** At most one waiting and one running job per `key` (e.g. one sync per connection). */
  onePerKey?: boolean
}

export interface SendOptions {
  /** With `onePerKey`, the job's identity (e.g. the connection id). */
  key?: string
  startAfter?: Date
}

export interface QueueOptions {
  database: JobDatabase
  logger: Logger
  /** How often an idle worker asks for jobs (seconds, ≥ 0.5). */
  pollSeconds?: number
  /** How often lapsed leases are looked for (seconds, ≥ 1). */
  maintenanceSeconds?: number
}

export async function startJobQueue(options: QueueOptions): Promise<JobQueue> {
  const { database, logger } = options
  const boss = new PgBoss({
    db: { executeSql: (text, values) => database.executeSql(text, values) },
    schema: database.schema,
    maintenanceIntervalSeconds: options.maintenanceSeconds ?? 30,
    monitorStateIntervalSeconds: 60,
    // Finished jobs are only bookkeeping: the delivery log and the event feed are our own tables.
    archiveCompletedAfterSeconds: 3600,
    deleteAfterDays: 2,
    // Scheduling is ours (src/sync/schedule.ts): per host app, not cron.
    schedule: false,
  })
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'))
  await boss.start()
  const pollSeconds = options.pollSeconds ?? 1

  return {
    async define(name, policy) {
      const queue = {
        name,
        policy: policy.onePerKey ? ('stately' as const) : ('standard' as const),
        expireInSeconds: policy.leaseSeconds,
        retryLimit: policy.retryLimit,
        retryDelay: policy.retryDelaySeconds,
        retryBackoff: policy.backoff,
      }
      // Two processes starting at once may both create it; the second is an update.
      if (await boss.getQueue(name)) await boss.updateQueue(name, queue)
      else await boss.createQueue(name, queue).catch(() => boss.updateQueue(name, queue))
    },
    async send(name, data, sendOptions = {}) {
      return boss.send(name, data, {
        ...(sendOptions.key ? { singletonKey: sendOptions.key } : {}),
        ...(sendOptions.startAfter ? { startAfter: sendOptions.startAfter } : {}),
      })
    },
    async sendMany(name, jobs) {
      for (let i = 0; i < jobs.length; i += 1000)
        await boss.insert(
          jobs.slice(i, i + 1000).map((job) => ({
            name,
            data: job.data,
            ...(job.startAfter ? { startAfter: job.startAfter } : {}),
          })),
        )
    },
    async work(name, handler, workOptions = {}) {
      const concurrency = workOptions.concurrency ?? 1
      for (let i = 0; i < concurrency; i++) {
        let workerId: string | undefined
        workerId = await boss.work<object>(
          name,
          { pollingIntervalSeconds: pollSeconds, batchSize: 1, includeMetadata: true },
          async ([job]) => {
            if (!job) return
            try {
              await handler({
                id: job.id,
                data: job.data as never,
                retryCount: (job as PgBoss.JobWithMetadata).retryCount,
              })
            } finally {
              // A worker that just had a job asks again at once instead of after the polling
              // interval (pg-boss waits it out otherwise): a busy queue runs at the speed of its
              // handlers, an idle one polls.
              if (workerId) boss.notifyWorker(workerId)
            }
          },
        )
      }
    },
    async state(name, id) {
      return (await boss.getJobById(name, id))?.state
    },
    async depth() {
      const { rows } = await database.executeSql(
        `select name, state, count(*)::int as count from ${database.schema}.job
         where state < 'completed' group by name, state order by name, state`,
      )
      return (rows as { name: string; state: string; count: number }[]).map((r) => ({
        queue: r.name,
        state: r.state,
        count: Number(r.count),
      }))
    },
    async stop({ timeoutMs = 10_000 } = {}) {
      await boss.stop({ graceful: true, wait: true, timeout: timeoutMs, close: false })
    },
  }
}
