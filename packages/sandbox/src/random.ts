/** A small seeded PRNG (mulberry32): fast, and the same sequence on every run for a seed. */
export interface Random {
  /** A float in [0, 1). */
  next(): number
  int(minInclusive: number, maxInclusive: number): number
  chance(probability: number): boolean
  pick<T>(items: readonly T[]): T
  /** Picks by weight: `[[value, weight], ...]`. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T
  hex(length: number): string
  alnum(length: number): string
  /** Moves on as `count` calls of `next()` would, without computing them. */
  skip(count: number): void
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

export function createRandom(seed: number): Random {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('pick from an empty list')
    return items[Math.floor(next() * items.length)] as T
  }
  return {
    next,
    // mulberry32's state only ever adds one constant per draw.
    skip: (count) => {
      state = (state + Math.imul(count, 0x6d2b79f5)) >>> 0
    },
    int,
    chance: (p) => next() < p,
    pick,
    weighted: (choices) => {
      const total = choices.reduce((sum, [, w]) => sum + w, 0)
      let roll = next() * total
      for (const [value, weight] of choices) {
        roll -= weight
        if (roll < 0) return value
      }
      const last = choices[choices.length - 1]
      if (!last) throw new Error('weighted pick from an empty list')
      return last[0]
    },
    hex: (length) => {
      let out = ''
      for (let i = 0; i < length; i++) out += Math.floor(next() * 16).toString(16)
      return out
    },
    alnum: (length) => {
      let out = ''
      for (let i = 0; i < length; i++) out += ALNUM[Math.floor(next() * ALNUM.length)]
      return out
    },
  }
}

/** Derives a child seed so each organization and table has its own stable stream. */
export function deriveSeed(seed: number, label: string): number {
  let hash = 2166136261 ^ seed
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i)
    hash = Math.imul(hash, 16777619)
  }
  return hash >>> 0
}

/**
 * JumpCloud ids are MongoDB ObjectIds: 24 lowercase hex, the first 8 the creation time in
 * seconds. A per-organization prefix plus a counter keeps them unique and deterministic.
 */
export function createIdFactory(random: Random): (createdAt: Date) => string {
  const machine = random.hex(10)
  let counter = random.int(0, 0xffff)
  return (createdAt) => {
    counter = (counter + 1) % 0xffffff
    const seconds = Math.floor(createdAt.getTime() / 1000)
    return seconds.toString(16).padStart(8, '0') + machine + counter.toString(16).padStart(6, '0')
  }
}
