// Webhook deliveries per second to a local receiver. Three processes on loopback: the link server
// (the built `dist/server.js`, demo mode so loopback receivers are allowed, on PostgreSQL through
// DATABASE_URL, its change feed and job queue running), the sandbox JumpCloud, and this one (the
// receiver, answering 200 at once, verifying nothing: the figure is the sender's). N users are
// created in the sandbox, one sync detects them, and each `user.created` event is delivered to the
// endpoint as its own signed POST, through the database queue (claim, send, record the attempt).

import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { DEMO_SECRET_KEY } from '../packages/link-server/src/host-apps.ts'
import { SCENARIO_KEYS } from '../packages/sandbox/src/index.ts'
import { buildPackages } from '../scripts/build-packages.mjs'
import { defineBenchmark } from './harness.ts'
import { startLinkServerOnPostgres } from './support/postgres.ts'
import { connectOrganization, organizationOf, startSandboxProcess } from './support/processes.ts'
import { percentile, round } from './support/stats.ts'

const USERS = 3000

async function call(url: string, method: string, token: string, body?: unknown) {
  const response = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 300)}`)
  return JSON.parse(text) as Record<string, unknown>
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 300_000) {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

export default defineBenchmark({
  name: 'webhook-delivery',
  description: `Webhook deliveries per second to a local receiver: ${USERS} user.created events from one sync, each a signed POST through the database queue (built server, PostgreSQL, loopback)`,
  async run() {
    await buildPackages({ quiet: true })
    // The receiver: when each delivery arrived, and how long after its event was detected.
    const arrivals: number[] = []
    const lagsMs: number[] = []
    const seen = new Set<string>()
    let duplicates = 0
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          id: string
          type: string
          occurred_at: string
        }
        if (event.type === 'user.created') {
          if (seen.has(event.id)) duplicates++
          seen.add(event.id)
          arrivals.push(performance.now())
          lagsMs.push(Date.now() - Date.parse(event.occurred_at))
        }
        res.writeHead(200)
        res.end()
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`

    const sandbox = await startSandboxProcess()
    const server = await startLinkServerOnPostgres({ directoryUrl: sandbox.url })
    try {
      await call(`${server.url}/v1/webhook-endpoints`, 'POST', DEMO_SECRET_KEY, {
        url: receiverUrl,
        event_types: ['user.created'],
      })
      const organizationId = await organizationOf(sandbox.url, SCENARIO_KEYS.single)
      const token = await connectOrganization(server.url, SCENARIO_KEYS.single, organizationId)
      const { result } = (await call(
        `${server.url}/v1/connections?limit=1`,
        'GET',
        DEMO_SECRET_KEY,
      )) as {
        result: { id: string }[]
      }
      const connectionId = result[0]?.id
      if (!connectionId) throw new Error('no connection')
      const synced = async () => {
        const feed = (await call(`${server.url}/v1/unified/changes?limit=1000`, 'GET', token)) as {
          result: { type: string }[]
        }
        return feed.result.some((e) => e.type === 'connection.synced')
      }
      await call(`${server.url}/v1/connections/${connectionId}/sync`, 'POST', DEMO_SECRET_KEY)
      await until(synced, 'the baseline sync')

      // N new users, as an admin would add them in the console.
      const admin = `${sandbox.url}/_sandbox/organizations/${organizationId}/users`
      let next = 0
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (next < USERS) {
            const i = next++
            const response = await fetch(admin, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({
                username: `bench.hook.${i}`,
                email: `bench.hook.${i}@acme.example`,
                password: 'p',
              }),
            })
            if (response.status !== 201) throw new Error(`admin create: ${response.status}`)
          }
        }),
      )

      const requested = performance.now()
      await call(`${server.url}/v1/connections/${connectionId}/sync`, 'POST', DEMO_SECRET_KEY)
      await until(() => seen.size >= USERS, `${USERS} deliveries`).catch((error: Error) => {
        throw new Error(`${error.message} (${seen.size} arrived)`)
      })
      const first = arrivals[0] ?? requested
      const last = arrivals.at(-1) ?? requested
      const perSecond = (USERS - 1) / ((last - first) / 1000)
      return [
        {
          name: 'deliveries per second (first to last)',
          value: round(perSecond, 0),
          unit: '/s',
          target: { min: 200 },
          note: `${USERS} deliveries, one endpoint, 8 workers, receiver answering 200 at once`,
        },
        {
          name: 'sync request to first delivery',
          value: round((first - requested) / 1000, 2),
          unit: 's',
        },
        {
          name: 'sync request to last delivery',
          value: round((last - requested) / 1000, 2),
          unit: 's',
          note: 'the sync reading the organization and storing the events, then every delivery',
        },
        {
          name: 'p50 event detection to delivery',
          value: round(percentile(lagsMs, 50), 0),
          unit: 'ms',
        },
        {
          name: 'p95 event detection to delivery',
          value: round(percentile(lagsMs, 95), 0),
          unit: 'ms',
        },
        { name: 'deliveries received twice', value: duplicates, unit: 'count' },
      ]
    } finally {
      await server.stop()
      await sandbox.stop()
      await new Promise((resolve) => receiver.close(resolve))
    }
  },
})
