import type { Metrics } from './prometheus'

/** Prometheus' text format: what prom-client's registry says, known before it loads. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8'

type Recording = Exclude<keyof Metrics, 'httpRequestStarted' | 'render' | 'contentType'>

/**
 * Metrics whose library loads at their first use instead of at start (prom-client and what it
 * pulls in were a tenth of a cold start). Nothing is lost meanwhile: what is recorded before it
 * has loaded is kept and replayed into it, in order.
 */
export function deferMetrics(load: () => Promise<Metrics>): Metrics {
  let loaded: Metrics | undefined
  let loading: Promise<Metrics> | undefined
  const pending: ((metrics: Metrics) => void)[] = []
  const ensureLoading = () => {
    loading ??= load().then((metrics) => {
      loaded = metrics
      for (const replay of pending.splice(0)) replay(metrics)
      return metrics
    })
    return loading
  }
  const record =
    <K extends Recording>(name: K) =>
    (...args: Parameters<Metrics[K]>): void => {
      const apply = (metrics: Metrics) => (metrics[name] as (...a: typeof args) => void)(...args)
      if (loaded) {
        apply(loaded)
        return
      }
      pending.push(apply)
      void ensureLoading()
    }

  return {
    httpRequest: record('httpRequest'),
    upstreamCall: record('upstreamCall'),
    upstreamRetry: record('upstreamRetry'),
    rateLimited: record('rateLimited'),
    cacheLookup: record('cacheLookup'),
    syncRun: record('syncRun'),
    webhookAttempt: record('webhookAttempt'),
    webhookDelivery: record('webhookDelivery'),
    observeJobQueue: record('observeJobQueue'),
    httpRequestStarted() {
      if (loaded) return loaded.httpRequestStarted()
      let finish: (() => void) | undefined
      let finished = false
      pending.push((metrics) => {
        finish = metrics.httpRequestStarted()
        if (finished) finish()
      })
      void ensureLoading()
      return () => {
        finished = true
        finish?.()
      }
    },
    render: async () => (await ensureLoading()).render(),
    get contentType() {
      return loaded?.contentType ?? PROMETHEUS_CONTENT_TYPE
    },
  }
}

/** For a server that serves no `/metrics`: counts nothing, loads nothing. */
export const METRICS_OFF: Metrics = {
  httpRequest() {},
  upstreamCall() {},
  upstreamRetry() {},
  rateLimited() {},
  cacheLookup() {},
  syncRun() {},
  webhookAttempt() {},
  webhookDelivery() {},
  observeJobQueue() {},
  httpRequestStarted: () => () => {},
  render: async () => '',
  contentType: PROMETHEUS_CONTENT_TYPE,
}
