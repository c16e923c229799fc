import { describe, expect, it } from 'vitest'
import { deferMetrics, PROMETHEUS_CONTENT_TYPE } from './deferred'
import { createPrometheusMetrics, type Metrics } from './prometheus'

/** The value of one series in a scrape, or undefined when it is absent. */
function seriesValue(scrape: string, series: string): number | undefined {
  const line = scrape.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

describe('metrics loaded at their first use', () => {
  it('loads nothing until something is recorded or read', async () => {
    let loads = 0
    deferMetrics(async () => {
      loads++
      return createPrometheusMetrics()
    })
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(loads).toBe(0)
  })

  it('replays what was recorded before the library loaded, in-flight requests included', async () => {
    let release: (metrics: Metrics) => void = () => {}
    const real = createPrometheusMetrics()
    let loads = 0
    const metrics = deferMetrics(() => {
      loads++
      return new Promise<Metrics>((resolve) => {
        release = resolve
      })
    })
    metrics.httpRequest({ method: 'GET', route: '/healthz', status: 200, seconds: 0.01 })
    metrics.cacheLookup('users', true)
    const finishedEarly = metrics.httpRequestStarted()
    const stillRunning = metrics.httpRequestStarted()
    finishedEarly()
    expect(metrics.contentType).toBe(PROMETHEUS_CONTENT_TYPE)
    const scrape = metrics.render()
    release(real)
    const text = await scrape
    expect(loads).toBe(1)
    expect(
      seriesValue(text, 'jumplink_http_requests_total{method="GET",route="/healthz",status="200"}'),
    ).toBe(1)
    expect(seriesValue(text, 'jumplink_cache_lookups_total{cache="users",result="hit"}')).toBe(1)
    expect(seriesValue(text, 'jumplink_http_requests_in_flight')).toBe(1)

    // Loaded now: records go straight through, and the request started before ends in it.
    stillRunning()
    metrics.rateLimited('address')
    const after = await metrics.render()
    expect(seriesValue(after, 'jumplink_http_requests_in_flight')).toBe(0)
    expect(seriesValue(after, 'jumplink_rate_limit_rejections_total{limiter="address"}')).toBe(1)
    expect(metrics.contentType).toBe(real.contentType)
  })
})
