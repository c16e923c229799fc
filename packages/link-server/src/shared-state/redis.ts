import { Redis } from 'ioredis'
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible'
import { Semaphore, TimeoutError } from 'redis-semaphore'
import { fromFlexible } from '../middleware/rate-limit/limiter'
import { createKeyedSemaphore, type KeyedSemaphore } from '../providers/keyed-semaphore'
import { type SharedEvent, type SharedState, SlotTimeoutError } from './shared-state'

export interface RedisStateOptions {
  url: string
  /** Put before every key and the event channel, so several deployments can share a Redis. */
  prefix?: string
  /** Told about Redis trouble (never the URL: it may hold a password). */
  onProblem?: (message: string, error?: unknown) => void
  connectTimeoutMs?: number
}

const EVENT_TYPES = new Set<SharedEvent['type']>([
  'connection.changed',
  'signing-keys.changed',
  'master-keys.changed',
  'directory.written',
])

/**
 * Several instances on one Redis: rate-limiter-flexible's counters, redis-semaphore's leased
 * slots (a sorted set per key, refreshed while held, so a killed instance's slots expire), and
 * pub/sub for events. While Redis is unreachable each instance falls back to its own memory
 * (limits and caps then hold per instance) rather than refusing every request.
 */
export async function createRedisState(options: RedisStateOptions): Promise<SharedState> {
  const prefix = options.prefix ?? 'jumplink:'
  const problem = options.onProblem ?? (() => {})
  const client = new Redis(options.url, {
    keyPrefix: prefix,
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? 5_000,
    // Fail fast while disconnected, so the in-memory fallbacks answer instead of a queue.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  })
  const subscriber = client.duplicate()
  for (const [name, connection] of [
    ['commands', client],
    ['events', subscriber],
  ] as const) {
    let down = false
    connection.on('error', (error) => {
      if (!down) problem(`Redis ${name} connection failed; retrying`, error)
      down = true
    })
    connection.on('ready', () => {
      if (down) problem(`Redis ${name} connection is back`)
      down = false
    })
  }
  try {
    await client.connect()
    await subscriber.connect()
  } catch (error) {
    client.disconnect()
    subscriber.disconnect()
    // Never the URL: it may hold a password.
    throw new Error(
      `Redis (REDIS_URL) is not reachable: ${error instanceof Error ? error.message : error}`,
    )
  }

  const channel = `${prefix}events`
  const handlers = new Set<(event: SharedEvent) => void>()
  subscriber.on('message', (from, text: string) => {
    if (from !== channel) return
    let event: SharedEvent
    try {
      event = JSON.parse(text) as SharedEvent
    } catch {
      return
    }
    if (!event || !EVENT_TYPES.has(event.type)) return
    for (const handler of handlers) handler(event)
  })
  await subscriber.subscribe(channel)

  const ready = () => client.status === 'ready'

  return {
    kind: 'redis',
    limiter(limit) {
      return fromFlexible(
        new RateLimiterRedis({
          storeClient: client,
          keyPrefix: `limit:${limit.name}`,
          points: limit.limit,
          duration: limit.windowSeconds,
          rejectIfRedisNotReady: true,
          insuranceLimiter: new RateLimiterMemory({
            keyPrefix: limit.name,
            points: limit.limit,
            duration: limit.windowSeconds,
          }),
        }),
      )
    },
    semaphore(slots): KeyedSemaphore {
      const local = createKeyedSemaphore(slots.limit)
      return {
        // Other instances' calls do not see this one's priorities.
        byPriority: false,
        async run(key, task, priority) {
          if (!ready()) return local.run(key, task, priority)
          const semaphore = new Semaphore(client, `${slots.name}:${key}`, slots.limit, {
            lockTimeout: slots.leaseMs,
            acquireTimeout: slots.waitMs,
            retryInterval: 10,
            // No renewal timer: a holder never outlives its lease (callers bound their task by
            // less), and the library's renewal would throw unhandled on a Redis blip.
            refreshInterval: 0,
          })
          try {
            await semaphore.acquire()
          } catch (error) {
            if (error instanceof TimeoutError) {
              throw new SlotTimeoutError(`no ${slots.name} slot within ${slots.waitMs} ms`)
            }
            problem('Redis did not answer for a shared slot; using this instance’s own', error)
            return local.run(key, task, priority)
          }
          try {
            return await task()
          } finally {
            // A release Redis does not hear is not fatal: the lease expires on its own.
            await semaphore.release().catch((error: unknown) => {
              problem('a shared slot could not be released; its lease will expire', error)
            })
          }
        },
      }
    },
    async publish(event) {
      await client.publish(channel, JSON.stringify(event))
    },
    subscribe(handler) {
      handlers.add(handler)
      return () => handlers.delete(handler)
    },
    async ping() {
      try {
        return (await client.ping()) === 'PONG'
      } catch {
        return false
      }
    },
    async close() {
      handlers.clear()
      await Promise.allSettled([subscriber.quit(), client.quit()])
    },
  }
}
