import { EventEmitter } from 'node:events'
import { createRateLimiter } from '../middleware/rate-limit/limiter'
import { createKeyedSemaphore, type KeyedSemaphore } from '../providers/keyed-semaphore'
import type { SharedState } from './shared-state'

/** One instance: counters, slots and events live in this process's memory. */
export function createInProcessState(): SharedState {
  const events = new EventEmitter()
  events.setMaxListeners(0)
  const semaphores = new Map<string, KeyedSemaphore>()
  return {
    kind: 'in-process',
    limiter: (options) => createRateLimiter(options),
    semaphore(options) {
      // Same name and limit, same slots, as two instances on Redis would share them.
      const key = `${options.name}:${options.limit}`
      let semaphore = semaphores.get(key)
      if (!semaphore) {
        semaphore = createKeyedSemaphore(options.limit)
        semaphores.set(key, semaphore)
      }
      return semaphore
    },
    async publish(event) {
      // Later, as Redis delivers: subscribers never run inside the publisher's call.
      setImmediate(() => events.emit('event', event))
    },
    subscribe(handler) {
      events.on('event', handler)
      return () => events.off('event', handler)
    },
    ping: async () => true,
    async close() {
      events.removeAllListeners()
    },
  }
}
