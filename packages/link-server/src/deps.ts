import type { Context, MiddlewareHandler } from 'hono'
import type { Logger } from 'pino'
import type { AppEnv } from './context'
import type { TokenService } from './crypto/tokens'
import type { Vault } from './crypto/vault'
import type { Drain } from './lifecycle/drain'
import type { Metrics } from './metrics/prometheus'
import type { MetricsRecorder } from './metrics/recorder'
import type { RateLimiter } from './middleware/rate-limit/limiter'
import type { ProviderRegistry } from './providers/provider'
import type { SharedState } from './shared-state/shared-state'
import type { Store } from './storage/store'
import type { SyncService } from './sync/service'
import type { WebhookDispatch } from './webhooks/dispatch'
import type { UrlPolicy } from './webhooks/url-policy'

/** What `createApp` is built from. Everything with state or I/O comes in from outside. */
export interface AppDeps {
  store: Store
  vault: Vault
  tokens: TokenService
  providers: ProviderRegistry
  logger: Logger
  /** Our own origin (the hosted widget page is same-origin) and the base of /docs links. */
  publicUrl: string
  /** Serve the API reference page at `/docs` (default true; `LINK_DOCS=false`). */
  docs?: boolean
  now?: () => Date
  bodyLimitBytes?: number
  /** Key-checking limits; defaults 10 per session and 30 per address per minute. */
  rateLimit?: { perSession: number; perAddress: number; windowSeconds: number }
  /** Overrides the limiters themselves (tests). */
  limiters?: { perSession: RateLimiter; perAddress: RateLimiter }
  /** Which webhook URLs the mode allows (default: https and public addresses only). */
  webhookUrls?: UrlPolicy
  /** Webhook delivery jobs; without them redelivery answers 503 (src/webhooks/). */
  webhookDelivery?: WebhookDispatch
  /** The change feed's sync jobs; without it `POST /v1/connections/:id/sync` answers 503. */
  sync?: SyncService
  /** The caller's address for rate limiting; the runtime entry knows the socket. */
  clientAddress?: (c: Context<AppEnv>) => string
  /** What instances share (limits, the directory cap, events); in this process by default. */
  shared?: SharedState
  /** Prometheus metrics; none are kept when absent. */
  metrics?: Metrics
  /** Whether `/metrics` is served, and behind which bearer token. Default: not served. */
  metricsRoute?: { token?: string | undefined } | false
  /** Shutdown state: `/readyz` says 503 once it drains. */
  drain?: Drain
  /** A span per request (OpenTelemetry, loaded only when configured). */
  tracing?: MiddlewareHandler<AppEnv>
}

/** The deps every route module receives, with defaults filled in. */
export interface RouteDeps extends Omit<AppDeps, 'metrics'> {
  now: () => Date
  limiters: { perSession: RateLimiter; perAddress: RateLimiter }
  clientAddress: (c: Context<AppEnv>) => string
  ownOrigin: string
  shared: SharedState
  /** The counting side of `metrics`, for business modules. */
  metrics: MetricsRecorder
}
