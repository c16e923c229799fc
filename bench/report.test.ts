import { describe, expect, it } from 'vitest'
import { type BenchReport, formatValue, renderMarkdown } from './report.ts'

const report: BenchReport = {
  ran_at: '2026-01-01T00:00:00.000Z',
  machine: { node: 'v20.19.0', cpu: '2 × Test CPU' },
  results: [
    {
      benchmark: 'unified-page',
      file: 'bench/unified-page.bench.ts',
      measurements: [
        {
          name: 'added latency, p50',
          value: 2.25,
          unit: 'ms',
          target: { max: 1.5 },
          note: 'p50 a | b',
          why: 'two upstream calls',
        },
        { name: 'throughput ratio', value: 0.75, unit: '×', target: { min: 0.5 } },
        { name: 'direct', value: 1234, unit: 'req/s' },
      ],
      profile: {
        what: '600 pages',
        wallMs: 5000,
        busyMs: 4000,
        areas: [
          {
            area: 'hono',
            selfMs: 3000,
            share: 75,
            top: [{ name: 'json (context.js:1)', selfMs: 2900 }],
          },
          { area: 'pino', selfMs: 1, share: 0.1, top: [] },
        ],
      },
    },
  ],
  failures: [{ benchmark: 'broken', file: 'bench/broken.bench.ts', error: 'boom' }],
}

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(report)

  it("keeps a benchmark's CPU profile: areas worth half a percent or more, with their functions", () => {
    expect(markdown).toContain(
      'Where the CPU time of the link server (built) went (`node --cpu-prof`, 600 pages): 4,000 ms busy in 5,000 ms',
    )
    expect(markdown).toContain('| hono | 3,000 ms | 75 % | json (context.js:1) 2,900 ms |')
    expect(markdown).not.toContain('| pino |')
  })

  it('renders several named profiles of one benchmark, one table each, with their stages', () => {
    const area = (name: string, selfMs: number) => ({ area: name, selfMs, share: 50, top: [] })
    const named = renderMarkdown({
      ...report,
      results: [
        {
          benchmark: 'unified-page',
          file: 'bench/unified-page.bench.ts',
          measurements: [],
          profiles: [
            {
              title: 'the link server (built)',
              summary: {
                what: '700 pages',
                wallMs: 9000,
                busyMs: 2000,
                areas: [area('hono', 1000)],
              },
            },
            {
              title: 'the floor',
              summary: {
                what: '700 pages',
                wallMs: 8000,
                busyMs: 1000,
                startUpMs: 250,
                areas: [area('undici', 500)],
                stages: [
                  { stage: 'JSON.parse', ms: 200 },
                  { stage: 'mapUser', ms: 100.5 },
                ],
              },
            },
          ],
        },
      ],
    })
    const linkServer = named.indexOf('Where the CPU time of the link server (built) went')
    const floor = named.indexOf(
      'Where the CPU time of the floor went (`node --cpu-prof`, 700 pages)',
    )
    expect(linkServer).toBeGreaterThan(0)
    expect(floor).toBeGreaterThan(linkServer)
    expect(named.indexOf('| hono | 1,000 ms | 50 % |  |')).toBeGreaterThan(linkServer)
    expect(named.indexOf('| undici | 500 ms | 50 % |  |')).toBeGreaterThan(floor)
    expect(named.match(/\| area \| self time \|/g)).toHaveLength(2)
    expect(named).toContain(
      'By stage, the time in and below each: JSON.parse 200 ms; mapUser 100.5 ms; the rest of the busy time, 699.5 ms, outside them.',
    )
    expect(named.match(/By stage/g)).toHaveLength(1)
    expect(named).toContain(
      '1,000 ms busy in 8,000 ms, 250 ms of it start-up (before it was ready to serve). Self time',
    )
    expect(named).toContain('2,000 ms busy in 9,000 ms. Self time')
  })

  it("says how unified-page's throughput calls reach the directory", () => {
    const method = markdown.slice(markdown.indexOf('- **unified-page.**'))
    expect(method).toMatch(
      /each\s+unified\s+call\s+on\s+the\s+next\s+of\s+8\s+connections\s+of\s+the\s+organization/,
    )
    expect(method).toMatch(/floor\s+proxy\s+making\s+one\s+upstream\s+call\s+per\s+page/)
    expect(method).toMatch(/busy time less its start-up/)
  })

  it('puts every target beside its figure, met or missed', () => {
    expect(markdown).toContain(
      '| unified-page | added latency, p50 | 2.25 ms | ≤ 1.5 ms | **missed** |',
    )
    expect(markdown).toContain('| unified-page | throughput ratio | 0.75 × | ≥ 0.5 × | met |')
    expect(markdown).toContain('1 of 2 targets missed')
  })

  it('says why a target was missed, and never hides a failed benchmark', () => {
    expect(markdown).toContain('- **added latency, p50: target missed.** two upstream calls')
    expect(markdown).not.toContain('throughput ratio: target missed')
    expect(markdown).toContain('**broken** (`bench/broken.bench.ts`) failed: `boom`')
  })

  it('warns when the machine was busier than its cores, and only then', () => {
    expect(markdown).not.toContain('busy machine')
    const busy = { ...report, machine: { cores: 2, load_average_1m_at_start: 9.5 } }
    expect(renderMarkdown(busy)).toContain('load average 9.5 on 2 cores')
  })

  it('keeps figures without a target, the machine, and notes with pipes escaped', () => {
    expect(markdown).toContain('| direct | 1,234 req/s |  |  |  |')
    expect(markdown).toContain('| cpu | 2 × Test CPU |')
    expect(markdown).toContain('p50 a \\| b')
  })
})

describe('formatValue', () => {
  it('groups thousands and keeps at most two decimals', () => {
    expect(formatValue(12345)).toBe('12,345')
    expect(formatValue(1.23456)).toBe('1.23')
    expect(formatValue(Number.NaN)).toBe('NaN')
  })
})
