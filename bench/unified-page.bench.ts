// A page of 100 users through the unified API against the same page straight from the sandbox.
// Three processes on loopback: this one (the host backend, making the calls), the link server
// (the built `dist/server.js`, on PostgreSQL through DATABASE_URL, as production runs it) and the
// sandbox JumpCloud. Direct calls ask the
// sandbox exactly what the link server asks it for the first page (`sort=_id`, `fields` naming
// the fields its user mapper reads, `skip=0&limit=100`, key and x-org-id), from the 10,000-user
// organization: both sides receive and parse the same projected page.
// Latency: one call at a time, direct and unified interleaved in rounds. Throughput: 8 at a time.
// Then a second link server, started with `--cpu-prof`, serves the same calls: where its CPU time
// goes is reported beside the figures (the profiled process is not the timed one).
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
import { createBenchSchema } from './support/postgres.ts'
import {
  connectOrganization,
  organizationOf,
  startLinkServer,
  startSandboxProcess,
} from './support/processes.ts'
import { percentile, round, runLoad } from './support/stats.ts'

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
    try {
      const organizationId = await organizationOf(sandbox.url, SCENARIO_KEYS.large)
      const token = await connectOrganization(server.url, SCENARIO_KEYS.large, organizationId)

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
          headers: { authorization: `Bearer ${token}` },
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

      await runLoad({ total: WARMUP, concurrency: 1, request: direct })
      await runLoad({ total: WARMUP, concurrency: 1, request: admins })
      await runLoad({ total: WARMUP, concurrency: 1, request: unified })

      const adminCalls = await runLoad({ total: 100, concurrency: 1, request: admins })
      const latency = { direct: [] as number[], unified: [] as number[] }
      const elapsed = { direct: 0, unified: 0 }
      for (let round = 0; round < ROUNDS; round++) {
        const d = await runLoad({ total: SEQUENTIAL_PER_ROUND, concurrency: 1, request: direct })
        const u = await runLoad({ total: SEQUENTIAL_PER_ROUND, concurrency: 1, request: unified })
        latency.direct.push(...d.durations)
        latency.unified.push(...u.durations)
      }
      for (let round = 0; round < ROUNDS; round++) {
        const d = await runLoad({
          total: THROUGHPUT_PER_ROUND,
          concurrency: CONCURRENCY,
          request: direct,
        })
        const u = await runLoad({
          total: THROUGHPUT_PER_ROUND,
          concurrency: CONCURRENCY,
          request: unified,
        })
        elapsed.direct += d.elapsedMs
        elapsed.unified += u.elapsedMs
      }

      const calls = ROUNDS * THROUGHPUT_PER_ROUND
      const rps = {
        direct: (calls / elapsed.direct) * 1000,
        unified: (calls / elapsed.unified) * 1000,
      }
      const p = (values: number[], q: number) => percentile(values, q)
      const timed = ROUNDS * SEQUENTIAL_PER_ROUND
      const adminP50 = round(percentile(adminCalls.durations, 50), 2)
      await server.stop()
      stopped = true
      // The same calls to a profiled server: where the link server's own time goes.
      const profile = await profileUnifiedPages({ dataDir, sandboxUrl: sandbox.url, env, token })
      const top = profile.areas
        .slice(0, 4)
        .map((a) => `${a.area} ${a.share} %`)
        .join(', ')
      const why = `Per page of users the link server makes the same upstream call as a direct caller (the organization's admins, /api/users at ${adminP50} ms p50 straight from the sandbox, are read once a minute per connection, not per page), so what it adds is its own CPU: parsing the directory's page, mapping the 100 records, writing the JSON (its CPU profile, below: ${top}).`
      const measurements: Measurement[] = [
        {
          name: 'added latency, p50',
          value: round(p(latency.unified, 50) - p(latency.direct, 50), 2),
          unit: 'ms',
          target: { max: 1.0 },
          why,
          note: `p50 unified ${round(p(latency.unified, 50), 2)} ms, direct ${round(p(latency.direct, 50), 2)} ms; ${timed} sequential calls each way after ${WARMUP} warm-up calls`,
        },
        {
          name: 'added latency, p99',
          value: round(p(latency.unified, 99) - p(latency.direct, 99), 2),
          unit: 'ms',
          target: { max: 3 },
          why,
          note: `p99 unified ${round(p(latency.unified, 99), 2)} ms, direct ${round(p(latency.direct, 99), 2)} ms`,
        },
        {
          name: 'throughput, direct from the sandbox',
          value: round(rps.direct, 0),
          unit: 'req/s',
          note: `${calls} calls, ${CONCURRENCY} at a time`,
        },
        {
          name: 'throughput, through the unified API',
          value: round(rps.unified, 0),
          unit: 'req/s',
          note: `${calls} calls, ${CONCURRENCY} at a time`,
        },
        {
          name: 'throughput ratio, unified / direct',
          value: round(rps.unified / rps.direct, 2),
          unit: '×',
          target: { min: 0.6 },
          why: `Each unified page costs the link server the CPU of its profile (below) on top of the sandbox's own work; with ${CONCURRENCY} calls at a time on this machine's ${availableParallelism()} cores, the link server, the sandbox and the caller share the CPU, and that work is what limits the rate.`,
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

const PROFILED_CALLS = 600

/**
 * A link server on the same folder and database, started with `--cpu-prof`, serves warm-up calls
 * and then PROFILED_CALLS pages, 8 at a time; its profile is written when it exits.
 */
async function profileUnifiedPages(options: {
  dataDir: string
  sandboxUrl: string
  env: Record<string, string>
  token: string
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
    try {
      const unified = async () => {
        const response = await fetch(`${server.url}/v1/unified/user-directory/users?limit=100`, {
          headers: { authorization: `Bearer ${options.token}` },
        })
        await response.arrayBuffer()
        if (response.status !== 200) throw new Error(`profiled page: ${response.status}`)
      }
      await runLoad({ total: WARMUP, concurrency: 1, request: unified })
      await runLoad({ total: PROFILED_CALLS, concurrency: CONCURRENCY, request: unified })
    } finally {
      await server.stop()
    }
    return summariseProfile(
      await readProfile(profileDir),
      `${WARMUP} warm-up calls, then ${PROFILED_CALLS} pages of 100 users, ${CONCURRENCY} at a time`,
      3,
      sourceMapped(),
    )
  } finally {
    await rm(profileDir, { recursive: true, force: true })
  }
}
