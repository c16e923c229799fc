import { describe, expect, it } from 'vitest'
import { createRandom } from '../random.ts'
import { createSandbox } from '../sandbox.ts'
import { eventRange } from './event-range.ts'

const events = createSandbox({ seed: 3, now: '2025-06-02T00:00:00Z' }).organizations.single.events()

/** The scan that the binary search replaces: every event tested against the window and key. */
function scanned(query: {
  start: number
  end: number
  descending: boolean
  searchAfter: [number, string] | null
}) {
  return events.filter((e) => {
    const t = Date.parse(e.timestamp)
    if (t < query.start || t > query.end) return false
    if (!query.searchAfter) return true
    const [time, id] = query.searchAfter
    const order = t === time ? (e.id < id ? -1 : e.id > id ? 1 : 0) : t - time
    return query.descending ? order < 0 : order > 0
  })
}

describe('eventRange', () => {
  it('selects what a scan of every event selects, for windows and search_after keys', () => {
    const random = createRandom(7)
    const first = Date.parse(events[0]?.timestamp ?? '')
    const last = Date.parse(events[events.length - 1]?.timestamp ?? '')
    for (let n = 0; n < 300; n++) {
      const a = random.int(first - 1000, last + 1000)
      const b = random.int(first - 1000, last + 1000)
      const at = events[random.int(0, events.length - 1)]
      const key: [number, string] | null = !at
        ? null
        : random.chance(0.2)
          ? null
          : random.chance(0.5)
            ? [Date.parse(at.timestamp), at.id]
            : [random.int(first, last), at.id]
      const query = {
        start: Math.min(a, b),
        end: random.chance(0.2) ? Math.min(a, b) : Math.max(a, b),
        descending: random.chance(0.5),
        searchAfter: key,
      }
      const { from, to } = eventRange(events, query)
      expect(events.slice(from, to)).toEqual(scanned(query))
    }
  })
})
