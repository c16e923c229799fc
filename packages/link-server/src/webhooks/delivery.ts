import type { Logger } from 'pino'
import { newId } from '../crypto/secrets'
import type { Vault } from '../crypto/vault'
import type { JobQueue } from '../jobs/queue'
import type { MetricsRecorder } from '../metrics/recorder'
import type { Store } from '../storage/store'
import type { WebhookDeliveryRecord } from '../storage/webhook-store'
import { presentChangeEvent } from '../sync/present'
import type { WebhookDispatch } from './dispatch'
import { endpointWants, signingSecrets } from './endpoints'
import { MAX_ATTEMPTS, retryDelayMs } from './retry-schedule'
import { type AttemptResult, postWebhook } from './send'
import { signWebhook } from './signing'
import { checkEndpointUrl, type UrlPolicy } from './url-policy'

export const DELIVERY_QUEUE = 'webhook-delivery'

/** The delivery log keeps settled deliveries as long as the feed keeps their events. */
export const DELIVERY_LOG_DAYS = 30

/** An endpoint whose every attempt failed this long is disabled (and says so). */
export const DISABLE_AFTER_MS = 5 * 24 * 3600_000

export interface WebhookDeliveryService extends WebhookDispatch {
  /** Makes deliveries for events nobody fanned out and re-queues deliveries whose job was lost. */
  sweep(): Promise<void>
  stop(): Promise<void>
}

export interface WebhookDeliveryOptions {
  store: Store
  vault: Vault
  queue: JobQueue
  logger: Logger
  metrics: MetricsRecorder
  /** The mode's URL rules; a host app's setting may add private addresses. */
  urlPolicy: UrlPolicy
  now?: () => Date
  /** Deliveries sent at once by this instance. */
  concurrency?: number
  /** One attempt's bound, connect to answer. */
  timeoutMs?: number
  /** How long a claimed delivery is ours before another instance may take it over. */
  leaseMs?: number
  firstRetryMs?: number
  maxAttempts?: number
  disableAfterMs?: number
  /** How often this instance sweeps (0: never, tests call `sweep`). */
  sweepSeconds?: number
  /** How late an unqueued step must be before a sweep takes it up. */
  sweepGraceMs?: number
}

/**
 * Webhook delivery. Every change event is fanned out once, in one transaction, to one delivery
 * row per enabled endpoint that wants its type (unique per endpoint and event, so two instances
 * fanning out the same events make one each); each delivery is a job in the database queue.
 * A delivery is claimed with a lease before it is sent, so of two jobs for one delivery only one
 * sends; a process killed mid-delivery lets its lease lapse and a sweep hands the delivery to
 * another instance (at least once). Failures retry with back-off for about a day; an endpoint
 * failing for days is disabled. The sweep also catches events stored by a process that died
 * before fanning them out, and jobs lost between a commit and their send.
 */
export async function startWebhookDelivery(
  options: WebhookDeliveryOptions,
): Promise<WebhookDeliveryService> {
  const { store, vault, queue, logger, metrics } = options
  const now = options.now ?? (() => new Date())
  const timeoutMs = options.timeoutMs ?? 10_000
  const leaseMs = options.leaseMs ?? Math.max(30_000, timeoutMs * 3)
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS
  const disableAfterMs = options.disableAfterMs ?? DISABLE_AFTER_MS
  const sweepGraceMs = options.sweepGraceMs ?? 60_000
  let prunedAt = 0

  await queue.define(DELIVERY_QUEUE, {
    // Only a backstop: a handler catches delivery failures and schedules the retry itself.
    leaseSeconds: Math.ceil(leaseMs / 1000) + 30,
    retryLimit: 5,
    retryDelaySeconds: 5,
    backoff: true,
  })

  async function policyFor(hostAppId: string): Promise<UrlPolicy> {
    if (options.urlPolicy.allowPrivate) return options.urlPolicy
    return {
      ...options.urlPolicy,
      allowPrivate: await store.webhooks.allowsPrivateUrls(hostAppId),
    }
  }

  async function enqueue(deliveries: readonly { id: string }[], startAfter?: Date) {
    if (deliveries.length === 0) return
    // One statement for a whole fan-out: a sync that changed thousands of records queues
    // thousands of deliveries.
    await queue.sendMany(
      DELIVERY_QUEUE,
      deliveries.map((d) => ({
        data: { deliveryId: d.id },
        ...(startAfter ? { startAfter } : {}),
      })),
    )
  }

  async function fanOut(eventIds: number[]): Promise<number> {
    let made = 0
    for (let i = 0; i < eventIds.length; i += 200) {
      const ids = eventIds.slice(i, i + 200)
      const created = await store.transaction(async (tx) => {
        const events = await tx.webhooks.eventsToFanOut(ids)
        if (events.length === 0) return []
        const at = now()
        const endpoints = new Map<
          string,
          Awaited<ReturnType<typeof tx.webhooks.enabledEndpoints>>
        >()
        const rows: Parameters<typeof tx.webhooks.insertDeliveries>[0] = []
        for (const event of events) {
          let list = endpoints.get(event.hostAppId)
          if (!list) {
            list = await tx.webhooks.enabledEndpoints(event.hostAppId)
            endpoints.set(event.hostAppId, list)
          }
          for (const endpoint of list) {
            if (!endpointWants(endpoint, event.type)) continue
            rows.push({
              id: newId('whd'),
              hostAppId: event.hostAppId,
              endpointId: endpoint.id,
              eventId: event.id,
              eventType: event.type,
              connectionId: event.connectionId,
              status: 'pending',
              attemptCount: 0,
              nextAttemptAt: at,
              createdAt: at,
            })
          }
        }
        const inserted: WebhookDeliveryRecord[] = []
        for (let j = 0; j < rows.length; j += 500)
          inserted.push(...(await tx.webhooks.insertDeliveries(rows.slice(j, j + 500))))
        await tx.webhooks.markFannedOut(
          events.map((e) => e.id),
          at,
        )
        return inserted
      })
      await enqueue(created)
      made += created.length
    }
    return made
  }

  async function deliver(deliveryId: string): Promise<void> {
    const claimedAt = now()
    const delivery = await store.webhooks.claimDelivery(
      deliveryId,
      claimedAt,
      new Date(claimedAt.getTime() + leaseMs),
    )
    if (!delivery) return // Sent, being sent elsewhere, or gone.
    const endpoint = await store.webhooks.getEndpoint(delivery.hostAppId, delivery.endpointId)
    const [event] = await store.changes.getEvents([delivery.eventId])
    if (endpoint?.status !== 'enabled' || !event) {
      // Disabled or deleted endpoint, or an event past retention: nothing to send any more.
      await store.webhooks.abandonDelivery(delivery.seq, now())
      metrics.webhookDelivery({ result: 'failed' })
      return
    }
    const body = JSON.stringify(presentChangeEvent(event))
    const policy = await policyFor(delivery.hostAppId)
    const sentAt = now()
    let result: AttemptResult
    try {
      const url = checkEndpointUrl(endpoint.url, policy)
      const headers = signWebhook({
        id: `evt_${event.id}`,
        timestamp: sentAt,
        body,
        secrets: signingSecrets(endpoint, vault, sentAt),
      })
      result = await postWebhook({ url, body, headers, policy, timeoutMs })
    } catch {
      // The URL is no longer allowed (the host app lost its private-address setting).
      result = { statusCode: null, error: 'refused_address', durationMs: 0 }
    }
    metrics.webhookAttempt({
      outcome:
        result.statusCode === null
          ? (result.error ?? 'network')
          : `${String(result.statusCode)[0]}xx`,
      seconds: result.durationMs / 1000,
    })
    const attempt = {
      attemptedAt: sentAt,
      statusCode: result.statusCode,
      error: result.error,
      durationMs: result.durationMs,
    }
    const attemptNumber = delivery.attemptCount + 1
    const finishedAt = now()
    if (result.error === null) {
      await store.webhooks.recordAttempt({
        seq: delivery.seq,
        attempt,
        status: 'succeeded',
        nextAttemptAt: null,
        completedAt: finishedAt,
      })
      if (endpoint.failingSince) await store.webhooks.markAnswering(endpoint.id)
      metrics.webhookDelivery({
        result: 'succeeded',
        latencySeconds: (finishedAt.getTime() - event.createdAt.getTime()) / 1000,
      })
      return
    }
    const final = attemptNumber >= maxAttempts
    const next = final
      ? null
      : new Date(
          finishedAt.getTime() +
            retryDelayMs(attemptNumber, {
              ...(options.firstRetryMs === undefined ? {} : { firstRetryMs: options.firstRetryMs }),
            }),
        )
    await store.webhooks.recordAttempt({
      seq: delivery.seq,
      attempt,
      status: final ? 'failed' : 'retrying',
      nextAttemptAt: next,
      completedAt: final ? finishedAt : null,
    })
    if (next) await enqueue([delivery], next)
    else metrics.webhookDelivery({ result: 'failed' })
    const failingSince = await store.webhooks.markFailing(endpoint.id, finishedAt)
    if (failingSince && finishedAt.getTime() - failingSince.getTime() >= disableAfterMs) {
      await store.webhooks.updateEndpoint(endpoint.hostAppId, endpoint.id, {
        updatedAt: finishedAt,
        status: 'disabled',
        disabledReason: 'failing',
        disabledAt: finishedAt,
      })
      logger.warn(
        { endpoint_id: endpoint.id, host_app_id: endpoint.hostAppId, failing_since: failingSince },
        'webhook endpoint disabled: every delivery failed for days',
      )
    }
  }

  await queue.work<{ deliveryId: string }>(DELIVERY_QUEUE, ({ data }) => deliver(data.deliveryId), {
    concurrency: options.concurrency ?? 8,
  })

  const service: WebhookDeliveryService = {
    async publish(events) {
      if (events.length === 0) return
      try {
        await fanOut(events.map((e) => e.id))
      } catch (error) {
        // The events are stored; the next sweep fans them out.
        logger.warn({ err: error }, 'webhook fan-out failed; the sweep will retry it')
      }
    },
    async deliverSoon(deliveryId) {
      await enqueue([{ id: deliveryId }])
    },
    async sweep() {
      const at = now()
      const unfanned = await store.webhooks.unfannedEvents(
        new Date(at.getTime() - sweepGraceMs),
        1000,
      )
      if (unfanned.length > 0) await fanOut(unfanned)
      const overdue = await store.webhooks.overdueDeliveries(at, sweepGraceMs, 1000)
      await enqueue(overdue.map((id) => ({ id })))
      // The log's window, checked at most hourly per instance (a scan of old rows).
      if (at.getTime() - prunedAt >= 3600_000) {
        prunedAt = at.getTime()
        await store.webhooks.pruneDeliveries(
          new Date(at.getTime() - DELIVERY_LOG_DAYS * 86_400_000),
        )
      }
      if (unfanned.length > 0 || overdue.length > 0)
        logger.info(
          { events: unfanned.length, deliveries: overdue.length },
          'webhook sweep took up work left behind',
        )
    },
    async stop() {
      if (timer) clearInterval(timer)
    },
  }
  const sweepSeconds = options.sweepSeconds ?? 15
  const timer =
    sweepSeconds > 0
      ? setInterval(() => {
          service.sweep().catch((error) => logger.error({ err: error }, 'webhook sweep failed'))
        }, sweepSeconds * 1000)
      : undefined
  timer?.unref?.()
  return service
}
