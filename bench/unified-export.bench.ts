// A full export of the 10,000-user organization: the unified API at `limit=1000`, cursor after
// cursor, against plain sequential paging of the sandbox 100 at a time (whole records, as a naive
// client pages it), both with 50 ms added to every upstream call (the sandbox's `latencyMs`). The sandbox counts the calls in flight at its
// side, so the highest concurrency the link server reached is measured, not assumed. The link
// server is the built one on PostgreSQL. Then its memory: the peak RSS of a fresh link server
// exporting 1,000 users, against another exporting 10,000 (an export should not hold the
// organization in memory).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { USER_FIELDS } from '../packages/link-server/src/providers/jumpcloud/mappers/user.ts'
import { DEFAULT_DIRECTORY_CONCURRENCY } from '../packages/link-server/src/providers/provider.ts'
import { SCENARIO_KEYS } from '../packages/sandbox/src/index.ts'
import { buildPackages } from '../scripts/build-packages.mjs'
import { defineBenchmark, type Measurement } from './harness.ts'
import { createBenchSchema, startLinkServerOnPostgres } from './support/postgres.ts'
import {
  connectOrganization,
  organizationOf,
  sampleRss,
  startLinkServer,
  startSandboxProcess,
} from './support/processes.ts'
import { profileLinkServer } from './support/profiled-server.ts'
import { round } from './support/stats.ts'

const LATENCY_MS = 50
const USERS = 10_000
const RUNS = 2
/** The upstream pages of 100 an export of USERS needs: its work, whatever a server makes of it. */
const NEEDED_PAGES = Math.ceil(USERS / 100)
/** The sequential side's warm-up, before anything is timed: its first pages, one after another. */
const SEQUENTIAL_WARMUP_PAGES = 10
/**
 * The per-connection cap of upstream calls the link server is started with: its default
 * (LINK_DIRECTORY_CONCURRENCY unset), set here explicitly so the figure names what it checks.
 */
const CONFIGURED_CAP = DEFAULT_DIRECTORY_CONCURRENCY

export default defineBenchmark({
  name: 'unified-export',
  description: `Export of 10,000 users: unified API (limit=1000) vs sequential sandbox paging of 100, ${LATENCY_MS} ms upstream latency`,
  async run() {
    await buildPackages({ quiet: true })
    const sandbox = await startSandboxProcess({ latencyMs: LATENCY_MS })
    const dataDir = await mkdtemp(join(tmpdir(), 'jumplink-bench-export-'))
    const schema = await createBenchSchema()
    const env = {
      DATABASE_URL: schema.databaseUrl,
      LINK_LOG_LEVEL: 'warn',
      LINK_DIRECTORY_CONCURRENCY: String(CONFIGURED_CAP),
    }
    const server = await startLinkServer({
      dataDir,
      directoryUrl: sandbox.url,
      entry: 'built',
      env,
    })
    let stopped = false
    try {
      const organizationId = await organizationOf(sandbox.url, SCENARIO_KEYS.large)
      const token = await connectOrganization(server.url, SCENARIO_KEYS.large, organizationId)

      const unifiedExport = () => exportUsers(server.url, token)
      // What a naive client does: the sandbox's pages of 100 one after another, whole records (no
      // `fields`), as a plain client pages the directory.
      const sequentialPages = async (most = Number.POSITIVE_INFINITY) => {
        let records = 0
        let pages = 0
        for (let skip = 0; pages < most; skip += 100) {
          const response = await fetch(
            `${sandbox.url}/api/systemusers?sort=_id&skip=${skip}&limit=100`,
            {
              headers: {
                accept: 'application/json',
                'x-api-key': SCENARIO_KEYS.large,
                'x-org-id': organizationId,
              },
            },
          )
          const body = (await response.json()) as { results?: unknown[] }
          if (response.status !== 200 || !body.results) {
            throw new Error(`sequential export: ${response.status}`)
          }
          records += body.results.length
          pages++
          if (body.results.length < 100) break
        }
        return { records, pages }
      }
      const sequentialExport = () => sequentialPages()
      const timed = async <R extends { records: number; pages: number }>(
        work: () => Promise<R>,
      ) => {
        await sandbox.resetInFlight()
        const started = performance.now()
        const result = await work()
        const ms = performance.now() - started
        const counted = await sandbox.inFlight()
        if (result.records !== USERS) throw new Error(`exported ${result.records} users`)
        return { ...result, ms, maxInFlight: counted.max, upstreamCalls: counted.total }
      }

      // Warm-up: one whole export, so that every path an export takes (a first page, the pages
      // read ahead, the last one) is compiled before it is timed, as on a server that has been
      // running; one first page left the timed first run about 100 ms slower than the second.
      // Its last page reads nothing ahead, so no call of it is left to share the cap.
      const warmUp = await unifiedExport()
      if (warmUp.records !== USERS) throw new Error(`warm-up exported ${warmUp.records} users`)
      // The sequential side's warm-up: a few of its pages, so that neither side is timed cold.
      await sequentialPages(SEQUENTIAL_WARMUP_PAGES)
      const unified = []
      const sequential = []
      for (let run = 0; run < RUNS; run++) {
        unified.push(await timed(unifiedExport))
        sequential.push(await timed(sequentialExport))
      }
      const best = <T extends { ms: number }>(runs: T[]) =>
        runs.reduce((a, b) => (b.ms < a.ms ? b : a))
      const u = best(unified)
      const s = best(sequential)
      const maxInFlight = Math.max(...unified.map((r) => r.maxInFlight))
      const list = (runs: { ms: number }[]) => runs.map((r) => Math.round(r.ms)).join(', ')
      // The floor: the first request asks its first upstream page alone (its total says how
      // many more there are); from then on every later page is queued (the first request's
      // window, and the next window read ahead behind it, then each request reads the next
      // one ahead as it arrives), so at best the cap of 10 stays full until the last page. So:
      // one page, then the other pages ten at a time, each next one asked as one answers, at
      // the directory's own pace (measured below, as the caller sees it: the sandbox, like any
      // server, has its own work per page).
      // The pages the export needs (its work, not what the link server made of it): every later
      // page is counted from this number, so a wasted or retried call shows in the note and is
      // never part of the floor.
      const directory = await directoryPace(sandbox.url, organizationId, NEEDED_PAGES - 1)
      const floorMs = directory.onePageMs + directory.queueMs
      const bound = s.ms / floorMs
      const [firstMs = 0, ...laterMs] = u.requestMs
      const laterMean = laterMs.reduce((a, b) => a + b, 0) / Math.max(1, laterMs.length)
      const perCallMs = (directory.queueMs * CONFIGURED_CAP) / (NEEDED_PAGES - 1)
      const why = `The export needs ${NEEDED_PAGES} upstream pages of 100 (${USERS.toLocaleString('en-US')} users) and at most ${CONFIGURED_CAP} in flight; the link server made ${u.upstreamCalls} upstream calls in its best run. The first request asks its first page alone (its total says how many more there are); from then on the link server keeps the cap full: that request's other nine pages, the next request's ten read ahead behind them, and each request reads the one after it ahead as it arrives. The directory answers one page, asked straight from the sandbox exactly as the link server asks it (\`sort=_id\`, the \`fields\` its user mapper reads, \`skip\`, \`limit=100\`), in ${Math.round(directory.onePageMs)} ms here, and the other ${NEEDED_PAGES - 1} pages asked ${CONFIGURED_CAP} at a time, each next one as one answers, in ${Math.round(directory.queueMs)} ms (${round(perCallMs, 1)} ms a page per slot: the ${LATENCY_MS} ms of latency and the sandbox's own work, done on its one thread), so the export cannot take less than about ${Math.round(floorMs)} ms: at most ${round(bound, 2)}× the ${Math.round(s.ms)} ms of sequential paging (${round(s.pages / (1 + (NEEDED_PAGES - 1) / CONFIGURED_CAP), 2)}× only if every page came back in the ${LATENCY_MS} ms of latency alone). The two are not the same requests: sequential paging times what a naive client does, ${s.pages} calls for up to 100 whole records each (no \`fields\`; the last finds the end), one after another, while the floor and the link server ask for the projected pages. Here the first request took ${Math.round(firstMs)} ms (a page alone, then its window), the others ${Math.round(laterMean)} ms each on average: what is beyond the floor is the link server's and the caller's own CPU per 1000 records (its CPU profile is below), which on this machine's cores competes with the sandbox's and slows every page in flight, and on a machine busy with other work, the wait for a core.`
      await server.stop()
      stopped = true
      // Where the link server's time goes in an export: the same export, to a profiled server.
      const profile = await profileLinkServer(
        { dataDir, directoryUrl: sandbox.url, env },
        `one export of ${USERS.toLocaleString('en-US')} users, ${u.pages} requests of 1000`,
        async (url) => {
          const exported = await exportUsers(url, token)
          if (exported.records !== USERS) throw new Error(`exported ${exported.records} users`)
        },
      )
      const memory = await exportMemory()
      const measurements: Measurement[] = [
        {
          name: 'export through the unified API',
          value: Math.round(u.ms),
          unit: 'ms',
          note: `best of ${RUNS} (${list(unified)} ms) after a whole export as warm-up: ${u.pages} requests of 1000 (${u.requestMs.map((ms) => Math.round(ms)).join(', ')} ms); ${u.upstreamCalls} upstream calls counted at the sandbox (${unified.map((r) => r.upstreamCalls).join(', ')} in the runs) for the ${NEEDED_PAGES} pages of 100 the export needs`,
        },
        {
          name: 'export by sequential sandbox paging',
          value: Math.round(s.ms),
          unit: 'ms',
          note: `best of ${RUNS} (${list(sequential)} ms) after ${SEQUENTIAL_WARMUP_PAGES} pages as warm-up: ${s.pages} calls for up to 100 users each (the last finds the end), one after another, whole records (no \`fields\`), as a naive client pages the directory`,
        },
        {
          name: 'export speed-up, sequential / unified',
          value: round(s.ms / u.ms, 2),
          unit: '×',
          target: { min: 8 },
          why,
        },
        {
          name: 'most upstream calls in flight at once',
          value: maxInFlight,
          unit: 'calls',
          target: { max: CONFIGURED_CAP },
          note: `counted at the sandbox; the configured cap is ${CONFIGURED_CAP} per connection`,
        },
        {
          name: 'peak RSS exporting 1,000 users',
          value: round(memory.small, 1),
          unit: 'MiB',
          note: 'a fresh link server, one request of 1000',
        },
        {
          name: 'peak RSS exporting 10,000 users',
          value: round(memory.large, 1),
          unit: 'MiB',
          note: 'a fresh link server, ten requests of 1000 one after another',
        },
        {
          name: 'peak RSS ratio, 10,000 / 1,000 users',
          value: round(memory.large / memory.small, 2),
          unit: '×',
          target: { max: 1.3 },
          why: `A request writes its page upstream page by upstream page, but holds its window's upstream pages (asked for at once) and the next window read ahead (${round(memory.large - memory.small, 1)} MiB more at the peak for ten pages than for one): that, and what the garbage collector has not yet returned from earlier pages.`,
        },
      ]
      return { measurements, profile }
    } finally {
      if (!stopped) await server.stop()
      await sandbox.stop()
      await rm(dataDir, { recursive: true, force: true })
      await schema.drop()
    }
  },
})

/** Follows `next_cursor` at `limit=1000` until the last page; the records and requests made. */
async function exportUsers(url: string, token: string) {
  let cursor: string | null = null
  let records = 0
  let pages = 0
  /** Each request, from sending it to the end of its body. */
  const requestMs: number[] = []
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
    const started = performance.now()
    const response = await fetch(`${url}/v1/unified/user-directory/users?limit=1000${query}`, {
      headers: { authorization: `Bearer ${token}` },
    })
    const body = (await response.json()) as { result?: unknown[]; next_cursor?: string }
    if (response.status !== 200 || !body.result) {
      throw new Error(`unified export: ${response.status} ${JSON.stringify(body).slice(0, 300)}`)
    }
    requestMs.push(performance.now() - started)
    records += body.result.length
    pages++
    cursor = body.next_cursor ?? null
  } while (cursor)
  return { records, pages, requestMs }
}

/**
 * The link server's peak RSS over a whole export of the large organization at 1,000 users, then
 * at 10,000: each a fresh sandbox (no added latency) and a fresh link server on PostgreSQL.
 */
async function exportMemory(): Promise<{ small: number; large: number }> {
  const peakFor = async (users: number) => {
    const sandbox = await startSandboxProcess({ largeUsers: users })
    const server = await startLinkServerOnPostgres({ directoryUrl: sandbox.url })
    try {
      const organizationId = await organizationOf(sandbox.url, SCENARIO_KEYS.large)
      const token = await connectOrganization(server.url, SCENARIO_KEYS.large, organizationId)
      const sampler = sampleRss(server.pid, 10)
      const exported = await exportUsers(server.url, token)
      const peak = await sampler.stop()
      if (exported.records !== users) throw new Error(`exported ${exported.records} users`)
      return peak
    } finally {
      await server.stop()
      await sandbox.stop()
    }
  }
  const small = await peakFor(1_000)
  const large = await peakFor(USERS)
  return { small, large }
}

/**
 * How long the directory takes to answer one page of 100, and `pages` more asked
 * `CONFIGURED_CAP` at a time, each next one as soon as one answers (a full cap, never idle),
 * asked as the link server asks them (`sort=_id`, the `fields` its user mapper reads), as a
 * caller sees them: the fastest of 5 (the export's figure is a best run too), straight from the
 * sandbox, with the link server idle.
 */
async function directoryPace(sandboxUrl: string, organizationId: string, pages: number) {
  const page = async (skip: number) => {
    const query = new URLSearchParams({
      sort: '_id',
      fields: USER_FIELDS.join(' '),
      skip: String(skip),
      limit: '100',
    })
    const response = await fetch(`${sandboxUrl}/api/systemusers?${query}`, {
      headers: {
        accept: 'application/json',
        'x-api-key': SCENARIO_KEYS.large,
        'x-org-id': organizationId,
      },
    })
    await response.arrayBuffer()
  }
  const one: number[] = []
  const queue: number[] = []
  for (let round = 0; round < 5; round++) {
    let started = performance.now()
    await page(0)
    one.push(performance.now() - started)
    started = performance.now()
    let next = 1
    const slot = async () => {
      while (next <= pages) await page(next++ * 100)
    }
    await Promise.all(Array.from({ length: CONFIGURED_CAP }, slot))
    queue.push(performance.now() - started)
  }
  return { onePageMs: Math.min(...one), queueMs: Math.min(...queue) }
}
