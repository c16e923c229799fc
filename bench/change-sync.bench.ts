// One change sync of the 10,000-user organization (users, group members, devices, SSO
// assignments, each compared with the last sync's fingerprints) against the unified export of
// the same collections at `limit=1000`, both with 50 ms added to every upstream call. The sync
// runs inside the link server as the scheduler runs it; its duration is the server's own
// (`last_started_at` → `last_finished_at`), its upstream calls and the most in flight are
// counted at the sandbox, and the server's resident memory is sampled while it runs. The link
// server is the built one and keeps its data in PostgreSQL (DATABASE_URL, as production runs): the embedded
// database would live in the same process and its memory would be counted as the sync's.
import { DEMO_SECRET_KEY } from '../packages/link-server/src/host-apps.ts'
import { DEFAULT_DIRECTORY_CONCURRENCY } from '../packages/link-server/src/providers/provider.ts'
import { SCENARIO_KEYS } from '../packages/sandbox/src/index.ts'
import { buildPackages } from '../scripts/build-packages.mjs'
import { defineBenchmark, type Measurement } from './harness.ts'
import { startLinkServerOnPostgres } from './support/postgres.ts'
import {
  connectOrganization,
  organizationOf,
  readRssMiB,
  sampleRss,
  startSandboxProcess,
} from './support/processes.ts'
import { round } from './support/stats.ts'

const LATENCY_MS = 50
const CAP = DEFAULT_DIRECTORY_CONCURRENCY
const RUNS = 2

interface SyncStatus {
  baseline_at: string | null
  last_started_at: string | null
  last_finished_at: string | null
  last_error: string | null
}

export default defineBenchmark({
  name: 'change-sync',
  description: `One change sync of the 10,000-user organization vs the unified export of the same collections, ${LATENCY_MS} ms upstream latency`,
  async run() {
    await buildPackages({ quiet: true })
    const sandbox = await startSandboxProcess({ latencyMs: LATENCY_MS })
    const server = await startLinkServerOnPostgres({
      directoryUrl: sandbox.url,
      env: {
        LINK_DIRECTORY_CONCURRENCY: String(CAP),
        // Only the syncs this benchmark asks for: no audit-log hint starts one of its own.
        LINK_CHANGE_HINT_SECONDS: '0',
      },
    })
    const host = (method: string, path: string) =>
      fetch(`${server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${DEMO_SECRET_KEY}` },
      })
    try {
      const organizationId = await organizationOf(sandbox.url, SCENARIO_KEYS.large)
      const token = await connectOrganization(server.url, SCENARIO_KEYS.large, organizationId)
      const listed = (await (await host('GET', '/v1/connections?limit=100')).json()) as {
        result: { id: string; organization: { id: string } }[]
      }
      const connectionId = listed.result.find((c) => c.organization.id === organizationId)?.id
      if (!connectionId) throw new Error('the connection is not listed')

      const status = async () =>
        (await (await host('GET', `/v1/connections/${connectionId}/sync`)).json()) as SyncStatus
      /** Queues a sync and waits for one that started after the request to finish. */
      const syncOnce = async () => {
        const requested = Date.now()
        const queued = await host('POST', `/v1/connections/${connectionId}/sync`)
        if (queued.status !== 202) throw new Error(`sync request: ${queued.status}`)
        for (;;) {
          const s = await status()
          const started = s.last_started_at ? Date.parse(s.last_started_at) : 0
          const finished = s.last_finished_at ? Date.parse(s.last_finished_at) : 0
          if (started >= requested - 1000 && finished >= started) {
            if (s.last_error) throw new Error(`the sync failed: ${s.last_error}`)
            return { ms: finished - started }
          }
          if (Date.now() - requested > 600_000) throw new Error('no sync finished in 10 minutes')
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
      }
      const measured = async <T extends object>(work: () => Promise<T>) => {
        await sandbox.resetInFlight()
        const rss = sampleRss(server.pid)
        const started = performance.now()
        const result = await work()
        const wallMs = performance.now() - started
        const peakRssMiB = await rss.stop()
        const counted = await sandbox.inFlight()
        return { ...result, wallMs, peakRssMiB, calls: counted.total, maxInFlight: counted.max }
      }

      const rssBeforeBaselineMiB = await readRssMiB(server.pid)
      // The baseline: the first sync stores every fingerprint and emits connection.synced.
      const baseline = await measured(syncOnce)
      if (!(await status()).baseline_at) throw new Error('no baseline after the first sync')

      const unifiedGet = async (path: string) => {
        const response = await fetch(`${server.url}${path}`, {
          headers: { authorization: `Bearer ${token}` },
        })
        const body = (await response.json()) as {
          result?: Record<string, unknown>[]
          next_cursor?: string | null
        }
        if (response.status !== 200 || !body.result)
          throw new Error(`${path}: ${response.status} ${JSON.stringify(body).slice(0, 200)}`)
        return body as { result: Record<string, unknown>[]; next_cursor?: string | null }
      }
      async function* all(path: string) {
        let cursor: string | null | undefined
        do {
          const page = await unifiedGet(
            `${path}?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          )
          yield page.result
          cursor = page.next_cursor
        } while (cursor)
      }
      // What a host would do without the feed: read the same collections in full.
      const exportSame = async () => {
        let records = 0
        let requests = 0
        const count = async (path: string) => {
          const items: Record<string, unknown>[] = []
          for await (const page of all(path)) {
            requests++
            records += page.length
            items.push(...page)
          }
          return items
        }
        await count('/v1/unified/user-directory/users')
        for (const group of await count('/v1/unified/user-directory/groups'))
          await count(`/v1/unified/user-directory/groups/${String(group.id)}/members`)
        await count('/v1/unified/mdm/devices')
        for (const app of await count('/v1/unified/sso/applications'))
          await count(`/v1/unified/sso/applications/${String(app.id)}/assignments`)
        return { records, requests }
      }

      // A few changes an admin makes between two syncs.
      const admin = (method: string, path: string, body: unknown) =>
        fetch(`${sandbox.url}/_sandbox/organizations/${organizationId}${path}`, {
          method,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      const users = (await unifiedGet('/v1/unified/user-directory/users?limit=20')).result
      const rssIdleMiB = await readRssMiB(server.pid)

      const syncs = []
      const exports = []
      for (let run = 0; run < RUNS; run++) {
        for (const user of users.slice(run * 5, run * 5 + 5)) {
          const changed = await admin('PATCH', `/users/${String(user.id)}`, {
            jobTitle: `Bench ${run}`,
          })
          if (changed.status !== 200) throw new Error(`sandbox admin: ${changed.status}`)
        }
        syncs.push(await measured(syncOnce))
        exports.push(await measured(exportSame))
      }
      const best = <T extends { ms?: number; wallMs: number }>(runs: T[], key: 'ms' | 'wallMs') =>
        runs.reduce((a, b) => ((b[key] ?? 0) < (a[key] ?? 0) ? b : a))
      const sync = best(syncs, 'ms')
      const exported = best(exports, 'wallMs')
      const list = (values: number[]) => values.map((v) => Math.round(v)).join(', ')
      const ratio = sync.ms / exported.wallMs
      const peakRss = Math.max(...syncs.map((s) => s.peakRssMiB))
      const maxInFlight = Math.max(...syncs.map((s) => s.maxInFlight), baseline.maxInFlight)

      const measurements: Measurement[] = [
        {
          name: 'change sync of 10,000 users (server time)',
          value: Math.round(sync.ms),
          unit: 'ms',
          note: `best of ${RUNS} (${list(syncs.map((s) => s.ms))} ms), 5 users changed before each; ${sync.calls} upstream calls`,
        },
        {
          name: 'unified export of the same collections',
          value: Math.round(exported.wallMs),
          unit: 'ms',
          note: `best of ${RUNS} (${list(exports.map((e) => e.wallMs))} ms): ${exported.requests} requests of up to 1000, ${exported.records} records, ${exported.calls} upstream calls`,
        },
        {
          name: 'change sync / unified export, time',
          value: round(ratio, 2),
          unit: '×',
          target: { max: 1.2 },
          why: `The sync reads the same pages through the same readers (${sync.calls} upstream calls against ${exported.calls}) and then compares and stores each page's fingerprints: ${Math.round(sync.ms - exported.wallMs)} ms more here.`,
        },
        {
          name: 'change sync / unified export, upstream calls',
          value: round(sync.calls / exported.calls, 2),
          unit: '×',
          target: { max: 1.2 },
        },
        {
          name: 'peak RSS of the link server during a change sync',
          value: Math.round(peakRss),
          unit: 'MiB',
          note: `${Math.round(rssIdleMiB)} MiB just before (${Math.round(rssBeforeBaselineMiB)} MiB before the baseline), sampled every 25 ms; during the export ${Math.round(Math.max(...exports.map((e) => e.peakRssMiB)))} MiB; data in PostgreSQL`,
        },
        {
          name: 'baseline sync (first, stores every fingerprint)',
          value: Math.round(baseline.ms),
          unit: 'ms',
          note: `${baseline.calls} upstream calls, peak RSS ${Math.round(baseline.peakRssMiB)} MiB`,
        },
        {
          name: 'most upstream calls in flight during a sync',
          value: maxInFlight,
          unit: 'calls',
          target: { max: CAP },
          note: `counted at the sandbox; the per-connection cap is ${CAP}`,
        },
      ]
      return measurements
    } finally {
      await server.stop()
      await sandbox.stop()
    }
  },
})
