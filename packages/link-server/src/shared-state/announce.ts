import type { Context } from 'hono'
import type { AppEnv } from '../context'
import type { SharedEvent, SharedState } from './shared-state'

/** What this instance drops at once when it changes a connection itself, by its shared state. */
const changedHere = new WeakMap<SharedState, Set<(connectionId: string) => void>>()

/**
 * Runs `forget` in the announcing request itself, before the announcement goes out: the next
 * request to this instance must not see the old row, even before the event comes back.
 */
export function onConnectionChangedHere(
  shared: SharedState,
  forget: (connectionId: string) => void,
): void {
  const listeners = changedHere.get(shared) ?? new Set()
  listeners.add(forget)
  changedHere.set(shared, listeners)
}

/**
 * Tells every instance a connection changed (revoked, relinked, broken) so they drop what they
 * keep for it. Best effort: the database already holds the change, and what an instance keeps
 * of the connection's row is read again within a second (a lost message only means the
 * directory caches live out their minute).
 */
export async function announceConnectionChange(
  c: Context<AppEnv>,
  deps: { shared: SharedState },
  connectionId: string,
): Promise<void> {
  for (const forget of changedHere.get(deps.shared) ?? []) forget(connectionId)
  try {
    await deps.shared.publish({ type: 'connection.changed', connectionId })
  } catch (error) {
    c.get('logger').warn(
      { err: error, connection_id: connectionId },
      'could not tell the other instances about a connection change',
    )
  }
}

/**
 * For the CLI: tells the running instances about a key change, when they share a Redis. Says
 * whether it could; without Redis they notice by themselves at their next key check.
 */
export async function announceToInstances(
  config: { redisUrl: string | undefined; redisPrefix: string },
  event: SharedEvent,
): Promise<boolean> {
  if (!config.redisUrl) return false
  const { createRedisState } = await import('./redis')
  const shared = await createRedisState({ url: config.redisUrl, prefix: config.redisPrefix })
  try {
    await shared.publish(event)
    return true
  } finally {
    await shared.close()
  }
}
