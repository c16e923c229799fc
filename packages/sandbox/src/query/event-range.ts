import type { DirectoryEvent } from '../data/types.ts'

// Directory Insights events are stored sorted by (time, id). Where a window or a `search_after`
// starts and ends is then a binary search, not a scan of every event for every page.

const timesCache = new WeakMap<readonly DirectoryEvent[], Float64Array>()

/** Each event's time in ms, parsed once per stored list (a list of events never changes). */
export function eventTimes(events: readonly DirectoryEvent[]): Float64Array {
  let times = timesCache.get(events)
  if (!times || times.length !== events.length) {
    times = Float64Array.from(events, (e) => Date.parse(e.timestamp))
    timesCache.set(events, times)
  }
  return times
}

/** (time, id) of an event against a `search_after` key: negative, 0 or positive. */
function compareKey(times: Float64Array, events: readonly DirectoryEvent[], i: number, key: Key) {
  const t = times[i] as number
  if (t !== key[0]) return t - key[0]
  const id = (events[i] as DirectoryEvent).id
  return id < key[1] ? -1 : id > key[1] ? 1 : 0
}

type Key = readonly [number, string]

/** The first index in `[lo, hi)` where `before(i)` is false (`before` holds on a prefix). */
function partition(lo: number, hi: number, before: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (before(mid)) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * The index range `[from, to)` of sorted events with `start <= time <= end`, narrowed by a
 * `search_after` key: ascending keeps what sorts after the key, descending what sorts before.
 */
export function eventRange(
  events: readonly DirectoryEvent[],
  window: { start: number; end: number; descending: boolean; searchAfter: Key | null },
): { from: number; to: number } {
  const times = eventTimes(events)
  let from = partition(0, events.length, (i) => (times[i] as number) < window.start)
  let to = partition(from, events.length, (i) => (times[i] as number) <= window.end)
  const key = window.searchAfter
  if (key) {
    if (window.descending) to = partition(from, to, (i) => compareKey(times, events, i, key) < 0)
    else from = partition(from, to, (i) => compareKey(times, events, i, key) <= 0)
  }
  return { from, to: Math.max(from, to) }
}
