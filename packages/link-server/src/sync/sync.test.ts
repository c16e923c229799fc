import { createSandbox, SCENARIO_KEYS } from '@jumplink/sandbox'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createVault, type Vault } from '../crypto/vault'
import { createHarness, type Harness } from '../fixtures/harness'
import { connectWith } from '../fixtures/sandbox-connection'
import { startJobQueue } from '../jobs/queue'
import { syncConnection } from './run-sync'
import { type SyncService, startSyncService } from './service'

const logger = pino({ level: 'silent' })
const sandbox = createSandbox()
const org = sandbox.organizations.single
let h: Harness
let vault: Vault

beforeAll(async () => {
  h = await createHarness({ fetch: (url, init) => Promise.resolve(sandbox.app.request(url, init)) })
  vault = await createVault({ keys: [h.masterKey], activeKeyId: h.masterKey.id })
})
afterAll(() => h.close())

const admin = (method: string, path: string, body?: unknown) =>
  sandbox.app.request(`/_sandbox/organizations/${org.id}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })

async function feed(token: string, cursor?: string) {
  const res = await h.call(
    'GET',
    `/v1/unified/changes?limit=1000${cursor ? `&cursor=${cursor}` : ''}`,
    {
      token,
    },
  )
  expect(res.status).toBe(200)
  return (await res.json()) as {
    result: { id: string; type: string; data: Record<string, unknown> }[]
    next_cursor: string
    has_more: boolean
  }
}

describe('change sync against the sandbox', () => {
  it('sets a baseline first, then turns each real change in the sandbox into its event', async () => {
    const { connectionId, token } = await connectWith(h, SCENARIO_KEYS.single, org.id)
    const deps = { store: h.store, vault, providers: h.providers, logger, now: () => new Date() }
    const target = { hostAppId: h.hostAppId, connectionId }

    const baseline = await syncConnection(deps, target)
    expect(baseline).toMatchObject({ status: 'baseline' })
    const first = await feed(token)
    // The link itself is the first event; the baseline sync adds one, not one per record.
    expect(first.result.map((e) => e.type)).toEqual(['connection.created', 'connection.synced'])
    expect(first.result[1]?.data).toMatchObject({ baseline: true })

    // An unchanged directory gives no events.
    expect(await syncConnection(deps, target)).toMatchObject({ status: 'synced', events: 0 })

    // Real changes, made as an admin would in the console.
    const active = org.data.users.filter((u) => u.state === 'ACTIVATED')
    const [toSuspend, toRetitle, toDelete] = active
    const suspended = org.data.users.find((u) => u.state === 'SUSPENDED')
    // A group bound to an application: joining it assigns the application too.
    const boundGroupId = [...org.data.graph.associations.entries()].find(
      ([id, list]) =>
        org.data.userGroups.some((g) => g.id === id) &&
        list.some((to) => to.type === 'application'),
    )?.[0]
    if (!toSuspend || !toRetitle || !toDelete || !suspended || !boundGroupId)
      throw new Error('the single organization has what this test needs')
    const outsider = org.data.users.find(
      (u) =>
        u.state === 'ACTIVATED' &&
        ![toSuspend, toRetitle, toDelete].includes(u) &&
        !(org.data.graph.members.get(boundGroupId) ?? []).some((m) => m.id === u._id),
    )
    const leaver = (org.data.graph.members.get(boundGroupId) ?? []).find(
      (m) => m.type === 'user' && ![toSuspend._id, toRetitle._id, toDelete._id].includes(m.id),
    )
    const encrypted = org.data.systems.find((s) => s.fde.active)
    const doomedDevice = org.data.systems.find((s) => s !== encrypted)
    if (!outsider || !leaver || !encrypted || !doomedDevice) throw new Error('test data missing')

    expect(
      (
        await admin('POST', '/users', {
          username: 'new.hire',
          email: 'new.hire@acme.example',
          password: 'p',
        })
      ).status,
    ).toBe(201)
    expect((await admin('PATCH', `/users/${toSuspend._id}`, { suspended: true })).status).toBe(200)
    expect((await admin('PATCH', `/users/${suspended._id}`, { suspended: false })).status).toBe(200)
    expect(
      (await admin('PATCH', `/users/${toRetitle._id}`, { jobTitle: 'Chief Sync Officer' })).status,
    ).toBe(200)
    expect((await admin('DELETE', `/users/${toDelete._id}`)).status).toBe(200)
    expect(
      (await admin('POST', `/usergroups/${boundGroupId}/members`, { op: 'add', id: outsider._id }))
        .status,
    ).toBe(204)
    expect(
      (await admin('POST', `/usergroups/${boundGroupId}/members`, { op: 'remove', id: leaver.id }))
        .status,
    ).toBe(204)
    expect(
      (await admin('PATCH', `/systems/${encrypted._id}`, { diskEncryption: false })).status,
    ).toBe(200)
    const enrolled = sandbox.addDevice({ platform: 'macos' })
    // A device taken out of the organization (the sandbox has no console call for it).
    org.data.systems = org.data.systems.filter((s) => s._id !== doomedDevice._id)

    const outcome = await syncConnection(deps, target)
    expect(outcome).toMatchObject({ status: 'synced' })
    const { result } = await feed(token, first.next_cursor)
    const types = new Set(result.map((e) => e.type))
    for (const type of [
      'user.created',
      'user.updated',
      'user.suspended',
      'user.reactivated',
      'user.deleted',
      'group.member_added',
      'group.member_removed',
      'device.created',
      'device.updated',
      'device.deleted',
      'application.assignment_added',
      'application.assignment_removed',
    ])
      expect(types, type).toContain(type)

    const byType = (type: string) => result.filter((e) => e.type === type)
    expect(byType('user.suspended').map((e) => (e.data.record as { id: string }).id)).toContain(
      toSuspend._id,
    )
    expect(byType('user.suspended')[0]?.data.changes).toContainEqual({
      field: 'status',
      from: 'active',
      to: 'inactive',
    })
    expect(
      byType('user.updated').find((e) => (e.data.record as { id: string }).id === toRetitle._id)
        ?.data.changes,
    ).toContainEqual(expect.objectContaining({ field: 'job_title', to: 'Chief Sync Officer' }))
    expect(byType('user.deleted').map((e) => (e.data.record as { id: string }).id)).toEqual([
      toDelete._id,
    ])
    const posture = byType('device.updated').find(
      (e) => (e.data.record as { id: string }).id === encrypted._id,
    )
    expect(posture?.data.changes).toContainEqual({
      field: 'disk_encryption.enabled',
      from: true,
      to: false,
    })
    expect(byType('device.created').map((e) => (e.data.record as { id: string }).id)).toEqual([
      enrolled._id,
    ])
    expect(byType('device.deleted').map((e) => (e.data.record as { id: string }).id)).toEqual([
      doomedDevice._id,
    ])
    expect(byType('group.member_added')).toContainEqual(
      expect.objectContaining({ data: expect.objectContaining({ user: { id: outsider._id } }) }),
    )
    expect(
      byType('application.assignment_added').some(
        (e) => (e.data.user as { id: string }).id === outsider._id,
      ),
    ).toBe(true)

    // Ids are feed positions in order; the cursor continues after the last one.
    const ids = result.map((e) => Number(e.id.slice(4)))
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    const after = await feed(token, (await feed(token, first.next_cursor)).next_cursor)
    expect(after.result).toEqual([])
    expect((await h.call('GET', '/v1/unified/changes?cursor=nope', { token })).status).toBe(400)
  }, 120_000)

  it('a key the directory now rejects turns the connection broken with connection.broken', async () => {
    const msp = sandbox.organizations.msp[0]
    if (!msp) throw new Error('msp org')
    const { connectionId, token } = await connectWith(h, SCENARIO_KEYS.msp, msp.id)
    const deps = { store: h.store, vault, providers: h.providers, logger, now: () => new Date() }
    expect(await syncConnection(deps, { hostAppId: h.hostAppId, connectionId })).toMatchObject({
      status: 'baseline',
    })
    sandbox.rotateKey(SCENARIO_KEYS.msp)
    expect(await syncConnection(deps, { hostAppId: h.hostAppId, connectionId })).toEqual({
      status: 'broken',
      reason: 'invalid_api_key',
    })
    const connection = await h.store.connections.get(h.hostAppId, connectionId)
    expect(connection).toMatchObject({ status: 'broken', statusReason: 'invalid_api_key' })
    const events = await h.store.changes.listEvents(connectionId, { afterId: 0, limit: 10 })
    expect(events.map((e) => e.type)).toEqual([
      'connection.created',
      'connection.synced',
      'connection.broken',
    ])
    expect(events[2]?.data).toEqual({ reason: 'invalid_api_key' })
    // The host hears of it in the feed at once.
    const listed = await feed(token)
    expect(listed.result.map((e) => e.type)).toContain('connection.broken')
  }, 60_000)

  it('POST /v1/connections/:id/sync queues a sync that a queue worker runs', async () => {
    const msp = sandbox.organizations.msp[1]
    if (!msp) throw new Error('msp org')
    const plain = await connectWith(h, sandbox.keys.msp, msp.id)
    // Without the change feed running, the route says so.
    expect(
      (await h.call('POST', `/v1/connections/${plain.connectionId}/sync`, { token: h.secret }))
        .status,
    ).toBe(503)

    // A server with the feed: its own harness (own master key) on the same database.
    let service: SyncService | undefined
    const h2 = await createHarness({
      store: h.store,
      fetch: (url, init) => Promise.resolve(sandbox.app.request(url, init)),
      deps: {
        // Signing keys live in the shared database, sealed under the first harness's key.
        tokens: h.tokens,
        sync: {
          requestSync: (target) => (service as SyncService).requestSync(target),
          tick: () => (service as SyncService).tick(),
          stop: async () => {},
        },
      },
    })
    const queue = await startJobQueue({ database: h.store.jobs, logger, pollSeconds: 0.5 })
    service = await startSyncService({
      store: h.store,
      vault: await createVault({ keys: [h2.masterKey], activeKeyId: h2.masterKey.id }),
      providers: h2.providers,
      logger,
      queue,
      tickSeconds: 0,
    })
    try {
      const { connectionId, token } = await connectWith(h2, sandbox.keys.msp, msp.id)
      // Another host app's connection is not found.
      expect(
        (await h2.call('POST', `/v1/connections/${plain.connectionId}/sync`, { token: h2.secret }))
          .status,
      ).toBe(404)
      const res = await h2.call('POST', `/v1/connections/${connectionId}/sync`, {
        token: h2.secret,
      })
      expect(res.status).toBe(202)
      expect(await res.json()).toEqual({ connection_id: connectionId, queued: true })
      const deadline = Date.now() + 60_000
      let types: string[] = []
      while (Date.now() < deadline) {
        const list = await h2.call('GET', '/v1/unified/changes', { token })
        types = ((await list.json()) as { result: { type: string }[] }).result.map((e) => e.type)
        if (types.includes('connection.synced')) break
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
      expect(types).toEqual(['connection.created', 'connection.synced'])
      // Due by the host app's interval: a just-synced connection is not; a never-synced one is.
      const due = (await h.store.changes.dueConnections(new Date(), 1000)).map((d) => d.id)
      expect(due).not.toContain(connectionId)
      expect(due).toContain(plain.connectionId)
    } finally {
      await service.stop()
      await queue.stop({ timeoutMs: 1000 })
    }
  }, 120_000)
})
