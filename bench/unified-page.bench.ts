// A page of 100 users through the unified API against the same page straight from the sandbox.
// Three processes on loopback: this one (the host backend, making the calls), the link server
// (`server.ts`, demo mode, embedded database) and the sandbox JumpCloud. Direct calls ask the
// sandbox exactly what the link server asks it for the first page (`sort=_id&skip=0&limit=100`,
// key and x-org-id). The organization is the sandbox's 250-user one: on the 10,000-user one the
// sandbox spends 50–150 ms sorting per call, a noise far above the overhead being measured.
// Latency: one call at a time, direct and unified interleaved in rounds. Throughput: 8 at a time.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
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
const ROUNDS = 4
/** Per round and per way: 4 × 150 = 600 timed calls each way. */
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
      const organizationId = await organizationOf(sandbox.url, SCENARIO_KEYS.single)
      const token = await connectOrganization(server.url, SCENARIO_KEYS.single, organizationId)

      const direct = async () => {
        const response = await fetch(`${sandbox.url}/api/systemusers?sort=_id&skip=0&limit=100`, {
          headers: {
            accept: 'application/json',
            'x-api-key': SCENARIO_KEYS.single,
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

      await runLoad({ total: WARMUP, concurrency: 1, request: direct })
      await runLoad({ total: WARMUP, concurrency: 1, request: unified })

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
      const measurements: Measurement[] = [
        {
          name: 'added latency, p50',
          value: round(p(latency.unified, 50) - p(latency.direct, 50), 2),
          unit: 'ms',
          target: { max: 1.5 },
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
