/**
 * At most `limit` holders per key at once; the rest wait by priority, then in arrival order.
 * Keys with nobody holding or waiting are forgotten, so the map stays as small as the set of
 * busy connections.
 */
export interface KeyedSemaphore {
  /**
   * Runs `task` once a slot for `key` is free, and frees the slot when it settles. A waiting
   * task of lower `priority` (default 1) goes before those of higher; a shared semaphore may
   * keep arrival order only.
   */
  run<T>(key: string, task: () => Promise<T>, priority?: number): Promise<T>
  /**
   * Whether every holder of the cap waits by priority: true in one process; false when the
   * cap is shared between instances (Redis), whose waiters keep arrival order only.
   */
  readonly byPriority: boolean
}

/** Calls that decide how many more follow (the first page of a list), before the others. */
export const FIRST_PAGE_PRIORITY = 0

export function createKeyedSemaphore(limit: number): KeyedSemaphore {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be at least 1')
  const slots = new Map<
    string,
    { active: number; waiting: { priority: number; resume: () => void }[] }
  >()

  async function acquire(key: string, priority: number): Promise<void> {
    let slot = slots.get(key)
    if (!slot) {
      slot = { active: 0, waiting: [] }
      slots.set(key, slot)
    }
    if (slot.active < limit) {
      slot.active++
      return
    }
    // The releaser hands its slot over directly, so `active` never dips and overshoots.
    await new Promise<void>((resume) => {
      // After every waiter of the same or a lower priority: arrival order within a priority.
      const at = slot.waiting.findIndex((w) => w.priority > priority)
      const waiter = { priority, resume }
      if (at === -1) slot.waiting.push(waiter)
      else slot.waiting.splice(at, 0, waiter)
    })
  }

  function release(key: string): void {
    const slot = slots.get(key)
    if (!slot) return
    const next = slot.waiting.shift()
    if (next) {
      next.resume()
      return
    }
    slot.active--
    if (slot.active === 0) slots.delete(key)
  }

  return {
    byPriority: true,
    async run(key, task, priority = 1) {
      await acquire(key, priority)
      try {
        return await task()
      } finally {
        release(key)
      }
    },
  }
}
