// A page of 100 users through the unified API against the same page straight from the sandbox.
// Three processes on loopback: this one (the host backend, making the calls), the link server
// (`server.ts`, demo mode, embedded database) and the sandbox JumpCloud. Direct calls ask the
// sandbox exactly what the link server asks it for the first page (`sort=_id&skip=0&limit=100`,
// key and x-org-id), from the 10,000-user organization.
// Latency: one call at a time, direct and unified interleaved in rounds. Throughput: 8 at a time.
import { mkdtemp, rm } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { SCENARIO_KEYS } from '../packages/sandbox/src/index.ts'
import { defineBenchmark, type Measurement } from './harness.ts'
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

export default defineBenchmark({
  name: 'unified-page',
  description:
    'A page of 100 users: unified API through the link server vs straight from the sandbox (loopback, separate processes)',
  async run() {
    const sandbox = await startSandboxProcess()
    const dataDir = await mkdtemp(join(tmpdir(), 'jumplink-bench-page-'))
    const server = await startLinkServer({ dataDir, directoryUrl: sandbox.url })
    try {
      const organizationId = await organizationOf(sandbox.url, SCENARIO_KEYS.large)
      const token = await connectOrganization(server.url, SCENARIO_KEYS.large, organizationId)

      const direct = async () => {
        const response = await fetch(`${sandbox.url}/api/systemusers?sort=_id&skip=0&limit=100`, {
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
      const why = `Per page of users the link server makes the same upstream call as a direct caller (the organization's admins, /api/users at ${adminP50} ms p50 straight from the sandbox, are read once a minute per connection, not per page). Around it, it checks the token, reads the host app and the connection from the database and decrypts the key (see the token-decrypt figures: on embedded PGlite, in the server's own process, the two database reads cost more than the token check and the decryption together), then maps the 100 records and writes the JSON.`
      const measurements: Measurement[] = [
        {
          name: 'added latency, p50',
          value: round(p(latency.unified, 50) - p(latency.direct, 50), 2),
          unit: 'ms',
          target: { max: 1.5 },
          why,
          note: `p50 unified ${round(p(latency.unified, 50), 2)} ms, direct ${round(p(latency.direct, 50), 2)} ms; ${timed} sequential calls each way after ${WARMUP} warm-up calls`,
        },
        {
          name: 'added latency, p99',
          value: round(p(latency.unified, 99) - p(latency.direct, 99), 2),
          unit: 'ms',
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
          target: { min: 0.5 },
          why: `Each unified page costs the link server the CPU described for the latency (database reads on embedded PGlite in its own process, the token check, mapping, JSON) on top of the sandbox's own work; with ${CONCURRENCY} calls at a time on this machine's ${availableParallelism()} cores, the two processes share the CPU, and that work is what limits the rate.`,
        },
      ]
      return measurements
    } finally {
      await server.stop()
      await sandbox.stop()
      await rm(dataDir, { recursive: true, force: true })
    }
  },
})
