/**
 * At most `limit` holders per key at once; the rest wait in arrival order. Keys with nobody
 * holding or waiting are forgotten, so the map stays as small as the set of busy connections.
 */
export interface KeyedSemaphore {
  /** Runs `task` once a slot for `key` is free, and frees the slot when it settles. */
  run<T>(key: string, task: () => Promise<T>): Promise<T>
}

export function createKeyedSemaphore(limit: number): KeyedSemaphore {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be at least 1')
  const slots = new Map<string, { active: number; waiting: (() => void)[] }>()

  async function acquire(key: string): Promise<void> {
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
    await new Promise<void>((resolve) => slot.waiting.push(resolve))
  }

  function release(key: string): void {
    const slot = slots.get(key)
    if (!slot) return
    const next = slot.waiting.shift()
    if (next) {
      next()
      return
    }
    slot.active--
    if (slot.active === 0) slots.delete(key)
  }

  return {
    async run(key, task) {
      await acquire(key)
      try {
        return await task()
      } finally {
        release(key)
      }
    },
  }
}
