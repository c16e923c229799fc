import { createHash } from 'node:crypto'
import type { AccessToken } from './token-endpoint'

export interface AccessTokenCacheOptions {
  /** In ms. */
  now: () => number
  /** Refresh this long before expiry at most; never more than a tenth of the lifetime. */
  refreshMarginMs: number
  /** Connections remembered at once; the oldest entry goes first. */
  maxEntries?: number
}

interface Entry {
  /** A hash of the client credentials the token was bought with: a new secret misses. */
  fingerprint: string
  token?: string
  /** When to stop handing the token out, in ms. */
  refreshAt?: number
  /** The token request in flight, shared by everyone who needs it meanwhile. */
  pending?: Promise<string>
}

/**
 * Access tokens per connection, in memory only (never persisted, never logged). A token is
 * reused until shortly before it expires; when many requests need one at the same moment, one
 * token request is made and all of them wait for it.
 */
export function createAccessTokenCache(options: AccessTokenCacheOptions) {
  const entries = new Map<string, Entry>()
  const maxEntries = options.maxEntries ?? 10_000

  function remember(key: string, entry: Entry): void {
    entries.delete(key)
    entries.set(key, entry)
    if (entries.size > maxEntries) {
      const oldest = entries.keys().next().value
      if (oldest !== undefined) entries.delete(oldest)
    }
  }

  /** The connection's token, bought with `buy` when there is none fit to use. */
  function get(
    key: string,
    credentials: { clientId: string; clientSecret: string },
    buy: () => Promise<AccessToken>,
  ): Promise<string> {
    const fingerprint = fingerprintOf(credentials)
    const entry = entries.get(key)
    if (entry?.fingerprint === fingerprint) {
      if (
        entry.token !== undefined &&
        entry.refreshAt !== undefined &&
        options.now() < entry.refreshAt
      ) {
        return Promise.resolve(entry.token)
      }
      if (entry.pending) return entry.pending
    }
    const pending = buy().then(
      (token) => {
        if (entries.get(key)?.pending === pending) {
          const lifetimeMs = token.expiresIn * 1000
          const margin = Math.min(options.refreshMarginMs, lifetimeMs / 10)
          remember(key, {
            fingerprint,
            token: token.value,
            refreshAt: options.now() + lifetimeMs - margin,
          })
        }
        return token.value
      },
      (error: unknown) => {
        if (entries.get(key)?.pending === pending) entries.delete(key)
        throw error
      },
    )
    remember(key, { fingerprint, pending })
    return pending
  }

  /**
   * The directory refused this token: forget it, unless it has already been replaced, so that
   * the next `get` buys a new one (once, however many requests saw the refusal).
   */
  function invalidate(key: string, token: string): void {
    if (entries.get(key)?.token === token) entries.delete(key)
  }

  return { get, invalidate, size: () => entries.size }
}

export type AccessTokenCache = ReturnType<typeof createAccessTokenCache>

function fingerprintOf(credentials: { clientId: string; clientSecret: string }): string {
  return createHash('sha256')
    .update(credentials.clientId)
    .update('\0')
    .update(credentials.clientSecret)
    .digest('base64url')
}
