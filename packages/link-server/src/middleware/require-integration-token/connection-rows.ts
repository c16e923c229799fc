import type { ConnectionRecord, HostApp } from '../../storage/store'

/** The host app and the connection an integration token names, as the database holds them. */
export interface ConnectionRows {
  hostApp: HostApp
  connection: ConnectionRecord
}

/** Rows younger than this are served as they are. */
export const ROWS_FRESH_MS = 250
/**
 * Rows are never served older than this: a revocation or relink made on another instance (or
 * by the CLI) is refused here within it, even when no message reached this instance.
 */
export const ROWS_MAX_AGE_MS = 750

export interface ConnectionRowCacheOptions {
  read(hostAppId: string, connectionId: string): Promise<ConnectionRows | undefined>
  now?: () => number
  freshMs?: number
  maxAgeMs?: number
  /** Connections remembered at once; the oldest is dropped first. */
  maxEntries?: number
}

export interface ConnectionRowCache {
  get(hostAppId: string, connectionId: string): Promise<ConnectionRows | undefined>
  /** Drops what is kept for the connection (revoked, relinked or broken, here or elsewhere). */
  forget(connectionId: string): void
}

interface Entry {
  readAt: number
  value: Promise<ConnectionRows | undefined>
  refreshing: boolean
}

/**
 * The two database reads of every unified request, kept for a moment. A row younger than
 * `freshMs` is served; one between `freshMs` and `maxAgeMs` is served while one read in the
 * background replaces it, so a busy connection never waits for the database; an older one is
 * read again before the request goes on. Changes announced to this instance drop the row at
 * once; `maxAgeMs` bounds what an unannounced change (another instance without Redis, the CLI)
 * can be late by. Concurrent readers share one read; a failed read is not kept.
 */
export function createConnectionRowCache(options: ConnectionRowCacheOptions): ConnectionRowCache {
  const now = options.now ?? Date.now
  const freshMs = options.freshMs ?? ROWS_FRESH_MS
  const maxAgeMs = options.maxAgeMs ?? ROWS_MAX_AGE_MS
  const maxEntries = options.maxEntries ?? 10_000
  const entries = new Map<string, Entry>()

  function load(key: string, hostAppId: string, connectionId: string): Entry {
    const entry: Entry = {
      readAt: now(),
      value: options.read(hostAppId, connectionId),
      refreshing: false,
    }
    entry.value.then(
      () => {},
      () => {
        if (entries.get(key) === entry) entries.delete(key)
      },
    )
    return entry
  }

  function keep(key: string, entry: Entry): void {
    entries.delete(key)
    entries.set(key, entry)
    if (entries.size > maxEntries) {
      const oldest = entries.keys().next().value
      if (oldest !== undefined) entries.delete(oldest)
    }
  }

  return {
    get(hostAppId, connectionId) {
      const key = `${connectionId}\u0000${hostAppId}`
      const cached = entries.get(key)
      const age = cached ? now() - cached.readAt : Number.POSITIVE_INFINITY
      if (cached && age < freshMs) return cached.value
      if (cached && age < maxAgeMs) {
        if (!cached.refreshing) {
          cached.refreshing = true
          const next = load(key, hostAppId, connectionId)
          // Replaces the served rows once read, unless they were forgotten meanwhile.
          next.value.then(
            () => {
              if (entries.get(key) === cached) keep(key, next)
            },
            () => {
              cached.refreshing = false
            },
          )
        }
        return cached.value
      }
      const entry = load(key, hostAppId, connectionId)
      keep(key, entry)
      return entry.value
    },
    forget(connectionId) {
      const prefix = `${connectionId}\u0000`
      for (const key of entries.keys()) if (key.startsWith(prefix)) entries.delete(key)
    },
  }
}
