// Small, tested helpers the benchmarks share: percentiles, a counter of calls in flight, and a
// fixed-count load loop. No timing assertions anywhere: these only measure.

/**
 * The `p`-th percentile (0–100) of `values`, by linear interpolation between the closest ranks
 * (the method of NumPy's default and most spreadsheets). NaN for an empty list.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  if (p < 0 || p > 100) throw new RangeError('p must be between 0 and 100')
  const sorted = [...values].sort((a, b) => a - b)
  const rank = (p / 100) * (sorted.length - 1)
  const low = Math.floor(rank)
  const high = Math.ceil(rank)
  const below = sorted[low] as number
  const above = sorted[high] as number
  return below + (above - below) * (rank - low)
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  return values.reduce((sum, v) => sum + v, 0) / values.length
}

/** Rounds to `digits` decimals, so the report shows what was measured without false precision. */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

export interface InFlightCounter {
  /** Calls in flight now. */
  readonly current: number
  /** The most calls ever in flight at once since the last reset. */
  readonly max: number
  /** Calls started since the last reset. */
  readonly total: number
  /** Runs `task` counted as in flight until it settles (resolves or rejects). */
  track<T>(task: () => Promise<T>): Promise<T>
  /** Starts a new observation window; calls still in flight keep counting in it. */
  reset(): void
}

export function createInFlightCounter(): InFlightCounter {
  let current = 0
  let max = 0
  let total = 0
  return {
    get current() {
      return current
    },
    get max() {
      return max
    },
    get total() {
      return total
    },
    async track(task) {
      current++
      total++
      if (current > max) max = current
      try {
        return await task()
      } finally {
        current--
      }
    },
    reset() {
      max = current
      total = 0
    },
  }
}

export interface LoadResult {
  /** Each request's duration, ms, in completion order. */
  durations: number[]
  /** Wall time of the whole run, ms. */
  elapsedMs: number
  requestsPerSecond: number
}

/**
 * Runs `request` exactly `total` times with at most `concurrency` at once (a closed loop: each
 * worker starts its next request when its last one ends), and times every request.
 */
export async function runLoad(options: {
  total: number
  concurrency: number
  request: (index: number) => Promise<void>
  now?: () => number
}): Promise<LoadResult> {
  const now = options.now ?? (() => performance.now())
  const durations: number[] = []
  let next = 0
  const worker = async () => {
    while (next < options.total) {
      const index = next++
      const started = now()
      await options.request(index)
      durations.push(now() - started)
    }
  }
  const started = now()
  const workers = Math.max(1, Math.min(options.concurrency, options.total))
  await Promise.all(Array.from({ length: workers }, worker))
  const elapsedMs = now() - started
  return {
    durations,
    elapsedMs,
    requestsPerSecond: elapsedMs > 0 ? (options.total / elapsedMs) * 1000 : Number.NaN,
  }
}
