import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from '../fixtures/harness'
import { createPrometheusMetrics } from './prometheus'
import { endpointTemplate } from './recorder'

const TOKEN = 'scrape-token-0123456789'
let h: Harness
let metrics: ReturnType<typeof createPrometheusMetrics>

beforeAll(async () => {
  metrics = createPrometheusMetrics()
  h = await createHarness({ deps: { metrics, metricsRoute: { token: TOKEN } } })
})
afterAll(() => h.close())

/** The value of one series in a scrape, or undefined when it is absent. */
function seriesValue(scrape: string, series: string): number | undefined {
  const line = scrape.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

describe('/metrics', () => {
  it('is read only with its bearer token', async () => {
    expect((await h.call('GET', '/metrics')).status).toBe(401)
    const wrong = await h.call('GET', '/metrics', { token: 'not-the-token-at-all' })
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toMatchObject({ error: { code: 'invalid_token' } })
    const right = await h.call('GET', '/metrics', { token: TOKEN })
    expect(right.status).toBe(200)
    expect(right.headers.get('content-type')).toMatch(/^text\/plain/)
  })

  it('counts requests by route template and status, with latencies', async () => {
    await h.call('GET', '/healthz')
    await h.call('GET', '/healthz')
    await h.call('GET', '/v1/connections/conn_nope', { token: h.secret })
    await h.call('GET', '/v1/connections/conn_other', { token: h.secret })
    await h.call('GET', '/no/such/path')
    const scrape = await (await h.call('GET', '/metrics', { token: TOKEN })).text()
    expect(
      seriesValue(
        scrape,
        'jumplink_http_requests_total{method="GET",route="/healthz",status="200"}',
      ),
    ).toBe(2)
    // Two ids, one series: labels are templates, never ids.
    expect(
      seriesValue(
        scrape,
        'jumplink_http_requests_total{method="GET",route="/v1/connections/:id",status="404"}',
      ),
    ).toBe(2)
    expect(scrape).not.toContain('conn_nope')
    expect(
      seriesValue(
        scrape,
        'jumplink_http_requests_total{method="GET",route="unmatched",status="404"}',
      ),
    ).toBe(1)
    expect(
      seriesValue(
        scrape,
        'jumplink_http_request_duration_seconds_count{method="GET",route="/healthz",status="200"}',
      ),
    ).toBe(2)
    // Node's own process metrics ride along.
    expect(scrape).toContain('process_cpu_user_seconds_total')
  })

  it('counts what business modules record through the recorder', async () => {
    metrics.upstreamCall({
      provider: 'jumpcloud',
      endpoint: '/api/systemusers',
      outcome: '200',
      seconds: 0.01,
    })
    metrics.upstreamRetry({ provider: 'jumpcloud', endpoint: '/api/systemusers', reason: '503' })
    metrics.rateLimited('address')
    metrics.cacheLookup('admin_roles', true)
    metrics.cacheLookup('admin_roles', false)
    const scrape = await metrics.render()
    expect(
      seriesValue(
        scrape,
        'jumplink_upstream_requests_total{provider="jumpcloud",endpoint="/api/systemusers",outcome="200"}',
      ),
    ).toBe(1)
    expect(
      seriesValue(
        scrape,
        'jumplink_upstream_retries_total{provider="jumpcloud",endpoint="/api/systemusers",reason="503"}',
      ),
    ).toBe(1)
    expect(seriesValue(scrape, 'jumplink_rate_limit_rejections_total{limiter="address"}')).toBe(1)
    expect(
      seriesValue(scrape, 'jumplink_cache_lookups_total{cache="admin_roles",result="hit"}'),
    ).toBe(1)
    expect(
      seriesValue(scrape, 'jumplink_cache_lookups_total{cache="admin_roles",result="miss"}'),
    ).toBe(1)
  })

  it('counts syncs and webhook outcomes, and reads the job queue depth at each scrape', async () => {
    metrics.syncRun({ outcome: 'synced', seconds: 1.5 })
    metrics.syncRun({ outcome: 'broken', seconds: 0.2 })
    metrics.webhookAttempt({ outcome: '2xx', seconds: 0.02 })
    metrics.webhookAttempt({ outcome: 'timeout', seconds: 10 })
    metrics.webhookDelivery({ result: 'succeeded', latencySeconds: 0.8 })
    metrics.webhookDelivery({ result: 'failed' })
    let depth = [{ queue: 'webhook-delivery', state: 'created', count: 7 }]
    metrics.observeJobQueue(async () => depth)
    const scrape = await metrics.render()
    expect(seriesValue(scrape, 'jumplink_sync_runs_total{outcome="synced"}')).toBe(1)
    expect(seriesValue(scrape, 'jumplink_sync_runs_total{outcome="broken"}')).toBe(1)
    expect(seriesValue(scrape, 'jumplink_sync_run_duration_seconds_count{outcome="synced"}')).toBe(
      1,
    )
    expect(seriesValue(scrape, 'jumplink_webhook_attempts_total{outcome="2xx"}')).toBe(1)
    expect(seriesValue(scrape, 'jumplink_webhook_attempts_total{outcome="timeout"}')).toBe(1)
    expect(seriesValue(scrape, 'jumplink_webhook_deliveries_total{result="succeeded"}')).toBe(1)
    expect(seriesValue(scrape, 'jumplink_webhook_deliveries_total{result="failed"}')).toBe(1)
    expect(seriesValue(scrape, 'jumplink_webhook_delivery_latency_seconds_count')).toBe(1)
    expect(
      seriesValue(scrape, 'jumplink_job_queue_depth{queue="webhook-delivery",state="created"}'),
    ).toBe(7)
    // Read again at the next scrape: a drained queue shows no stale series.
    depth = [{ queue: 'sync-connection', state: 'active', count: 1 }]
    const later = await metrics.render()
    expect(
      seriesValue(later, 'jumplink_job_queue_depth{queue="webhook-delivery",state="created"}'),
    ).toBeUndefined()
    expect(
      seriesValue(later, 'jumplink_job_queue_depth{queue="sync-connection",state="active"}'),
    ).toBe(1)
  })

  it('is not served at all unless the composition root says so', async () => {
    const without = await createHarness({ store: h.store, deps: { metrics } })
    expect((await without.call('GET', '/metrics')).status).toBe(404)
  })
})

describe('endpoint templates', () => {
  it('replaces ids with :id and keeps the words', () => {
    expect(endpointTemplate('/api/v2/usergroups/5f1b2c3d4e5f60718293a4b5/members')).toBe(
      '/api/v2/usergroups/:id/members',
    )
    expect(endpointTemplate('/api/systemusers?limit=100')).toBe('/api/systemusers')
    expect(endpointTemplate('/api/v2/systeminsights/apps')).toBe('/api/v2/systeminsights/apps')
    expect(endpointTemplate('/insights/directory/v1/events')).toBe('/insights/directory/v1/events')
  })
})
