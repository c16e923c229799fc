import { createInProcessState } from './in-process'
import type { RedisStateOptions } from './redis'
import type { SharedState } from './shared-state'

export { createInProcessState } from './in-process'
export * from './shared-state'

/** Redis when a URL is configured, this process's memory otherwise. */
export async function openSharedState(
  options: Partial<RedisStateOptions> & { url?: string | undefined },
): Promise<SharedState> {
  if (!options.url) return createInProcessState()
  // Loaded only when configured: the Redis client and its companions cost start-up time.
  const { createRedisState } = await import('./redis')
  return createRedisState({ ...options, url: options.url })
}
