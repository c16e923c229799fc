// The link server as a process, from its built JavaScript (`dist/server.js`, plain Node, as
// `jumplink-server start` runs it): cold start on a data folder a previous start created
// (embedded database, master key, signing key, demo host app and one connection already in it),
// and its resident memory at idle and under load (a page of 100 users through the unified API,
// 8 at a time, from the sandbox's 10,000-user organization, itself a separate process); then the
// same start and idle memory on PostgreSQL (DATABASE_URL), as production runs.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGLITE_SHARED_BUFFERS } from '../packages/link-server/src/storage/open.ts'
import { SCENARIO_KEYS } from '../packages/sandbox/src/index.ts'
import { buildPackages } from '../scripts/build-packages.mjs'
import { defineBenchmark, type Measurement } from './harness.ts'
import { createBenchSchema } from './support/postgres.ts'
import {
  connectOrganization,
  measureStartParts,
  organizationOf,
  readRssMiB,
  sampleRss,
  startLinkServer,
  startSandboxProcess,
} from './support/processes.ts'
import { percentile, round, runLoad } from './support/stats.ts'

const COLD_STARTS = 3
const IDLE_SETTLE_MS = 2000
const LOAD_REQUESTS = 400
const LOAD_CONCURRENCY = 8

export default defineBenchmark({
  name: 'link-server-process',
  description:
    'Link server cold start on an existing data folder (spawn to first 200), RSS at idle and under load',
  async run() {
    await buildPackages({ quiet: true })
    const sandbox = await startSandboxProcess()
    const dataDir = await mkdtemp(join(tmpdir(), 'jumplink-bench-start-'))
    try {
      // The previous start: creates the folder's database, keys and demo host app.
      const first = await startLinkServer({ dataDir, directoryUrl: sandbox.url, entry: 'built' })
      const organizationId = await organizationOf(sandbox.url, SCENARIO_KEYS.large)
      const token = await connectOrganization(first.url, SCENARIO_KEYS.large, organizationId)
      await first.stop()

      const healthy: number[] = []
      const ready: number[] = []
      let server = first
      for (let run = 0; run < COLD_STARTS; run++) {
        server = await startLinkServer({ dataDir, directoryUrl: sandbox.url, entry: 'built' })
        healthy.push(server.healthyAfterMs)
        ready.push(server.readyAfterMs)
        if (run < COLD_STARTS - 1) await server.stop()
      }
      try {
        await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS))
        const idle = await readRssMiB(server.pid)

        const url = `${server.url}/v1/unified/user-directory/users?limit=100`
        const headers = { authorization: `Bearer ${token}` }
        const sampler = sampleRss(server.pid)
        const load = await runLoad({
          total: LOAD_REQUESTS,
          concurrency: LOAD_CONCURRENCY,
          request: async () => {
            const response = await fetch(url, { headers })
            const body = (await response.json()) as { result?: unknown[] }
            if (response.status !== 200 || body.result?.length !== 100) {
              throw new Error(`unified page: ${response.status} ${JSON.stringify(body)}`)
            }
          },
        })
        const peak = await sampler.stop()
        const after = await readRssMiB(server.pid)
        await server.stop()

        // Where the start and the memory go, measured from the sources (Node with tsx alone, then
        // the embedded database opened on this same folder), each in a process of its own.
        const bare = await measureStartParts()
        const withDb = await measureStartParts(join(dataDir, 'db'))
        const coldStart = percentile(healthy, 50)
        const parts = `Opening the embedded PGlite database on this folder takes ${Math.round(withDb.openMs)} ms of the ${Math.round(coldStart)} ms (measured in a process of its own); the rest is Node's start, loading the built server (Hono, zod-openapi, jose, libsodium, the OpenAPI routes) and the first listen`
        const memory = `Opening the embedded PGlite database on this folder adds ${round(withDb.rssMiB - bare.rssMiB, 0)} MiB to a bare process: PGlite (PostgreSQL compiled to WebAssembly, in the server's process) is most of the idle memory, its compiled module and the WebAssembly memory that holds PostgreSQL's buffer pool (shared_buffers, which the store sets to ${PGLITE_SHARED_BUFFERS}). With DATABASE_URL (PostgreSQL, as production requires) the server does not open PGlite`

        // The same measurements as production runs it: PostgreSQL through DATABASE_URL, no PGlite.
        const onPostgres = await coldStartOnPostgres(sandbox.url)

        const runs = (values: number[]) => values.map((v) => Math.round(v)).join(', ')
        const measurements: Measurement[] = [
          {
            name: 'cold start: spawn to first 200 of /healthz (median)',
            value: Math.round(percentile(healthy, 50)),
            unit: 'ms',
            target: { max: 1500 },
            note: `${COLD_STARTS} starts on the same folder: ${runs(healthy)} ms; the first start, which created the folder, took ${Math.round(first.healthyAfterMs)} ms`,
            why: parts,
          },
          {
            name: 'cold start: spawn to first 200 of /readyz (median)',
            value: Math.round(percentile(ready, 50)),
            unit: 'ms',
            note: `${runs(ready)} ms; /readyz also pings the database`,
          },
          {
            name: 'RSS at idle',
            value: round(idle, 1),
            unit: 'MiB',
            target: { max: 150 },
            note: `${IDLE_SETTLE_MS / 1000} s after the last cold start, before any unified call`,
            why: memory,
          },
          {
            name: 'cold start on PostgreSQL (DATABASE_URL): first 200 of /healthz (median)',
            value: Math.round(percentile(onPostgres.healthy, 50)),
            unit: 'ms',
            target: { max: 500 },
            note: `${COLD_STARTS} starts on an existing schema: ${runs(onPostgres.healthy)} ms`,
          },
          {
            name: 'RSS at idle on PostgreSQL (DATABASE_URL)',
            value: round(onPostgres.idleMiB, 1),
            unit: 'MiB',
            target: { max: 120 },
            note: `${IDLE_SETTLE_MS / 1000} s after the last start`,
            why: `The built server's modules and state: Hono, zod and the OpenAPI document built at start, jose, libsodium's WebAssembly, the pg pool (not broken down further here).`,
          },
          {
            name: 'RSS under load (peak)',
            value: round(peak, 1),
            unit: 'MiB',
            note: `${LOAD_REQUESTS} pages of 100 users, ${LOAD_CONCURRENCY} at a time (${Math.round(load.requestsPerSecond)} req/s); ${round(after, 1)} MiB right after`,
          },
        ]
        return measurements
      } finally {
        await server.stop()
      }
    } finally {
      await sandbox.stop()
      await rm(dataDir, { recursive: true, force: true })
    }
  },
})

/** Cold starts and idle memory with DATABASE_URL, on a schema a previous start migrated. */
async function coldStartOnPostgres(directoryUrl: string) {
  const schema = await createBenchSchema()
  const dataDir = await mkdtemp(join(tmpdir(), 'jumplink-bench-pg-'))
  const env = { DATABASE_URL: schema.databaseUrl }
  try {
    await (await startLinkServer({ dataDir, directoryUrl, env, entry: 'built' })).stop()
    const healthy: number[] = []
    let idleMiB = Number.NaN
    for (let run = 0; run < COLD_STARTS; run++) {
      const server = await startLinkServer({ dataDir, directoryUrl, env, entry: 'built' })
      healthy.push(server.healthyAfterMs)
      if (run === COLD_STARTS - 1) {
        await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS))
        idleMiB = await readRssMiB(server.pid)
      }
      await server.stop()
    }
    return { healthy, idleMiB }
  } finally {
    await rm(dataDir, { recursive: true, force: true })
    await schema.drop()
  }
}
