import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ProfileSummary } from './cpu-profile.ts'
import { floorWorkAmong, honoJsonLine, pageCpu } from './page-cpu.ts'

const summary = (busyMs: number, startUpMs?: number): ProfileSummary => ({
  what: 'test pages',
  wallMs: 10_000,
  busyMs,
  areas: [],
  ...(startUpMs === undefined ? {} : { startUpMs }),
})

describe('pageCpu', () => {
  it('leaves the start-up out and divides by the pages served after it', () => {
    const cpu = pageCpu(summary(2400, 300), 700, '100 one at a time, then 600')
    expect(cpu.perPage).toBe(3)
    expect(cpu.startUpMs).toBe(300)
    expect(cpu.how).toBe(
      '(2400 ms busy − 300 ms of start-up, busy before it was ready to serve) / 700 pages served after it (100 one at a time, then 600)',
    )
  })

  it('says the start-up is in the figure when the profile did not locate it', () => {
    const cpu = pageCpu(summary(2100), 700, 'all')
    expect(cpu.perPage).toBe(3)
    expect(cpu.startUpMs).toBeUndefined()
    expect(cpu.how).toContain('could not be located in the profile, so it is in the figure')
  })
})

describe('floorWorkAmong', () => {
  it("names the parse and hono's stringify only where they are among the functions", () => {
    const names = [
      'json (http.ts:361)',
      '(anonymous) (context.js:336)',
      '(anonymous) (context.js:199)',
      'mapUser (user.ts:133)',
    ]
    expect(floorWorkAmong(names, 336)).toEqual([
      {
        name: 'json (http.ts:361)',
        what: "the directory client's JSON.parse of the upstream page",
      },
      {
        name: '(anonymous) (context.js:336)',
        what: "hono's c.json, its JSON.stringify of the response",
      },
    ])
    expect(floorWorkAmong(['mapUser (user.ts:133)', 'isoTimestamp (common.ts:65)'], 336)).toEqual(
      [],
    )
    expect(floorWorkAmong(['(anonymous) (context.js:336)'], undefined)).toEqual([])
  })
})

describe('honoJsonLine', () => {
  it("finds the line of hono's c.json, or says it did not", async () => {
    const root = await mkdtemp(join(tmpdir(), 'jumplink-page-cpu-'))
    try {
      expect(honoJsonLine(root)).toBeUndefined()
      const dist = join(root, 'packages', 'link-server', 'node_modules', 'hono', 'dist')
      await mkdir(dist, { recursive: true })
      await writeFile(
        join(dist, 'context.js'),
        'class Context {\n  body = 1\n\tjson = (object, arg) => {\n',
      )
      expect(honoJsonLine(root)).toBe(3)
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})
