import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { MetricsRecorder } from './recorder'

/** The recorder business modules see, plus what the HTTP middleware and `/metrics` need. */
export interface Metrics extends MetricsRecorder {
  /** One answered request; `route` is the matched template (`/v1/connections/:id`). */
  httpRequest(request: { method: string; route: string; status: number; seconds: number }): void
  /** Counts a request in flight until the returned function is called. */
  httpRequestStarted(): () => void
  /**
   * Where the job queue depth comes from, read at each scrape (`jobs/queue.ts` depth): set once
   * the queue runs on this instance.
   */
  observeJobQueue(depth: () => Promise<{ queue: string; state: string; count: number }[]>): void
  /** The Prometheus text exposition of every metric. */
  render(): Promise<string>
  readonly contentType: string
}

// Latencies from a cached read (milliseconds) to a slow directory export (tens of seconds).
const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]

/**
 * Prometheus metrics through prom-client, in a registry of their own (so two apps in one
 * process, as in tests, never share counts), with Node's process metrics beside them. The only
 * module that imports prom-client; `docs/operations.md` says what each metric means.
 */
export function createPrometheusMetrics(): Metrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const registers = [registry]

  const requests = new Counter({
    name: 'jumplink_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status.',
    labelNames: ['method', 'route', 'status'],
    registers,
  })
  const requestSeconds = new Histogram({
    name: 'jumplink_http_request_duration_seconds',
    help: 'Time from receiving a request to its answer, by method, route template and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: SECONDS_BUCKETS,
    registers,
  })
  const inFlight = new Gauge({
    name: 'jumplink_http_requests_in_flight',
    help: 'HTTP requests being handled now.',
    registers,
  })
  const upstream = new Counter({
    name: 'jumplink_upstream_requests_total',
    help: 'Attempts at the directory, by provider, endpoint template and outcome (HTTP status, timeout or network).',
    labelNames: ['provider', 'endpoint', 'outcome'],
    registers,
  })
  const upstreamSeconds = new Histogram({
    name: 'jumplink_upstream_request_duration_seconds',
    help: 'Time of one attempt at the directory, by provider and endpoint template.',
    labelNames: ['provider', 'endpoint'],
    buckets: SECONDS_BUCKETS,
    registers,
  })
  const retries = new Counter({
    name: 'jumplink_upstream_retries_total',
    help: 'Reads tried again, by provider, endpoint template and the reason (status, timeout or network).',
    labelNames: ['provider', 'endpoint', 'reason'],
    registers,
  })
  const rateLimited = new Counter({
    name: 'jumplink_rate_limit_rejections_total',
    help: 'Key checks refused by a rate limit, by limiter (address or session).',
    labelNames: ['limiter'],
    registers,
  })
  const cacheLookups = new Counter({
    name: 'jumplink_cache_lookups_total',
    help: 'Lookups in a per-connection cache, by cache and result (hit or miss).',
    labelNames: ['cache', 'result'],
    registers,
  })

  const syncRuns = new Counter({
    name: 'jumplink_sync_runs_total',
    help: 'Change-feed syncs finished, by outcome (baseline, synced, skipped, broken, error).',
    labelNames: ['outcome'],
    registers,
  })
  const syncSeconds = new Histogram({
    name: 'jumplink_sync_run_duration_seconds',
    help: 'Time of one change-feed sync of one connection, by outcome.',
    labelNames: ['outcome'],
    buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    registers,
  })
  const webhookAttempts = new Counter({
    name: 'jumplink_webhook_attempts_total',
    help: 'Attempts at webhook endpoints, by outcome (2xx, 3xx, 4xx, 5xx, timeout, refused_address, dns, network).',
    labelNames: ['outcome'],
    registers,
  })
  const webhookAttemptSeconds = new Histogram({
    name: 'jumplink_webhook_attempt_duration_seconds',
    help: 'Time of one attempt at a webhook endpoint, from connecting to its answer.',
    buckets: SECONDS_BUCKETS,
    registers,
  })
  const webhookDeliveries = new Counter({
    name: 'jumplink_webhook_deliveries_total',
    help: 'Webhook deliveries settled, by result (succeeded, failed: given up or endpoint disabled).',
    labelNames: ['result'],
    registers,
  })
  const webhookLatency = new Histogram({
    name: 'jumplink_webhook_delivery_latency_seconds',
    help: "Time from a change event's detection to its endpoint's 2xx, retries included.",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600, 21_600, 86_400],
    registers,
  })
  let jobDepth: (() => Promise<{ queue: string; state: string; count: number }[]>) | undefined
  new Gauge({
    name: 'jumplink_job_queue_depth',
    help: 'Jobs in the database queue not yet finished, by queue and state (created, retry, active); read at each scrape.',
    labelNames: ['queue', 'state'],
    registers,
    async collect() {
      if (!jobDepth) return
      this.reset()
      for (const row of await jobDepth().catch(() => []))
        this.set({ queue: row.queue, state: row.state }, row.count)
    },
  })

  return {
    syncRun({ outcome, seconds }) {
      syncRuns.inc({ outcome })
      syncSeconds.observe({ outcome }, seconds)
    },
    webhookAttempt({ outcome, seconds }) {
      webhookAttempts.inc({ outcome })
      webhookAttemptSeconds.observe(seconds)
    },
    webhookDelivery({ result, latencySeconds }) {
      webhookDeliveries.inc({ result })
      if (latencySeconds !== undefined) webhookLatency.observe(latencySeconds)
    },
    observeJobQueue(depth) {
      jobDepth = depth
    },
    httpRequest({ method, route, status, seconds }) {
      const labels = { method, route, status: String(status) }
      requests.inc(labels)
      requestSeconds.observe(labels, seconds)
    },
    httpRequestStarted() {
      inFlight.inc()
      let done = false
      return () => {
        if (!done) inFlight.dec()
        done = true
      }
    },
    upstreamCall({ provider, endpoint, outcome, seconds }) {
      upstream.inc({ provider, endpoint, outcome })
      upstreamSeconds.observe({ provider, endpoint }, seconds)
    },
    upstreamRetry({ provider, endpoint, reason }) {
      retries.inc({ provider, endpoint, reason })
    },
    rateLimited(limiter) {
      rateLimited.inc({ limiter })
    },
    cacheLookup(cache, hit) {
      cacheLookups.inc({ cache, result: hit ? 'hit' : 'miss' })
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  }
}
