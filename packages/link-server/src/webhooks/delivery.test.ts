import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createSandbox, SCENARIO_KEYS } from '@jumplink/sandbox'
import type { WebhookDelivery, WebhookEndpoint, WebhookEndpointWithSecret } from '@jumplink/shared'
import pino from 'pino'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createVault } from '../crypto/vault'
import { startSession } from '../fixtures/flow'
import { createHarness, type Harness } from '../fixtures/harness'
import { connectWith } from '../fixtures/sandbox-connection'
import { type JobQueue, startJobQueue } from '../jobs/queue'
import type { StoredChangeEvent } from '../storage/change-store'
import { type SyncService, startSyncService } from '../sync/service'
import { startWebhookDelivery, type WebhookDeliveryService } from './delivery'
import type { WebhookDispatch } from './dispatch'

const logger = pino({ level: 'silent' })
const sandbox = createSandbox({ sizes: { single: { users: 40 } } })

interface Received {
  path: string
  headers: IncomingHttpHeaders
  body: string
}

/** A local receiver: records every request and answers as `answer` says for its path. */
let receiver: Server
let receiverUrl: string
const received: Received[] = []
let answer: (
  path: string,
  count: number,
) => { status: number; delayMs?: number; location?: string } = () => ({ status: 200 })

let h: Harness
let queue: JobQueue
let service: WebhookDeliveryService
let sync: SyncService
const dispatch: WebhookDispatch = {
  publish: (events) => service.publish(events),
  deliverSoon: (id) => service.deliverSoon(id),
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const path = req.url ?? '/'
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
      const plan = answer(path, received.filter((r) => r.path === path).length)
      setTimeout(() => {
        res.writeHead(plan.status, plan.location ? { location: plan.location } : {})
        res.end('ok')
      }, plan.delayMs ?? 0)
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`

  h = await createHarness({
    fetch: (url, init) => Promise.resolve(sandbox.app.request(url, init)),
    deps: {
      webhookUrls: { requireHttps: false, allowPrivate: false },
      webhookDelivery: dispatch,
      sync: {
        requestSync: (target) => sync.requestSync(target),
        tick: () => sync.tick(),
        stop: async () => {},
      },
    },
  })
  await h.store.webhooks.setAllowPrivateUrls(h.hostAppId, true)
  queue = await startJobQueue({ database: h.store.jobs, logger, pollSeconds: 0.5 })
  service = await startWebhookDelivery({
    store: h.store,
    vault: await createVault({ keys: [h.masterKey], activeKeyId: h.masterKey.id }),
    queue,
    logger,
    metrics: {
      upstreamCall() {},
      upstreamRetry() {},
      rateLimited() {},
      cacheLookup() {},
      syncRun() {},
      webhookAttempt: (a) => attempts.push(a.outcome),
      webhookDelivery: (d) => settled.push(d.result),
    },
    urlPolicy: { requireHttps: false, allowPrivate: false },
    // Generous for a loaded machine; the slow receiver below takes far longer.
    timeoutMs: 1000,
    firstRetryMs: 100,
    maxAttempts: 3,
    sweepSeconds: 0,
    sweepGraceMs: 0,
  })
  sync = await startSyncService({
    store: h.store,
    vault: await createVault({ keys: [h.masterKey], activeKeyId: h.masterKey.id }),
    providers: h.providers,
    logger,
    queue,
    tickSeconds: 0,
    onEvents: (events) => service.publish(events),
  })
}, 60_000)

afterAll(async () => {
  await sync?.stop()
  await service?.stop()
  await queue?.stop({ timeoutMs: 1000 })
  await h?.close()
  await new Promise((resolve) => receiver.close(resolve))
})

const attempts: string[] = []
const settled: string[] = []

async function endpoint(path: string, extra: Record<string, unknown> = {}) {
  const res = await h.call('POST', '/v1/webhook-endpoints', {
    token: h.secret,
    body: { url: `${receiverUrl}${path}`, ...extra },
  })
  expect(res.status).toBe(201)
  return (await res.json()) as WebhookEndpointWithSecret
}

let connectionSeq = 0
/** Stores events as a sync would, for a made-up connection of the harness's host app. */
async function emit(types: string[], publish = true): Promise<StoredChangeEvent[]> {
  const connectionId = `conn_test${String(++connectionSeq).padStart(20, '0')}`
  const events = await h.store.changes.appendEvents(
    types.map((type) => ({
      hostAppId: h.hostAppId,
      connectionId,
      type,
      data: { record: { id: `u${connectionSeq}` } },
      createdAt: new Date(),
    })),
  )
  if (publish) await service.publish(events)
  return events
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 20_000) {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await read()
    if (done(value) || Date.now() > deadline) return value
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function deliveries(
  query = '',
): Promise<{ result: WebhookDelivery[]; next_cursor: string | null }> {
  const res = await h.call('GET', `/v1/webhook-deliveries${query}`, { token: h.secret })
  expect(res.status).toBe(200)
  return res.json() as never
}

const bodiesAt = (path: string) => received.filter((r) => r.path === path)

describe('webhook delivery', () => {
  it('fans each event out to the endpoints that want it, signed for the reference verifier', async () => {
    const all = await endpoint('/all')
    const suspensions = await endpoint('/suspended', { event_types: ['user.suspended'] })
    const events = await emit(['user.created', 'user.suspended', 'device.updated'])

    await until(
      async () => bodiesAt('/all').length + bodiesAt('/suspended').length,
      (n) => n >= 4,
    )
    expect(
      bodiesAt('/all')
        .map((r) => JSON.parse(r.body).type)
        .sort(),
    ).toEqual(['device.updated', 'user.created', 'user.suspended'])
    expect(bodiesAt('/suspended').map((r) => JSON.parse(r.body).type)).toEqual(['user.suspended'])
    for (const request of bodiesAt('/all')) {
      const headers = request.headers as Record<string, string>
      // The Standard Webhooks reference implementation accepts it; the id is the event's.
      const payload = new Webhook(all.secret).verify(request.body, headers) as { id: string }
      expect(headers['webhook-id']).toBe(payload.id)
      expect(events.map((e) => `evt_${e.id}`)).toContain(payload.id)
      expect(headers['content-type']).toBe('application/json')
      expect(() => new Webhook(suspensions.secret).verify(request.body, headers)).toThrow()
    }

    // The log: one delivery per endpoint and event, with its attempt.
    const log = await until(
      () => deliveries(`?endpoint_id=${all.id}`),
      (l) => l.result.every((d) => d.status === 'succeeded') && l.result.length === 3,
    )
    expect(log.result).toHaveLength(3)
    for (const delivery of log.result) {
      expect(delivery).toMatchObject({
        endpoint_id: all.id,
        status: 'succeeded',
        next_attempt_at: null,
      })
      expect(delivery.attempts, JSON.stringify(delivery.attempts)).toHaveLength(1)
      expect(delivery.attempts[0]).toMatchObject({ status_code: 200, error: null })
      expect(delivery.attempts[0]?.duration_ms).toBeGreaterThanOrEqual(0)
      expect(delivery.completed_at).not.toBeNull()
    }
    const byType = await deliveries('?event_type=user.suspended')
    expect(new Set(byType.result.map((d) => d.endpoint_id))).toEqual(
      new Set([all.id, suspensions.id]),
    )
    const byEvent = await deliveries(`?event_id=evt_${events[0]?.id}`)
    expect(byEvent.result.map((d) => d.endpoint_id)).toEqual([all.id])
    // Cursor paging, newest first, no repeats.
    const first = await deliveries('?limit=2')
    expect(first.result).toHaveLength(2)
    const second = await deliveries(`?limit=2&cursor=${first.next_cursor}`)
    expect(second.result[0]?.id).not.toBe(first.result[1]?.id)
    const one = await h.call('GET', `/v1/webhook-deliveries/${first.result[0]?.id}`, {
      token: h.secret,
    })
    expect(await one.json()).toEqual(first.result[0])

    // Fanning the same events out again (another instance, a sweep) makes no second delivery.
    await service.publish(events)
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(bodiesAt('/all')).toHaveLength(3)
    await h.call('DELETE', `/v1/webhook-endpoints/${all.id}`, { token: h.secret })
    await h.call('DELETE', `/v1/webhook-endpoints/${suspensions.id}`, { token: h.secret })
  })

  it('retries failures with back-off, gives up after the last attempt, and redelivers on request', async () => {
    const flaky = await endpoint('/flaky')
    answer = (path, count) => ({ status: path === '/flaky' && count <= 2 ? 500 : 200 })
    await emit(['user.updated'])
    const healed = await until(
      () => deliveries(`?endpoint_id=${flaky.id}`),
      (l) => l.result[0]?.status === 'succeeded',
    )
    expect(healed.result[0]?.attempts.map((a) => [a.status_code, a.error])).toEqual([
      [500, 'http_500'],
      [500, 'http_500'],
      [200, null],
    ])

    const down = await endpoint('/down')
    answer = (path) => ({ status: path === '/down' ? 503 : 200 })
    await emit(['user.deleted'])
    const failed = await until(
      () => deliveries(`?endpoint_id=${down.id}&status=failed`),
      (l) => l.result.length === 1,
    )
    expect(failed.result[0]?.attempts.map((a) => a.status_code)).toEqual([503, 503, 503])
    expect(failed.result[0]?.next_attempt_at).toBeNull()
    expect(bodiesAt('/down')).toHaveLength(3)
    // The endpoint is failing, not yet for days: it stays enabled and says since when.
    const state = (await (
      await h.call('GET', `/v1/webhook-endpoints/${down.id}`, { token: h.secret })
    ).json()) as WebhookEndpoint
    expect(state.status).toBe('enabled')
    expect(state.failing_since).not.toBeNull()

    answer = () => ({ status: 204 })
    const id = failed.result[0]?.id
    const redo = await h.call('POST', `/v1/webhook-deliveries/${id}/redeliver`, { token: h.secret })
    expect(redo.status).toBe(202)
    expect(((await redo.json()) as WebhookDelivery).status).toBe('pending')
    const redelivered = await until(
      () => deliveries(`?endpoint_id=${down.id}`),
      (l) => l.result[0]?.status === 'succeeded',
    )
    expect(redelivered.result[0]?.attempts.map((a) => a.status_code)).toEqual([503, 503, 503, 204])
    // The same webhook-id every time: receivers deduplicate on it.
    expect(new Set(bodiesAt('/down').map((r) => r.headers['webhook-id'])).size).toBe(1)
    const answered = (await (
      await h.call('GET', `/v1/webhook-endpoints/${down.id}`, { token: h.secret })
    ).json()) as WebhookEndpoint
    expect(answered.failing_since).toBeNull()
    expect(settled).toContain('failed')
    expect(attempts).toContain('5xx')
    for (const e of [flaky, down])
      await h.call('DELETE', `/v1/webhook-endpoints/${e.id}`, { token: h.secret })
  })

  it('follows no redirect, bounds each attempt by the timeout, refuses private addresses at delivery', async () => {
    const moved = await endpoint('/moved')
    const slow = await endpoint('/slow')
    answer = (path) =>
      path === '/moved'
        ? { status: 302, location: `${receiverUrl}/elsewhere` }
        : path === '/slow'
          ? { status: 200, delayMs: 4000 }
          : { status: 200 }
    await emit(['device.created'])
    const log = await until(
      () => deliveries('?event_type=device.created'),
      (l) =>
        l.result.filter((d) => [moved.id, slow.id].includes(d.endpoint_id) && d.attempts.length > 0)
          .length === 2,
    )
    const first = (id: string) => log.result.find((d) => d.endpoint_id === id)?.attempts[0]
    expect(first(moved.id)).toMatchObject({ status_code: 302, error: 'redirect' })
    expect(first(slow.id)).toMatchObject({ status_code: null, error: 'timeout' })
    expect(first(slow.id)?.duration_ms).toBeLessThan(3000)
    expect(bodiesAt('/elsewhere')).toHaveLength(0)
    for (const e of [moved, slow])
      await h.call('DELETE', `/v1/webhook-endpoints/${e.id}`, { token: h.secret })
    answer = () => ({ status: 200 })

    // The host app loses its private-address setting after the endpoint was made.
    const hidden = await endpoint('/hidden')
    await h.store.webhooks.setAllowPrivateUrls(h.hostAppId, false)
    try {
      await emit(['device.updated'])
      const refused = await until(
        () => deliveries(`?endpoint_id=${hidden.id}`),
        (l) => (l.result[0]?.attempts.length ?? 0) > 0,
      )
      expect(refused.result[0]?.attempts[0]).toMatchObject({
        status_code: null,
        error: 'refused_address',
      })
      expect(bodiesAt('/hidden')).toHaveLength(0)
    } finally {
      await h.store.webhooks.setAllowPrivateUrls(h.hostAppId, true)
      await h.call('DELETE', `/v1/webhook-endpoints/${hidden.id}`, { token: h.secret })
    }
  })

  it('signs with both secrets for 24 hours after a rotation', async () => {
    const rotating = await endpoint('/rotating')
    const rotated = (await (
      await h.call('POST', `/v1/webhook-endpoints/${rotating.id}/rotate-secret`, {
        token: h.secret,
      })
    ).json()) as WebhookEndpointWithSecret
    await emit(['user.reactivated'])
    await until(
      async () => bodiesAt('/rotating').length,
      (n) => n === 1,
    )
    const [request] = bodiesAt('/rotating')
    if (!request) throw new Error('delivered')
    const headers = request.headers as Record<string, string>
    expect(headers['webhook-signature']?.split(' ')).toHaveLength(2)
    expect(new Webhook(rotating.secret).verify(request.body, headers)).toMatchObject({
      type: 'user.reactivated',
    })
    expect(new Webhook(rotated.secret).verify(request.body, headers)).toMatchObject({
      type: 'user.reactivated',
    })
    await h.call('DELETE', `/v1/webhook-endpoints/${rotating.id}`, { token: h.secret })
  })

  it('a sweep fans out events nobody published and takes over deliveries whose sender died', async () => {
    const swept = await endpoint('/swept')
    const [event] = await emit(['group.member_added'], false)
    await new Promise((resolve) => setTimeout(resolve, 800))
    expect(bodiesAt('/swept')).toHaveLength(0)
    await service.sweep()
    await until(
      async () => bodiesAt('/swept').length,
      (n) => n === 1,
    )
    expect(JSON.parse(bodiesAt('/swept')[0]?.body ?? '{}').id).toBe(`evt_${event?.id}`)

    // A delivery claimed by a process that then died: its lease lapses, a sweep sends it, once.
    const [orphan] = await emit(['group.member_removed'], false)
    await h.store.transaction(async (tx) => {
      const [row] = await tx.webhooks.insertDeliveries([
        {
          id: 'whd_orphanorphanorphanorphan',
          hostAppId: h.hostAppId,
          endpointId: swept.id,
          eventId: orphan?.id ?? 0,
          eventType: 'group.member_removed',
          connectionId: orphan?.connectionId ?? '',
          status: 'pending',
          attemptCount: 0,
          nextAttemptAt: new Date(),
          createdAt: new Date(),
        },
      ])
      await tx.webhooks.markFannedOut([orphan?.id ?? 0], new Date())
      expect(row).toBeDefined()
    })
    const past = new Date(Date.now() - 1000)
    expect(
      await h.store.webhooks.claimDelivery('whd_orphanorphanorphanorphan', past, past),
    ).toBeDefined()
    // While the lease holds, nobody else can take it.
    expect(
      await h.store.webhooks.claimDelivery(
        'whd_orphanorphanorphanorphan',
        new Date(Date.now() - 5000),
        new Date(),
      ),
    ).toBeUndefined()
    await service.sweep()
    await until(
      async () => bodiesAt('/swept').length,
      (n) => n === 2,
    )
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect(bodiesAt('/swept')).toHaveLength(2)
    await h.call('DELETE', `/v1/webhook-endpoints/${swept.id}`, { token: h.secret })
  })

  it('keeps the delivery log 30 days: older settled deliveries go, waiting ones stay', async () => {
    const kept = await endpoint('/kept')
    const events = await emit(['user.created', 'user.updated'])
    await until(
      async () => bodiesAt('/kept').length,
      (n) => n === 2,
    )
    await until(
      () => deliveries(`?endpoint_id=${kept.id}&status=succeeded`),
      (l) => l.result.length === 2,
    )
    const later = new Date(Date.now() + 31 * 86_400_000)
    // A delivery still waiting is never dropped, however old.
    await h.store.webhooks.requeueDelivery(
      h.hostAppId,
      (await deliveries(`?endpoint_id=${kept.id}&event_id=evt_${events[0]?.id}`)).result[0]?.id ??
        '',
      new Date(),
    )
    await h.store.webhooks.pruneDeliveries(later)
    const left = await deliveries(`?endpoint_id=${kept.id}`)
    expect(left.result.map((d) => d.event_id)).toEqual([`evt_${events[0]?.id}`])
    await h.call('DELETE', `/v1/webhook-endpoints/${kept.id}`, { token: h.secret })
  })

  it('disables an endpoint that keeps failing, and says why and when', async () => {
    const doomed = await endpoint('/doomed')
    answer = (path) => ({ status: path === '/doomed' ? 500 : 200 })
    // Failing "for days": the endpoint has been failing since long ago.
    await h.store.webhooks.markFailing(doomed.id, new Date(Date.now() - 6 * 24 * 3600_000))
    await emit(['device.deleted'])
    const state = await until(
      async () =>
        (await (
          await h.call('GET', `/v1/webhook-endpoints/${doomed.id}`, { token: h.secret })
        ).json()) as WebhookEndpoint,
      (e) => e.status === 'disabled',
    )
    expect(state).toMatchObject({ status: 'disabled', disabled_reason: 'failing' })
    expect(state.disabled_at).not.toBeNull()
    // Its deliveries cannot be redelivered while it stays disabled.
    const [given] = (await deliveries(`?endpoint_id=${doomed.id}`)).result
    const refused = await h.call('POST', `/v1/webhook-deliveries/${given?.id}/redeliver`, {
      token: h.secret,
    })
    expect(refused.status).toBe(400)
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      'invalid_request',
    )
    // A disabled endpoint gets nothing more; what was waiting for it is given up.
    const before = bodiesAt('/doomed').length
    await emit(['device.deleted'])
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(bodiesAt('/doomed')).toHaveLength(before)
    answer = () => ({ status: 200 })
  })

  it('connection events enter the feed and reach webhooks: created, broken on a read, relinked, revoked', async () => {
    const hooks = await endpoint('/connections', {
      event_types: [
        'connection.created',
        'connection.broken',
        'connection.relinked',
        'connection.revoked',
      ],
    })
    const org = sandbox.organizations.msp[0]
    if (!org) throw new Error('org')
    const { connectionId, token } = await connectWith(h, SCENARIO_KEYS.msp, org.id)
    // The key is rotated in the directory: the next ordinary read gets a 401.
    const newKey = sandbox.rotateKey(SCENARIO_KEYS.msp)
    // Several reads find it at once: the connection breaks once, one event.
    const reads = await Promise.all(
      [1, 2, 3].map(() => h.call('GET', '/v1/unified/user-directory/users', { token })),
    )
    expect(reads.map((r) => r.status)).toEqual([400, 400, 400])
    // The admin relinks with the new key: same connection, and the old token reads again.
    const relink = await h.call('POST', '/v1/link/complete', {
      token: await startSession(h, { connection_id: connectionId }),
      body: { api_key: newKey, region: 'us', organization_id: org.id },
    })
    expect(relink.status).toBe(200)
    expect(((await relink.json()) as { connection_id: string }).connection_id).toBe(connectionId)
    expect((await h.call('GET', '/v1/unified/user-directory/users', { token })).status).toBe(200)
    expect(
      (await h.call('DELETE', `/v1/connections/${connectionId}`, { token: h.secret })).status,
    ).toBe(200)
    await until(
      async () => bodiesAt('/connections').length,
      (n) => n >= 4,
    )
    const events = bodiesAt('/connections').map((r) => JSON.parse(r.body))
    expect(events.map((e) => e.type).sort()).toEqual([
      'connection.broken',
      'connection.created',
      'connection.relinked',
      'connection.revoked',
    ])
    for (const e of events) expect(e.connection_id).toBe(connectionId)
    expect(events.find((e) => e.type === 'connection.broken')?.data).toEqual({
      reason: 'invalid_api_key',
      source: 'read',
    })
    for (const type of ['connection.created', 'connection.relinked']) {
      expect(events.find((e) => e.type === type)?.data).toMatchObject({
        organization: { id: org.id },
      })
    }
    await h.call('DELETE', `/v1/webhook-endpoints/${hooks.id}`, { token: h.secret })
  }, 60_000)

  it('a change made through a JumpLink write reaches webhooks, through a targeted sync', async () => {
    const hooks = await endpoint('/writes', { event_types: ['user.suspended'] })
    const org = sandbox.organizations.single
    const { connectionId, token } = await connectWith(h, SCENARIO_KEYS.single, org.id, {
      permissions: 'read_write',
    })
    // The baseline first (as the schedule would), then the write.
    expect(
      (await h.call('POST', `/v1/connections/${connectionId}/sync`, { token: h.secret })).status,
    ).toBe(202)
    await until(
      () => h.store.changes.listEvents(connectionId, { afterId: 0, limit: 10 }),
      (events) => events.some((e) => e.type === 'connection.synced'),
      60_000,
    )
    const target = org.data.users.find((u) => u.state === 'ACTIVATED')
    if (!target) throw new Error('an active user')
    const res = await h.call('POST', `/v1/unified/user-directory/users/${target._id}/suspend`, {
      token,
    })
    expect(res.status).toBe(200)
    // No sync was asked for by anyone else: the write queued it.
    await until(
      async () => bodiesAt('/writes').length,
      (n) => n >= 1,
      60_000,
    )
    const [event] = bodiesAt('/writes').map((r) => JSON.parse(r.body))
    expect(event).toMatchObject({ type: 'user.suspended', connection_id: connectionId })
    expect(event.data.record.id).toBe(target._id)
    expect(bodiesAt('/writes')).toHaveLength(1)
    await h.call('DELETE', `/v1/webhook-endpoints/${hooks.id}`, { token: h.secret })
  }, 120_000)

  it('a unified read refused for the key’s role breaks the connection; a refused write does not', async () => {
    const org = sandbox.organizations.mspMany[0]
    if (!org) throw new Error('org')
    const { connectionId, token } = await connectWith(h, SCENARIO_KEYS.mspMany, org.id, {
      permissions: 'read_write',
    })
    const status = async () => (await h.store.connections.get(h.hostAppId, connectionId))?.status
    // The admin behind the key is moved to a role that may not read the directory.
    sandbox.revokeKeyPermissions(SCENARIO_KEYS.mspMany)
    const target = org.data.users[0]
    if (!target) throw new Error('a user')
    const write = await h.call('POST', `/v1/unified/user-directory/users/${target._id}/suspend`, {
      token,
    })
    expect(write.status).toBe(403)
    // A 403 on one action may be about that action: the connection stays as it was.
    expect(await status()).toBe('active')
    const read = await h.call('GET', '/v1/unified/user-directory/users', { token })
    expect(read.status).toBe(403)
    expect(await status()).toBe('broken')
    const events = await h.store.changes.listEvents(connectionId, { afterId: 0, limit: 10 })
    expect(events.find((e) => e.type === 'connection.broken')?.data).toEqual({
      reason: 'insufficient_permissions',
      source: 'read',
    })
  })
})
