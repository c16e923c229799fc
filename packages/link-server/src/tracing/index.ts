import type { Tracing } from './tracing'

export type { Tracing } from './tracing'

/**
 * OpenTelemetry traces, only when `OTEL_EXPORTER_OTLP_ENDPOINT` is set: the SDK is imported
 * here, lazily, so a server without an endpoint never loads it. Call before anything that loads
 * `pg` or makes HTTP calls, so that their instrumentation is in place.
 */
export async function startTracing(options: {
  endpoint: string | undefined
  serviceName?: string
}): Promise<Tracing | undefined> {
  if (!options.endpoint) return undefined
  const { startOpenTelemetry } = await import('./open-telemetry')
  return startOpenTelemetry({
    endpoint: options.endpoint,
    serviceName: options.serviceName ?? 'jumplink-link-server',
  })
}
