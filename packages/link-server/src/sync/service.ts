import type { Logger } from 'pino'
import type { Vault } from '../crypto/vault'
import type { JobQueue } from '../jobs/queue'
import type { MetricsRecorder } from '../metrics/recorder'
import type { ProviderRegistry } from '../providers/provider'
import type { StoredChangeEvent } from '../storage/change-store'
import type { Store } from '../storage/store'
import { checkChangeHints } from './change-hints'
import { syncConnection } from './run-sync'

/** The change feed keeps events this long (the pull feed's window). */
export const EVENT_RETENTION_DAYS = 30

const SYNC_QUEUE = 'sync-connection'

export interface SyncService {
  /**
   * Queues a sync of the connection; false when one is already waiting (it will cover this).
   * With `delaySeconds`, the sync starts that much later and requests in between join it.
   */
  requestSync(
    target: { hostAppId: string; connectionId: string },
    options?: { delaySeconds?: number },
  ): Promise<boolean>
  /** Queues the syncs that are due and drops events past retention; every instance may call it. */
  tick(): Promise<number>
  stop(): Promise<void>
}

/**
 * Sync jobs in the database queue: one waiting and one running per connection at most (the
 * queue's key), any instance runs them. Each instance checks every `tickSeconds` which
 * connections are due by their host app's interval; the queue's key makes that idempotent.
 */
export async function startSyncService(deps: {
  store: Store
  vault: Vault
  providers: ProviderRegistry
  logger: Logger
  queue: JobQueue
  now?: () => Date
  /** Syncs run at once per instance (each also bounded by the per-connection directory cap). */
  concurrency?: number
  tickSeconds?: number
  /** How often each connection's audit log is asked for changes between syncs; 0: never. */
  changeHintSeconds?: number
  onEvents?: (events: StoredChangeEvent[]) => Promise<void>
  /** Counts each sync's outcome and time. */
  metrics?: MetricsRecorder
}): Promise<SyncService> {
  const now = deps.now ?? (() => new Date())
  await deps.queue.define(SYNC_QUEUE, {
    leaseSeconds: 900,
    retryLimit: 3,
    retryDelaySeconds: 30,
    backoff: true,
    onePerKey: true,
  })
  await deps.queue.work<{ hostAppId: string; connectionId: string }>(
    SYNC_QUEUE,
    async ({ data }) => {
      const started = performance.now()
      const seconds = () => (performance.now() - started) / 1000
      const outcome = await syncConnection(
        {
          store: deps.store,
          vault: deps.vault,
          providers: deps.providers,
          logger: deps.logger,
          now,
          ...(deps.onEvents ? { onEvents: deps.onEvents } : {}),
        },
        data,
      ).catch((error: unknown) => {
        deps.metrics?.syncRun({ outcome: 'error', seconds: seconds() })
        throw error
      })
      deps.metrics?.syncRun({ outcome: outcome.status, seconds: seconds() })
    },
    { concurrency: deps.concurrency ?? 2 },
  )

  const service: SyncService = {
    async requestSync(target, options = {}) {
      const id = await deps.queue.send(SYNC_QUEUE, target, {
        key: target.connectionId,
        ...(options.delaySeconds
          ? { startAfter: new Date(now().getTime() + options.delaySeconds * 1000) }
          : {}),
      })
      return id !== null
    },
    async tick() {
      const due = await deps.store.changes.dueConnections(now(), 100)
      for (const connection of due)
        await service.requestSync({ hostAppId: connection.hostAppId, connectionId: connection.id })
      if (deps.changeHintSeconds !== 0)
        await checkChangeHints({
          store: deps.store,
          vault: deps.vault,
          providers: deps.providers,
          logger: deps.logger,
          now: now(),
          ...(deps.changeHintSeconds ? { everySeconds: deps.changeHintSeconds } : {}),
          requestSync: (target) => service.requestSync(target),
        })
      await deps.store.changes.pruneEvents(
        new Date(now().getTime() - EVENT_RETENTION_DAYS * 86_400_000),
      )
      return due.length
    },
    async stop() {
      if (timer) clearInterval(timer)
    },
  }
  const tickSeconds = deps.tickSeconds ?? 30
  const timer =
    tickSeconds > 0
      ? setInterval(() => {
          service.tick().catch((error) => deps.logger.error({ err: error }, 'sync schedule failed'))
        }, tickSeconds * 1000)
      : undefined
  timer?.unref?.()
  return service
}
