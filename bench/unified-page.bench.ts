// A page of 100 users through the unified API against the same page straight from the sandbox.
// Three processes on loopback: this one (the host backend, making the calls), the link server
// (the built `dist/server.js`, on PostgreSQL through DATABASE_URL, as production runs it) and the
// sandbox JumpCloud. Direct calls ask the
// sandbox exactly what the link server asks it for the first page (`sort=_id`, `fields` naming
// the fields its user mapper reads, `skip=0&limit=100`, key and x-org-id), from the 10,000-user
// organization: both sides receive and parse the same projected page.
// A fourth process is the floor (`support/mapping-proxy.ts`): a bare node:http proxy making the
// same upstream call and doing only what any server that maps the page must (parse, mapUser per
// record, write the JSON), and, apart, passing the bytes on unmapped; its figures carry no target
// and say how much of what the link server adds any mapping server would add too.
// Latency: one call at a time, the four ways interleaved in rounds. Throughput: 8 at a time,
// each unified call on the next of 8 connections of the same organization (8 host customers at
// once): identical reads of one connection in flight share one upstream call, and 8 callers of
// one page through one connection would measure that sharing, not the server's work per page.
// Then a second link server, started with `--cpu-prof`, serves the same calls, and so does a second
// floor proxy started with `--cpu-prof`: where each one's CPU time goes, and its CPU per page, are
// reported beside the figures and explain the missed targets (the profiled processes are not the
// timed ones).
import { mkdtemp, rm } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { USER_FIELDS } from '../packages/link-server/src/providers/jumpcloud/mappers/user.ts'
import { SCENARIO_KEYS } from '../packages/sandbox/src/index.ts'
import { buildPackages } from '../scripts/build-packages.mjs'
import { defineBenchmark, type Measurement } from './harness.ts'
import {
  type ProfileSummary,
  readProfile,
  sourceMapped,
  summariseProfile,
} from './support/cpu-profile.ts'
import { floorWorkAmong, honoJsonLine, type PageCpu, pageCpu } from './support/page-cpu.ts'
import { createBenchSchema } from './support/postgres.ts'
import {
  connectOrganization,
  organizationOf,
  startLinkServer,
  startMappingProxy,
  startSandboxProcess,
} from './support/processes.ts'
import { percentile, round, runLoad } from './support/stats.ts'

const ROOT = join(import.meta.dirname, '..')
const WARMUP = 100
const ROUNDS = 3
/** Per round and per way: 3 × 150 = 450 timed calls each way. */
const SEQUENTIAL_PER_ROUND = 150
const THROUGHPUT_PER_ROUND = 200
const CONCURRENCY = 8
/** The query the link server sends for the first page of `?limit=100` (no remote data). */
const DIRECT_QUERY = new URLSearchParams({
  sort: '_id',
  fields: USER_FIELDS.join(' '),
  skip: '0',
  limit: '100',
}).toString()

export default defineBenchmark({
  name: 'unified-page',
  description:
    'A page of 100 users: unified API through the link server vs straight from the sandbox (loopback, separate processes)',
  async run() {
    await buildPackages({ quiet: true })
    const sandbox = await startSandboxProcess()
    const dataDir = await mkdtemp(join(tmpdir(), 'jumplink-bench-page-'))
    const schema = await createBenchSchema()
    const env = { DATABASE_URL: schema.databaseUrl, LINK_LOG_LEVEL: 'warn' }
    const server = await startLinkServer({
      dataDir,
      directoryUrl: sandbox.url,
      entry: 'built',
      env,
    })
    let stopped = false
    let stopFloor = async () => {}
    try {
      const organizationId = await organizationOf(sandbox.url, SCENARIO_KEYS.large)
      const tokens: string[] = []
      for (let i = 0; i < CONCURRENCY; i++) {
        tokens.push(await connectOrganization(server.url, SCENARIO_KEYS.large, organizationId))
      }

      let calls = 0
      /** Each call on the next connection: at 8 at a time, 8 connections with one call each. */
      const nextToken = () => tokens[calls++ % tokens.length] as string
      const direct = async () => {
        const response = await fetch(`${sandbox.url}/api/systemusers?${DIRECT_QUERY}`, {
          headers: {
            accept: 'application/json',
            'x-api-key': SCENARIO_KEYS.large,
            'x-org-id': organizationId,
          },
        })
        const body = (await response.json()) as { results?: unknown[] }
        if (response.status !== 200 || body.results?.length !== 100) {
          throw new Error(`direct page: ${response.status}`)
        }
      }
      const unified = async () => {
        const response = await fetch(`${server.url}/v1/unified/user-directory/users?limit=100`, {
          headers: { authorization: `Bearer ${nextToken()}` },
        })
        const body = (await response.json()) as { result?: unknown[] }
        if (response.status !== 200 || body.result?.length !== 100) {
          throw new Error(`unified page: ${response.status} ${JSON.stringify(body).slice(0, 300)}`)
        }
      }

      // The link server's second upstream call for a page of users: the admins, for roles.
      const admins = async () => {
        const response = await fetch(`${sandbox.url}/api/users?skip=0&limit=100`, {
          headers: {
            accept: 'application/json',
            'x-api-key': SCENARIO_KEYS.large,
            'x-org-id': organizationId,
          },
        })
        await response.arrayBuffer()
        if (response.status !== 200) throw new Error(`admins: ${response.status}`)
      }

      // The floor: a bare node:http proxy in its own process making the same upstream call and
      // doing only the unavoidable work (`support/mapping-proxy.ts`): mapping at /users, passing
      // the bytes on at /bytes. Its calls check what the link server's do.
      const floorProxy = await startMappingProxy({
        sandboxUrl: sandbox.url,
        apiKey: SCENARIO_KEYS.large,
        organizationId,
      })
      stopFloor = floorProxy.stop
      const proxied = (path: string, field: 'result' | 'results') => async () => {
        const response = await fetch(`${floorProxy.url}${path}`)
        const body = (await response.json()) as Record<string, unknown[] | undefined>
        if (response.status !== 200 || body[field]?.length !== 100) {
          throw new Error(`floor ${path}: ${response.status}`)
        }
      }
      const ways = {
        direct,
        unified,
        floor: proxied('/users', 'result'),
        bytes: proxied('/bytes', 'results'),
      }
      type Way = keyof typeof ways
      const names = Object.keys(ways) as Way[]

      await runLoad({ total: WARMUP, concurrency: 1, request: admins })
      for (const way of names) await runLoad({ total: WARMUP, concurrency: 1, request: ways[way] })

      const adminCalls = await runLoad({ total: 100, concurrency: 1, request: admins })
      const latency = { direct: [], unified: [], floor: [], bytes: [] } as Record<Way, number[]>
      const elapsed = { direct: 0, unified: 0, floor: 0, bytes: 0 } as Record<Way, number>
      // Calls the sandbox answered during each way's throughput runs: one per page, each way,
      // unless calls of one connection met in flight (they would share a read).
      const upstreamCalls = { direct: 0, unified: 0, floor: 0, bytes: 0 } as Record<Way, number>
      for (let round = 0; round < ROUNDS; round++) {
        for (const way of names) {
          const r = await runLoad({
            total: SEQUENTIAL_PER_ROUND,
            concurrency: 1,
            request: ways[way],
          })
          latency[way].push(...r.durations)
        }
      }
      for (let round = 0; round < ROUNDS; round++) {
        for (const way of names) {
          await sandbox.resetInFlight()
          const r = await runLoad({
            total: THROUGHPUT_PER_ROUND,
            concurrency: CONCURRENCY,
            request: ways[way],
          })
          elapsed[way] += r.elapsedMs
          upstreamCalls[way] += (await sandbox.inFlight()).total
        }
      }
      await floorProxy.stop()

      const throughputCalls = ROUNDS * THROUGHPUT_PER_ROUND
      const rps = (way: Way) => (throughputCalls / elapsed[way]) * 1000
      const ratio = (way: Way) => round(rps(way) / rps('direct'), 2)
      const p = (way: Way, q: number) => percentile(latency[way], q)
      const added = (way: Way, q: number) => round(p(way, q) - p('direct', q), 2)
      const timed = ROUNDS * SEQUENTIAL_PER_ROUND
      const adminP50 = round(percentile(adminCalls.durations, 50), 2)
      await server.stop()
      stopped = true
      // The same calls to a profiled server: where the link server's own time goes.
      const profile = await profileUnifiedPages({ dataDir, sandboxUrl: sandbox.url, env, tokens })
      // And a floor proxy started with `--cpu-prof`, serving the same calls: where the floor's is.
      const floorProfile = await profileFloorPages({
        sandboxUrl: sandbox.url,
        apiKey: SCENARIO_KEYS.large,
        organizationId,
      })
      const perPage = (ms: number) => round(ms / PROFILED_PAGES, 3)
      // CPU per page: each process's busy time less its start-up, over the pages it served after
      // it (all PROFILED_PAGES: the start-up ends when the process is ready, before the first).
      const ours = pageCpu(profile, PROFILED_PAGES, PROFILED_WHICH)
      const floor = pageCpu(floorProfile, PROFILED_PAGES, PROFILED_WHICH)
      const ourCpu = ours.perPage
      const floorCpu = floor.perPage
      const floorArea = (area: string) =>
        floorProfile.areas.find((a) => a.area === area)?.selfMs ?? 0
      const floorParts = [
        ...(floorProfile.stages ?? []).map((s) => ({ part: s.stage, ms: s.ms })),
        { part: 'undici', ms: floorArea('undici') },
        { part: 'garbage collector', ms: floorArea('garbage collector') },
      ]
      const floorRest =
        floorProfile.busyMs - (floor.startUpMs ?? 0) - floorParts.reduce((sum, p) => sum + p.ms, 0)
      const floorBreakdown = [...floorParts, { part: 'the rest', ms: floorRest }]
        .map((p) => `${p.part} ${perPage(p.ms)}`)
        .join(', ')
      const startUp = (cpu: PageCpu, who: string, what: string) =>
        cpu.startUpMs === undefined
          ? `${who} start-up (${what}) could not be located in its profile, so its figure includes it`
          : `${who} start-up (${what}), ${cpu.startUpMs} ms busy before it was ready to serve, is left out`
      const FLOOR_START = "Node, tsx compiling its TypeScript, the admins' read"
      const OUR_START = 'Node, its bundle, the database pool, the health checks'
      const CPU_COUNTED = `a process's busy CPU time less its start-up, over the ${PROFILED_PAGES} pages it served after it (${PROFILED_WHICH}), its exit included`
      const cpuWhy = `Where the floor is, from the two CPU profiles of this run (below), per page, counting ${CPU_COUNTED}: the floor spends ${floorCpu} ms of CPU (${floorBreakdown} ms, the rest being node:http's request parsing, the event loop and its exit; undici and the garbage collector are counted whole, start-up too), the link server ${ourCpu} ms (${round(ourCpu / floorCpu, 2)}× the floor); the difference, ${round(ourCpu - floorCpu, 3)} ms a page, is the link server's own work. Start-up differs in kind and is apart: the ${startUp(floor, "floor's", FLOOR_START)}; the ${startUp(ours, "link server's", OUR_START)}. The link server's pages include the first call on each of its ${CONCURRENCY} connections, which reads the organization's admins (kept a minute).`
      const top = profile.areas
        .slice(0, 4)
        .map((a) => `${a.area} ${a.share} %`)
        .join(', ')
      const FLOOR =
        'a bare node:http proxy in a process of its own (bench/support/mapping-proxy.ts) making ' +
        'the same upstream call, parsing the page, mapping each record with the same mapUser and ' +
        'writing the JSON, and nothing else (no framework, token, stored connection, credential, ' +
        'cursor, log or metrics)'
      const costliestFunctions = profile.areas
        .flatMap((a) => a.top)
        .sort((a, b) => b.selfMs - a.selfMs)
        .slice(0, 3)
      const costliest = costliestFunctions.map((f) => `${f.name} ${f.selfMs} ms`).join(', ')
      const shared = floorWorkAmong(
        costliestFunctions.map((f) => f.name),
        honoJsonLine(ROOT),
      )
      const sharedSaid =
        shared.length === 0
          ? 'none of them is the parse of the page or the JSON of the response'
          : `${shared.map((f) => `${f.name} is ${f.what}`).join(', and ')}: work the floor has too`
      const ownWork = `the link server's own work per request around the mapping. By its code path, beyond the floor it runs its middleware (request id, metrics, drain, request log, response headers), reads the integration token and the connection's row, validates the query, decrypts the credential, seals the cursor, passes the directory client's cap and timeout and builds hono's Response. Measured, its CPU profile (below) by area: ${top}; its costliest functions: ${costliest}; ${sharedSaid}. Per page it makes the one upstream call a direct caller makes (the organization's admins, /api/users at ${adminP50} ms p50 straight from the sandbox, are read once a minute per connection, not per page)`
      /** `behind`: how far ours is from the floor, in the figure's worse direction (> 0: worse). */
      const rest = (behind: number, gap: string, unit: string) =>
        behind > 0
          ? `${gap}, ${round(behind, 2)}${unit}, is ${ownWork}.`
          : `as good as the floor in this run. Beyond the floor's work is ${ownWork}.`
      const floorMisses = (met: boolean, target: string) =>
        met ? '' : ` The floor alone misses the target of ${target} on this machine.`
      const latencyWhy = (q: number, max: number) =>
        `The floor of any server that maps the page is ${added('floor', q)} ms added at p${q}, measured in this run: ${FLOOR}; ${added('bytes', q)} ms of it is the hop alone (the same proxy passing the sandbox's bytes on). Ours is ${added('unified', q)} ms; ${rest(added('unified', q) - added('floor', q), 'the rest', ' ms')}${floorMisses(added('floor', q) <= max, `${max} ms`)} ${cpuWhy}`
      const ratioWhy = (min: number) =>
        `The floor of any server that maps the page is ${ratio('floor')}× the direct rate (${round(rps('floor'), 0)} against ${round(rps('direct'), 0)} req/s), measured in this run: ${FLOOR}; passing the bytes on alone, ${ratio('bytes')}×. Ours is ${ratio('unified')}×; ${rest(ratio('floor') - ratio('unified'), 'the gap to the floor', '×')} With ${CONCURRENCY} calls at a time on this machine's ${availableParallelism()} cores, the server, the sandbox and the caller share the CPU, so each page's CPU beyond the sandbox's sets the rate; and one server process runs its JavaScript on one thread, so one process serves at most 1 s ÷ its CPU per page: ${round(1000 / ourCpu, 0)} req/s for the link server at ${ourCpu} ms, ${round(1000 / floorCpu, 0)} req/s for the floor at ${floorCpu} ms (from the profiles below), against the ${round(rps('direct'), 0)} req/s of the direct calls, which ${round(0.6 * rps('direct'), 0)} req/s (0.6×) would need.${floorMisses(ratio('floor') >= min, `${min}×`)} ${cpuWhy}`
      const measurements: Measurement[] = [
        {
          name: 'added latency, p50',
          value: added('unified', 50),
          unit: 'ms',
          target: { max: 1.0 },
          why: latencyWhy(50, 1.0),
          note: `p50 unified ${round(p('unified', 50), 2)} ms, direct ${round(p('direct', 50), 2)} ms; ${timed} sequential calls each way after ${WARMUP} warm-up calls`,
        },
        {
          name: 'added latency, p99',
          value: added('unified', 99),
          unit: 'ms',
          target: { max: 3 },
          why: latencyWhy(99, 3),
          note: `p99 unified ${round(p('unified', 99), 2)} ms, direct ${round(p('direct', 99), 2)} ms`,
        },
        {
          name: 'throughput, direct from the sandbox',
          value: round(rps('direct'), 0),
          unit: 'req/s',
          note: `${throughputCalls} calls, ${CONCURRENCY} at a time`,
        },
        {
          name: 'throughput, through the unified API',
          value: round(rps('unified'), 0),
          unit: 'req/s',
          note: `${throughputCalls} calls, ${CONCURRENCY} at a time, each on the next of ${tokens.length} connections; ${upstreamCalls.unified} upstream calls`,
        },
        {
          name: 'throughput ratio, unified / direct',
          value: ratio('unified'),
          unit: '×',
          target: { min: 0.6 },
          why: ratioWhy(0.6),
        },
        {
          name: 'floor: added latency, p50, of a bare mapping proxy',
          value: added('floor', 50),
          unit: 'ms',
          note: `p50 ${round(p('floor', 50), 2)} ms; passing the bytes on alone adds ${added('bytes', 50)} ms; same rounds as above`,
        },
        {
          name: 'floor: added latency, p99, of a bare mapping proxy',
          value: added('floor', 99),
          unit: 'ms',
          note: `p99 ${round(p('floor', 99), 2)} ms; passing the bytes on alone adds ${added('bytes', 99)} ms`,
        },
        {
          name: 'floor: throughput ratio, bare mapping proxy / direct',
          value: ratio('floor'),
          unit: '×',
          note: `${round(rps('floor'), 0)} req/s, ${CONCURRENCY} at a time, ${upstreamCalls.floor} upstream calls; passing the bytes on alone ${ratio('bytes')}× (${round(rps('bytes'), 0)} req/s, ${upstreamCalls.bytes} upstream calls)`,
        },
        {
          name: 'CPU per page, link server (profiled)',
          value: ourCpu,
          unit: 'ms',
          note: `${ours.how}; its start-up: ${OUR_START}`,
        },
        {
          name: 'floor: CPU per page, bare mapping proxy (profiled)',
          value: floorCpu,
          unit: 'ms',
          note: `${floor.how}, counted alike; its start-up: ${FLOOR_START}; per page, ${floorBreakdown} ms`,
        },
      ]
      return {
        measurements,
        profiles: [
          { title: 'the link server (built)', summary: profile },
          { title: 'the floor (bench/support/mapping-proxy.ts, under tsx)', summary: floorProfile },
        ],
      }
    } finally {
      if (!stopped) await server.stop()
      await stopFloor()
      await sandbox.stop()
      await rm(dataDir, { recursive: true, force: true })
      await schema.drop()
    }
  },
})

const PROFILED_CALLS = 600
/** Every page a profiled process serves: the warm-up, then the profiled calls. */
const PROFILED_PAGES = WARMUP + PROFILED_CALLS
/** Which pages a profiled process serves after its start-up. */
const PROFILED_WHICH = `the ${WARMUP} warm-up calls one at a time, then ${PROFILED_CALLS} ${CONCURRENCY} at a time`
const PROFILED_WHAT = `${WARMUP} warm-up calls, then ${PROFILED_CALLS} pages of 100 users, ${CONCURRENCY} at a time`

/** What both profiled processes serve: the warm-up one at a time, then the profiled calls. */
async function profiledLoad(request: () => Promise<void>): Promise<void> {
  await runLoad({ total: WARMUP, concurrency: 1, request })
  await runLoad({ total: PROFILED_CALLS, concurrency: CONCURRENCY, request })
}

/**
 * A link server on the same folder and database, started with `--cpu-prof`, serves warm-up calls
 * and then PROFILED_CALLS pages, 8 at a time; its profile is written when it exits.
 */
async function profileUnifiedPages(options: {
  dataDir: string
  sandboxUrl: string
  env: Record<string, string>
  tokens: string[]
}): Promise<ProfileSummary> {
  const profileDir = await mkdtemp(join(tmpdir(), 'jumplink-bench-profile-'))
  try {
    const server = await startLinkServer({
      dataDir: options.dataDir,
      directoryUrl: options.sandboxUrl,
      entry: 'built',
      env: options.env,
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
    })
    const servingFrom = profileClock()
    try {
      let calls = 0
      const unified = async () => {
        const token = options.tokens[calls++ % options.tokens.length]
        const response = await fetch(`${server.url}/v1/unified/user-directory/users?limit=100`, {
          headers: { authorization: `Bearer ${token}` },
        })
        await response.arrayBuffer()
        if (response.status !== 200) throw new Error(`profiled page: ${response.status}`)
      }
      await profiledLoad(unified)
    } finally {
      await server.stop()
    }
    return summariseProfile(await readProfile(profileDir), PROFILED_WHAT, 3, sourceMapped(), {
      servingFrom,
    })
  } finally {
    await rm(profileDir, { recursive: true, force: true })
  }
}

/** The floor's steps, by the function of `support/mapping-proxy.ts` that does each. */
const FLOOR_STAGES = {
  'JSON.parse': ['parsePage'],
  mapUser: ['mapPage'],
  'JSON.stringify': ['stringifyPage'],
  // res.writeHead and res.end: node:http writes the head and body to the socket within res.end.
  'writing the response': ['writePage'],
}

/** Now on the clock of a CPU profile of a process on this machine (monotonic microseconds). */
const profileClock = () => Number(process.hrtime.bigint() / 1000n)

/**
 * A floor proxy started with `--cpu-prof` serves the same calls on /users as the profiled link
 * server (each its own upstream call); its profile, by area and by stage, is written on stop.
 */
async function profileFloorPages(options: {
  sandboxUrl: string
  apiKey: string
  organizationId: string
}): Promise<ProfileSummary> {
  const profileDir = await mkdtemp(join(tmpdir(), 'jumplink-bench-floor-profile-'))
  try {
    const proxy = await startMappingProxy({
      ...options,
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
    })
    const servingFrom = profileClock()
    try {
      await profiledLoad(async () => {
        const response = await fetch(`${proxy.url}/users`)
        await response.arrayBuffer()
        if (response.status !== 200) throw new Error(`profiled floor page: ${response.status}`)
      })
    } finally {
      await proxy.stop()
    }
    return summariseProfile(await readProfile(profileDir), PROFILED_WHAT, 3, undefined, {
      stages: FLOOR_STAGES,
      servingFrom,
    })
  } finally {
    await rm(profileDir, { recursive: true, force: true })
  }
}
