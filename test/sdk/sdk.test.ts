import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createJumpLinkClient, JumpLinkApiError, type UnifiedClient } from '@jumplink/client'
import { createHostApp, createLinkServer, type LinkServer, loadConfig } from '@jumplink/link-server'
import { type RunningSandbox, SCENARIO_KEYS, startSandbox } from '@jumplink/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Served, serveFetch } from './serve'

/**
 * The host SDK end to end: the sandbox and the link server on real ports, a connection made
 * through the link API, then every collection of the large organization (10,000 users and
 * employees, 5,000 devices, their ~38,000 installed apps, four weeks of events) read in full
 * with the SDK's iterators.
 */
let sandbox: RunningSandbox
let server: LinkServer
let served: Served
let dataDir: string
let client: ReturnType<typeof createJumpLinkClient>
let unified: UnifiedClient
let connectionId: string

async function post(path: string, token: string, body: unknown) {
  const res = await fetch(`${served.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(res.status, path).toBe(200)
  return res.json() as Promise<Record<string, unknown>>
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
  dataDir = await mkdtemp(join(tmpdir(), 'jumplink-sdk-e2e-'))
  server = await createLinkServer(
    loadConfig({
      LINK_MODE: 'test',
      LINK_DATA_DIR: dataDir,
      LINK_DIRECTORY_URL: sandbox.url,
      LINK_PUBLIC_URL: 'http://127.0.0.1',
    }),
  )
  served = await serveFetch(server.app.fetch)
  const { secret } = await createHostApp(server.store, {
    name: 'SDK e2e',
    allowedOrigins: ['https://host.example'],
  })
  client = createJumpLinkClient({ baseUrl: served.url, secretKey: secret })

  // What the widget does: the key, the organization, then the host exchanges the public token.
  const { link_token } = await client.linkSessions.create({ end_user: { id: 'e2e-admin' } })
  const { organizations } = (await post('/v1/link/organizations', link_token, {
    api_key: SCENARIO_KEYS.large,
    region: 'us',
  })) as { organizations: { id: string }[] }
  expect(organizations.map((o) => o.id)).toEqual([sandbox.sandbox.organizations.large.id])
  const done = await post('/v1/link/complete', link_token, {
    api_key: SCENARIO_KEYS.large,
    region: 'us',
    organization_id: organizations[0]?.id,
  })
  const exchanged = await client.tokens.exchange(String(done.public_token))
  connectionId = exchanged.connection.id
  unified = client.unified(exchanged.integration_token)
}, 60_000)

afterAll(async () => {
  await served?.close()
  await server?.close()
  await sandbox?.close()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

/** Iterates a collection to its end: ids seen, how many, and the first page's total. */
async function drain(
  iterator: AsyncIterable<unknown>,
  key: (record: Record<string, unknown>) => string,
) {
  const ids: string[] = []
  for await (const record of iterator) ids.push(key(record as Record<string, unknown>))
  return { ids, unique: new Set(ids).size }
}

const byId = (record: Record<string, unknown>) => String(record.id)
const large = () => sandbox.sandbox.organizations.large

describe('SDK iterators over the large organization', () => {
  it('reads every user (with groups), employee and device exactly once; totals match', async () => {
    let started = Date.now()
    // Groups come from the connection's membership index: a few calls per page, not 1,000.
    let grouped = 0
    const users = await drain(unified.users.all({ expand: 'groups' }), (user) => {
      if (Array.isArray(user.groups) && user.groups.length > 0) grouped++
      return byId(user)
    })
    expect(grouped).toBeGreaterThan(9_000)
    expect(users.ids).toHaveLength(10_000)
    expect(users.unique).toBe(10_000)
    expect((await unified.users.list({ limit: 1 })).total).toBe(10_000)
    console.log(`users (expand=groups): ${users.ids.length} in ${Date.now() - started} ms`)

    started = Date.now()
    const employees = await drain(unified.employees.all(), byId)
    expect(employees.ids).toHaveLength(10_000)
    expect(employees.unique).toBe(10_000)
    expect((await unified.employees.list({ limit: 1 })).total).toBe(10_000)
    console.log(`employees: ${employees.ids.length} in ${Date.now() - started} ms`)

    started = Date.now()
    const devices = await drain(unified.devices.all(), byId)
    expect(devices.ids).toHaveLength(5_000)
    expect(devices.unique).toBe(5_000)
    expect((await unified.devices.list({ limit: 1 })).total).toBe(5_000)
    console.log(`devices: ${devices.ids.length} in ${Date.now() - started} ms`)
  }, 300_000)

  it('reads every installed app and every event of the generated window exactly once', async () => {
    let started = Date.now()
    // Software tables have no total upstream; the sandbox's own rows are the expected count
    // (its apps and programs; it has no linux_packages table, which reads as empty).
    const apps = await drain(unified.installedApps.all(), byId)
    const rows = large().insights('apps').length + large().insights('programs').length
    expect(rows).toBeGreaterThan(30_000)
    expect(apps.ids).toHaveLength(rows)
    expect(apps.unique).toBe(rows)
    console.log(`installed apps: ${apps.ids.length} in ${Date.now() - started} ms`)

    started = Date.now()
    // The sandbox generates four weeks of events before the start of today; 30 days covers them.
    const occurred_after = new Date(Date.now() - 30 * 86_400_000).toISOString()
    const events = await drain(unified.events.all({ occurred_after }), byId)
    expect(events.ids).toHaveLength(large().events().length)
    expect(events.unique).toBe(events.ids.length)
    console.log(`events: ${events.ids.length} in ${Date.now() - started} ms`)
  }, 300_000)

  it('reads every group, device group and their members, organizations, roles, HR views and apps', async () => {
    const started = Date.now()
    const checks: [
      string,
      AsyncIterable<unknown>,
      number | undefined,
      (r: Record<string, unknown>) => string,
    ][] = []
    const groups = await drain(unified.groups.all(), byId)
    const groupTotal = (await unified.groups.list({ limit: 1 })).total
    expect(groups.ids).toHaveLength(groupTotal ?? -1)
    expect(groups.unique).toBe(groups.ids.length)

    const biggest = (
      await unified.groups.list({ limit: 1000, expand: 'member_count' })
    ).result.sort((a, b) => (b.member_count ?? 0) - (a.member_count ?? 0))[0]
    checks.push([
      'groupMembers',
      unified.groupMembers.all(biggest?.id ?? ''),
      biggest?.member_count,
      (r) => String((r.user as { id: string }).id),
    ])
    const deviceGroups = await drain(unified.deviceGroups.all(), byId)
    expect(deviceGroups.ids).toHaveLength(
      (await unified.deviceGroups.list({ limit: 1 })).total ?? -1,
    )
    const allDevices = deviceGroups.ids[0] ?? ''
    checks.push([
      'deviceGroupMembers',
      unified.deviceGroupMembers.all(allDevices),
      (await unified.deviceGroupMembers.list(allDevices, { limit: 1 })).total,
      (r) => String((r.device as { id: string }).id),
    ])
    checks.push(['organizations', unified.organizations.all(), 1, byId])
    checks.push(['roles', unified.roles.all(), undefined, byId])
    checks.push(['companies', unified.companies.all(), undefined, byId])
    checks.push(['hrisGroups', unified.hrisGroups.all(), undefined, byId])
    checks.push([
      'applications',
      unified.applications.all(),
      large().data.applications.length,
      byId,
    ])
    const app = large().data.applications[0]?._id ?? ''
    checks.push([
      'applicationAssignments',
      unified.applicationAssignments.all(app),
      (await unified.applicationAssignments.list(app, { limit: 1 })).total,
      (r) => String((r.user as { id: string }).id),
    ])
    for (const [name, iterator, total, key] of checks) {
      const { ids, unique } = await drain(iterator, key)
      expect(unique, name).toBe(ids.length)
      expect(ids.length, name).toBeGreaterThan(0)
      if (total !== undefined) expect(ids.length, name).toBe(total)
    }
    console.log(`groups, members, derived and SSO collections: ${Date.now() - started} ms`)
  }, 180_000)
})

describe('SDK errors', () => {
  it('throws typed errors: a bad cursor, then a key the directory rejects', async () => {
    const badCursor = await unified.users.list({ cursor: 'not-a-cursor' }).catch((e: unknown) => e)
    expect(badCursor).toBeInstanceOf(JumpLinkApiError)
    expect((badCursor as JumpLinkApiError).code).toBe('invalid_cursor')
    expect((badCursor as JumpLinkApiError).status).toBe(400)

    sandbox.sandbox.rotateKey(SCENARIO_KEYS.large)
    const rejected = await unified.users.list().catch((e: unknown) => e)
    expect(rejected).toBeInstanceOf(JumpLinkApiError)
    expect((rejected as JumpLinkApiError).code).toBe('invalid_api_key')
    expect((rejected as JumpLinkApiError).requestId).toEqual(expect.any(String))
    expect(await client.connections.get(connectionId)).toMatchObject({
      status: 'broken',
      status_reason: 'invalid_api_key',
    })
  })
})
