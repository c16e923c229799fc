// A page of 100 devices of the large organization with their users and groups
// (`GET /v1/unified/mdm/devices?limit=100&expand=users,groups`) from the built link server on
// PostgreSQL, the sandbox adding 50 ms to every call: on a fresh connection, then again within
// the minute the per-connection indexes are kept. Before it, what the per-device reading the
// device users index replaced costs for the same 100 devices: every page of each one's
// `/v2/systems/{id}/users` traversal and the usernames of those users, straight from the
// sandbox, at most the same cap of calls at once. The sandbox counts the calls.
import { DEFAULT_DIRECTORY_CONCURRENCY } from '../packages/link-server/src/providers/provider.ts'
import { SCENARIO_KEYS } from '../packages/sandbox/src/index.ts'
import { buildPackages } from '../scripts/build-packages.mjs'
import { defineBenchmark, type Measurement } from './harness.ts'
import { startLinkServerOnPostgres } from './support/postgres.ts'
import { connectOrganization, organizationOf, startSandboxProcess } from './support/processes.ts'

const LATENCY_MS = 50
const CAP = DEFAULT_DIRECTORY_CONCURRENCY
const PAGE = 100

/** Runs `task` over `items`, at most `limit` at once. */
async function pooled<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>) {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T
      await task(item)
    }
  }
  await Promise.all(Array.from({ length: limit }, worker))
}

export default defineBenchmark({
  name: 'device-users',
  description: `A page of ${PAGE} devices of the large organization with expand=users,groups, ${LATENCY_MS} ms upstream latency, cap ${CAP}`,
  async run() {
    await buildPackages({ quiet: true })
    const sandbox = await startSandboxProcess({ latencyMs: LATENCY_MS })
    const server = await startLinkServerOnPostgres({
      directoryUrl: sandbox.url,
      env: { LINK_DIRECTORY_CONCURRENCY: String(CAP) },
    })
    try {
      const organizationId = await organizationOf(sandbox.url, SCENARIO_KEYS.large)
      const token = await connectOrganization(server.url, SCENARIO_KEYS.large, organizationId)

      const page = async () => {
        await sandbox.resetInFlight()
        const started = performance.now()
        const response = await fetch(
          `${server.url}/v1/unified/mdm/devices?limit=${PAGE}&expand=users,groups`,
          { headers: { authorization: `Bearer ${token}` } },
        )
        const body = (await response.json()) as {
          result?: { id: string; users?: unknown[]; groups?: unknown[] }[]
        }
        const ms = performance.now() - started
        const devices = body.result ?? []
        if (response.status !== 200 || devices.length !== PAGE) {
          throw new Error(`the page answered ${response.status} with ${devices.length} devices`)
        }
        if (!devices.every((d) => Array.isArray(d.users) && Array.isArray(d.groups))) {
          throw new Error('a device came back without users or groups')
        }
        const counted = await sandbox.inFlight()
        const users = devices.reduce((sum, d) => sum + (d.users?.length ?? 0), 0)
        return { ms, calls: counted.total, max: counted.max, devices, users }
      }

      // First, before the link server has read anything: the per-device reading of the same
      // page (the first 100 devices by id, as the link server lists them), each device's
      // traversal, every page, then its users' usernames.
      const headers = { 'x-api-key': SCENARIO_KEYS.large, 'x-org-id': organizationId }
      const listed = (await (
        await fetch(`${sandbox.url}/api/systems?limit=${PAGE}&skip=0&sort=_id&fields=_id`, {
          headers,
        })
      ).json()) as { results: { _id: string }[] }
      const pageIds = listed.results.map((system) => system._id)
      await sandbox.resetInFlight()
      const started = performance.now()
      const userIds = new Set<string>()
      await pooled(pageIds, CAP, async (id) => {
        for (let skip = 0; ; skip += 100) {
          const response = await fetch(
            `${sandbox.url}/api/v2/systems/${id}/users?limit=100&skip=${skip}`,
            { headers },
          )
          const users = (await response.json()) as { id: string }[]
          for (const user of users) userIds.add(user.id)
          if (users.length < 100) break
        }
      })
      const ids = [...userIds]
      const chunks = Array.from({ length: Math.ceil(ids.length / 100) }, (_, i) =>
        ids.slice(i * 100, i * 100 + 100),
      )
      await pooled(chunks, CAP, async (chunk) => {
        const response = await fetch(`${sandbox.url}/api/search/systemusers`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({
            filter: { or: chunk.map((id) => ({ _id: id })) },
            fields: 'username',
            limit: chunk.length,
            skip: 0,
          }),
        })
        await response.arrayBuffer()
      })
      const traversalMs = performance.now() - started
      const traversal = await sandbox.inFlight()

      const first = await page()
      const again = await page()
      if (first.devices.map((d) => d.id).join() !== pageIds.join()) {
        throw new Error('the link server listed other devices than the sandbox')
      }
      const beyondAPage = first.devices.filter((d) => (d.users?.length ?? 0) > 100).length

      const measurements: Measurement[] = [
        {
          name: 'devices page with users and groups, fresh connection: upstream calls',
          value: first.calls,
          unit: 'calls',
          note: `one traversal page per device; for the ${beyondAPage} devices with more users than a page, their direct bindings and, once, the groups' bindings; the device groups, the page, posture and Apple MDM; ${first.users} device users on the page`,
        },
        {
          name: 'devices page with users and groups, fresh connection: time',
          value: Math.round(first.ms),
          unit: 'ms',
          note: `at most ${first.max} calls in flight`,
        },
        {
          name: 'devices page with users and groups, again within the minute: upstream calls',
          value: again.calls,
          unit: 'calls',
          note: 'the page and its posture; users and groups from the connection’s indexes',
        },
        {
          name: 'devices page with users and groups, again within the minute: time',
          value: Math.round(again.ms),
          unit: 'ms',
        },
        {
          name: 'the per-device users traversal for the same page (what the index replaced): upstream calls',
          value: traversal.total,
          unit: 'calls',
          note: `every page of /v2/systems/{id}/users for the ${PAGE} devices and the usernames of their ${ids.length} users, straight from the sandbox; users only, before groups, posture and the page itself`,
        },
        {
          name: 'the per-device users traversal for the same page: time',
          value: Math.round(traversalMs),
          unit: 'ms',
          note: `at most ${traversal.max} calls in flight`,
        },
      ]
      return measurements
    } finally {
      await server.stop()
      await sandbox.stop()
    }
  },
})
