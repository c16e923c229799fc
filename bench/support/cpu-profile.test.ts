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

  it('counts the time in and below each named stage, each sample once', () => {
    const proxy = 'file:///r/bench/support/mapping-proxy.ts'
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', ''), children: [2, 6, 7] },
        { id: 2, callFrame: frame('handle', proxy), children: [3, 4] },
        { id: 3, callFrame: frame('parsePage', proxy) },
        { id: 4, callFrame: frame('mapPage', proxy), children: [5] },
        { id: 5, callFrame: frame('mapUser', 'file:///r/packages/link-server/src/user.ts') },
        { id: 6, callFrame: frame('(garbage collector)', '') },
        { id: 7, callFrame: frame('(idle)', '') },
      ],
      startTime: 0,
      endTime: 10_000,
      samples: [2, 3, 3, 4, 5, 5, 5, 6, 7],
      timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 2000],
    }
    const summary = summariseProfile(profile, 'test calls', 3, undefined, {
      stages: {
        'JSON.parse': ['parsePage'],
        mapUser: ['mapPage'],
        'JSON.stringify': ['stringifyPage'],
        GC: ['(garbage collector)', 'notSampled'],
      },
    })
    expect(summary.busyMs).toBe(8)
    expect(summary.stages).toEqual([
      { stage: 'JSON.parse', ms: 2 },
      { stage: 'mapUser', ms: 4 },
      { stage: 'JSON.stringify', ms: 0 },
      { stage: 'GC', ms: 1 },
    ])
    expect(summariseProfile(profile, 'no stages').stages).toBeUndefined()
  })

  it('counts the busy time before the process served as its start-up', () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', ''), children: [2, 3] },
        { id: 2, callFrame: frame('compile', 'node:internal/modules') },
        { id: 3, callFrame: frame('(idle)', '') },
      ],
      startTime: 1_000_000,
      endTime: 1_010_000,
      samples: [2, 3, 2, 2, 3],
      timeDeltas: [1000, 3000, 1000, 1000, 4000],
    }
    // Samples at 1,001,000 (busy), 1,004,000 (idle), 1,005,000 (busy), then 1,006,000 (busy).
    const at = (servingFrom: number) =>
      summariseProfile(profile, 'test', 3, undefined, { servingFrom }).startUpMs
    expect(at(1_005_000)).toBe(2)
    expect(at(1_004_500)).toBe(1)
    expect(at(999_000)).toBeUndefined()
    expect(at(1_020_000)).toBeUndefined()
    expect(summariseProfile(profile, 'test').startUpMs).toBeUndefined()
  })

  it('names scoped packages by scope and name', () => {
    expect(
      areaOf(frame('x', 'file:///r/node_modules/.pnpm/a/node_modules/@hono/node-server/i.js')),
    ).toBe('@hono/node-server')
    expect(areaOf(frame('(garbage collector)', ''))).toBe('garbage collector')
    expect(areaOf(frame('parsePage', 'file:///r/bench/support/mapping-proxy.ts'))).toBe(
      'bench/support/mapping-proxy.ts',
    )
    expect(areaOf(frame('count', 'file:///r/packages/sandbox/bench/counted-server.ts'))).toBe(
      'packages/sandbox/bench/counted-server.ts',
    )
  })
})
