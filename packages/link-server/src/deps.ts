import type { Context } from 'hono'
import type { Logger } from 'pino'
import type { AppEnv } from './context'
import type { TokenService } from './crypto/tokens'
import type { Vault } from './crypto/vault'
import type { RateLimiter } from './middleware/rate-limit/limiter'
import type { ProviderRegistry } from './providers/provider'
import type { Store } from './storage/store'

/** What `createApp` is built from. Everything with state or I/O comes in from outside. */
export interface AppDeps {
  store: Store
  vault: Vault
  tokens: TokenService
  providers: ProviderRegistry
  logger: Logger
  /** Our own origin (the hosted widget page is same-origin) and the base of /docs links. */
  publicUrl: string
  now?: () => Date
  bodyLimitBytes?: number
  /** Key-checking limits; defaults 10 per session and 30 per address per minute. */
  rateLimit?: { perSession: number; perAddress: number; windowSeconds: number }
  /** Overrides the limiters themselves (tests). */
  limiters?: { perSession: RateLimiter; perAddress: RateLimiter }
  /** The caller's address for rate limiting; the runtime entry knows the socket. */
  clientAddress?: (c: Context<AppEnv>) => string
}

/** The deps every route module receives, with defaults filled in. */
export interface RouteDeps extends AppDeps {
  now: () => Date
  limiters: { perSession: RateLimiter; perAddress: RateLimiter }
  clientAddress: (c: Context<AppEnv>) => string
  ownOrigin: string
}
