/**
 * What business modules may count, without knowing about Prometheus: the composition root hands
 * them a recorder (the Prometheus one in `prometheus.ts`, or `NO_METRICS`). Labels are chosen
 * here to stay few: an endpoint is a path template, never a path with ids in it.
 */
export interface MetricsRecorder {
  /** One attempt at the directory: `outcome` is its HTTP status, or `timeout` / `network`. */
  upstreamCall(call: { provider: string; endpoint: string; outcome: string; seconds: number }): void
  /** A read about to be tried again after `reason` (a status or `timeout` / `network`). */
  upstreamRetry(call: { provider: string; endpoint: string; reason: string }): void
  /** A key check refused by a limiter (`address` or `session`). */
  rateLimited(limiter: string): void
  /** A lookup in a named cache, served from it or not. */
  cacheLookup(cache: string, hit: boolean): void
  /** One change-feed sync finished: `baseline`, `synced`, `skipped`, `broken` or `error`. */
  syncRun(run: { outcome: string; seconds: number }): void
  /**
   * One attempt at a webhook endpoint: `outcome` is `2xx`, `3xx`, `4xx`, `5xx`, `timeout`,
   * `refused_address`, `dns` or `network`.
   */
  webhookAttempt(attempt: { outcome: string; seconds: number }): void
  /**
   * A delivery settled: `succeeded` (with the seconds from the event's detection to the
   * receiver's 2xx) or `failed` (given up, or its endpoint disabled).
   */
  webhookDelivery(delivery: { result: 'succeeded' | 'failed'; latencySeconds?: number }): void
}

export const NO_METRICS: MetricsRecorder = {
  upstreamCall() {},
  upstreamRetry() {},
  rateLimited() {},
  cacheLookup() {},
  syncRun() {},
  webhookAttempt() {},
  webhookDelivery() {},
}

const OBJECT_ID = /^[0-9a-f]{24}$/i
const LONG_ID = /^(?=.*\d)[A-Za-z0-9_-]{16,}$/

/** `/api/v2/usergroups/5f1…/members` → `/api/v2/usergroups/:id/members`. */
export function endpointTemplate(path: string): string {
  return (
    path
      .split('?')[0]
      ?.split('/')
      .map((segment) =>
        OBJECT_ID.test(segment) || LONG_ID.test(segment) || /^\d+$/.test(segment) ? ':id' : segment,
      )
      .join('/') ?? path
  )
}
