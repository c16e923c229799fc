import type { ReadContext } from './context'

export interface ConnectionCacheOptions {
  /** How long one read serves. Default one minute. */
  ttlMs?: number
  /** Connections remembered at once; the oldest is dropped first. Default 50. */
  maxEntries?: number
  now?: () => number
  /** Told whether each lookup was served from the cache (for the hit-rate metric). */
  onLookup?: (hit: boolean) => void
}

/** A per-connection cache: look a value up, or forget every value of one connection. */
export interface ConnectionCache<T> {
  (ctx: ReadContext): Promise<T>
  /** Drops what is kept for this connection (revoked or relinked on some instance). */
  forget(connectionId: string): void
}

/**
 * A value read once per connection and organization and kept `ttlMs`, so that the pages of one
 * export share it and a change upstream shows within that time. Concurrent readers share one
 * read; a failed read is not kept.
 */
export function createConnectionCache<T>(
  read: (ctx: ReadContext) => Promise<T>,
  options: ConnectionCacheOptions = {},
): ConnectionCache<T> {
  const ttlMs = options.ttlMs ?? 60_000
  const maxEntries = options.maxEntries ?? 50
  const now = options.now ?? Date.now
  const entries = new Map<string, { expires: number; value: Promise<T> }>()

  const lookup = (ctx: ReadContext) => {
    const key = `${ctx.session.connectionId}\u0000${ctx.session.organizationId}`
    const cached = entries.get(key)
    const fresh = cached !== undefined && cached.expires > now()
    options.onLookup?.(fresh)
    if (cached && fresh) return cached.value
    entries.delete(key)
    const value = read(ctx)
    entries.set(key, { expires: now() + ttlMs, value })
    value.catch(() => {
      if (entries.get(key)?.value === value) entries.delete(key)
    })
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value
      if (oldest === undefined) break
      entries.delete(oldest)
    }
    return value
  }
  return Object.assign(lookup, {
    forget(connectionId: string) {
      for (const key of entries.keys()) {
        if (key.startsWith(`${connectionId}\u0000`)) entries.delete(key)
      }
    },
  })
}
