import {
  type Context,
  context,
  createContextKey,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http'
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg'
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici'
import { NodeSDK, tracing } from '@opentelemetry/sdk-node'
import { createMiddleware } from 'hono/factory'
import { routePath } from 'hono/route'
import type { AppEnv } from '../context'
import type { Tracing } from './tracing'

const REQUEST_ID = createContextKey('jumplink.request_id')
const REQUEST_ID_ATTRIBUTE = 'jumplink.request_id'

/**
 * Copies the request id from the context onto every span started within a request: ours, and
 * the HTTP, undici (directory calls) and pg spans of the instrumentations.
 */
class RequestIdProcessor implements tracing.SpanProcessor {
  onStart(span: tracing.Span, parent: Context): void {
    const requestId = parent.getValue(REQUEST_ID)
    if (typeof requestId === 'string') span.setAttribute(REQUEST_ID_ATTRIBUTE, requestId)
  }
  onEnd(): void {}
  forceFlush = async () => {}
  shutdown = async () => {}
}

/**
 * The standard Node SDK with the HTTP, undici (fetch, so every directory call) and pg
 * instrumentations, exporting over OTLP/HTTP. Attributes stay free of secrets: no headers are
 * recorded (keys and tokens travel in headers), SQL is recorded without its values, and URLs
 * are recorded as they are (no credential is ever in one).
 */
export async function startOpenTelemetry(options: {
  endpoint: string
  serviceName: string
}): Promise<Tracing> {
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    spanProcessors: [
      new RequestIdProcessor(),
      new tracing.BatchSpanProcessor(
        new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/+$/, '')}/v1/traces` }),
      ),
    ],
    instrumentations: [
      new HttpInstrumentation({
        // Inbound requests get our own span (below), named by route and carrying the request
        // id; an ignored request would also suppress every span inside it, so it is off.
        disableIncomingRequestInstrumentation: true,
      }),
      new UndiciInstrumentation(),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
    ],
  })
  sdk.start()
  const tracer = trace.getTracer('jumplink-link-server')

  const middleware = createMiddleware<AppEnv>(async (c, next) => {
    const requestId = c.get('requestId')
    const parent = context.active().setValue(REQUEST_ID, requestId)
    await tracer.startActiveSpan(
      // An ingest URL carries its secret in the path.
      `${c.req.method} ${c.req.path.replace(/jl_ing_[A-Za-z0-9_-]+/g, '[redacted]')}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': c.req.method } },
      parent,
      async (span) => {
        try {
          await next()
        } finally {
          const route = routePath(c, -1)
          const named = route === '*' || route === '/*' ? 'unmatched' : route
          span.updateName(`${c.req.method} ${named}`)
          span.setAttribute('http.route', named)
          span.setAttribute('http.response.status_code', c.res.status)
          if (c.res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR })
          span.end()
        }
      },
    )
  })

  return { middleware, shutdown: () => sdk.shutdown() }
}
