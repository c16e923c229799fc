import { describe, expect, it } from 'vitest'
import { areaOf, type CpuProfile, summariseProfile } from './cpu-profile.ts'

const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 9 })

describe('summariseProfile', () => {
  it('sums self time by area, leaves idle out, and names the costliest functions', () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', '') },
        { id: 2, callFrame: frame('(idle)', '') },
        { id: 3, callFrame: frame('mapUser', 'file:///r/packages/link-server/dist/chunk-A.js') },
        { id: 4, callFrame: frame('json', 'file:///r/node_modules/hono/dist/context.js') },
        { id: 5, callFrame: frame('parse', 'node:internal/deps/undici') },
      ],
      startTime: 0,
      endTime: 10_000,
      samples: [2, 3, 3, 4, 5, 2],
      timeDeltas: [4000, 1000, 1000, 1000, 1000, 2000],
    }
    const summary = summariseProfile(profile, 'test calls')
    expect(summary.busyMs).toBe(4)
    expect(summary.wallMs).toBe(10)
    expect(summary.areas.map((a) => [a.area, a.selfMs, a.share])).toEqual([
      ['link server', 2, 50],
      ['hono', 1, 25],
      ['Node.js internals', 1, 25],
    ])
    expect(summary.areas[0]?.top).toEqual([{ name: 'mapUser (chunk-A.js:10)', selfMs: 2 }])
  })

  it('names scoped packages by scope and name', () => {
    expect(
      areaOf(frame('x', 'file:///r/node_modules/.pnpm/a/node_modules/@hono/node-server/i.js')),
    ).toBe('@hono/node-server')
    expect(areaOf(frame('(garbage collector)', ''))).toBe('garbage collector')
  })
})
