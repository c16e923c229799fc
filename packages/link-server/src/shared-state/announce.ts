import type { Context } from 'hono'
import type { AppEnv } from '../context'
import type { SharedEvent, SharedState } from './shared-state'

/**
 * Tells every instance a connection changed (revoked, relinked, broken) so they drop what they
 * keep for it. Best effort: the database already holds the change and every request reads it,
 * so a lost message only means a cache lives out its minute.
 */
export async function announceConnectionChange(
  c: Context<AppEnv>,
  deps: { shared: SharedState },
  connectionId: string,
): Promise<void> {
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
