import type { ReadContext } from './context'

export interface ConnectionCacheOptions {
  /** How long one read serves. Default one minute. */
  ttlMs?: number
  /** Connections remembered at once; the oldest is dropped first. Default 50. */
  maxEntries?: number
  now?: () => number
}

/**
 * A value read once per connection and organization and kept `ttlMs`, so that the pages of one
 * export share it and a change upstream shows within that time. Concurrent readers share one
 * read; a failed read is not kept.
 */
export function createConnectionCache<T>(
  read: (ctx: ReadContext) => Promise<T>,
  options: ConnectionCacheOptions = {},
): (ctx: ReadContext) => Promise<T> {
  const ttlMs = options.ttlMs ?? 60_000
  const maxEntries = options.maxEntries ?? 50
  const now = options.now ?? Date.now
  const entries = new Map<string, { expires: number; value: Promise<T> }>()

  return (ctx) => {
    const key = `${ctx.session.connectionId}\u0000${ctx.session.organizationId}`
    const cached = entries.get(key)
    if (cached && cached.expires > now()) return cached.value
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
}
