import { createSandbox, SCENARIO_KEYS } from '@jumplink/sandbox'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createVault } from '../crypto/vault'
import { expectError } from '../fixtures/flow'
import { createHarness, type Harness } from '../fixtures/harness'
import { connectWith } from '../fixtures/sandbox-connection'
import { type JobQueue, startJobQueue } from '../jobs/queue'
import { type SyncService, startSyncService } from '../sync/service'
import { INGEST_DEBOUNCE_SECONDS } from './ingest'

/** What the directory's webhook channel would send: the body must not matter. */
const FORGED_BODY = JSON.stringify({
  type: 'user.suspended',
  data: { record: { id: 'forged', status: 'suspended' } },
})

const sandbox = createSandbox()
const org = sandbox.organizations.single
const requested: { target: unknown; options: unknown }[] = []
let h: Harness
let connectionId: string
let token: string

beforeAll(async () => {
  h = await createHarness({
    fetch: (url, init) => Promise.resolve(sandbox.app.request(url, init)),
    deps: {
      sync: {
        requestSync: async (target, options) => {
          requested.push({ target, options })
          return true
        },
        tick: async () => 0,
        stop: async () => {},
      },
    },
  })
  ;({ connectionId, token } = await connectWith(h, SCENARIO_KEYS.single, org.id))
})
afterAll(() => h.close())

type IngestUrl = { url: string; base_url: string; header_name: string; secret: string }

async function ingestUrl(method: 'GET' | 'POST' = 'GET', path = 'ingest-url') {
  const res = await h.call(method, `/v1/connections/${connectionId}/${path}`, { token: h.secret })
  expect(res.status).toBe(200)
  return (await res.json()) as IngestUrl
}

/** A delivery to the URL as the link server sees it (its path, from the public URL). */
function deliver(url: string, headers: Record<string, string> = {}) {
  return h.call('POST', new URL(url).pathname, {
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.parse(FORGED_BODY),
  })
}

describe('ingest URL (host API)', () => {
  it('is made once and shown again, secret in the path or for a header', async () => {
    const first = await ingestUrl()
    expect(first.secret).toMatch(/^jl_ing_[A-Za-z0-9_-]{43}$/)
    expect(first.url).toBe(`http://localhost:3100/v1/ingest/${connectionId}/${first.secret}`)
    expect(first.base_url).toBe(`http://localhost:3100/v1/ingest/${connectionId}`)
    expect(first.header_name).toBe('x-jumplink-ingest-secret')
    expect(await ingestUrl()).toEqual(first)
    // Stored hashed and sealed, never in the clear.
    const row = await h.store.ingest.get(connectionId)
    expect(JSON.stringify(row)).not.toContain(first.secret.slice(7))
  })

  it("is another host app's connection's: not found", async () => {
    const other = await createHarness({ store: h.store, deps: { tokens: h.tokens } })
    await expectError(
      await other.call('GET', `/v1/connections/${connectionId}/ingest-url`, {
        token: other.secret,
      }),
      'connection_not_found',
    )
  })
})

describe('POST /v1/ingest (a delivery)', () => {
  it('queues one debounced sync of that connection, by path or by header; the body is ignored', async () => {
    const { url, base_url, header_name, secret } = await ingestUrl()
    requested.length = 0
    const byPath = await deliver(url)
    expect(byPath.status).toBe(202)
    expect(await byPath.json()).toEqual({ queued: true })
    const byHeader = await deliver(base_url, { [header_name]: secret })
    expect(byHeader.status).toBe(202)
    expect(requested).toEqual([
      {
        target: { hostAppId: h.hostAppId, connectionId },
        options: { delaySeconds: INGEST_DEBOUNCE_SECONDS },
      },
      {
        target: { hostAppId: h.hostAppId, connectionId },
        options: { delaySeconds: INGEST_DEBOUNCE_SECONDS },
      },
    ])
    // Nothing from the body reaches the feed (only the link's own connection.created is there).
    const feed = await h.call('GET', '/v1/unified/changes', { token })
    expect(
      ((await feed.json()) as { result: { type: string }[] }).result.map((e) => e.type),
    ).toEqual(['connection.created'])
  })

  it('refuses a wrong secret, an unknown connection or no secret alike, in constant time', async () => {
    const { url, base_url, header_name, secret } = await ingestUrl()
    requested.length = 0
    const wrong = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`
    for (const response of [
      await deliver(url.replace(secret, wrong)),
      await deliver(base_url, { [header_name]: wrong }),
      await deliver(base_url),
      await deliver(url.replace(connectionId, 'conn_AAAAAAAAAAAAAAAAAAAAAAAA')),
      await deliver(url.replace(connectionId, 'not-a-connection')),
    ])
      await expectError(response, 'invalid_token')
    expect(requested).toEqual([])
  })

  it('never logs the secret', async () => {
    const { url, secret } = await ingestUrl()
    await deliver(url)
    const logs = h.logs.join('\n')
    expect(logs).toContain('/v1/ingest/')
    expect(logs).not.toContain(secret.slice(7))
  })

  it('rate-limits deliveries per connection (guesses too), with retry_after', async () => {
    const { url, secret } = await ingestUrl()
    const wrong = url.replace(secret, 'jl_ing_wrong')
    let limited: Response | undefined
    for (let i = 0; i < 70 && !limited; i++) {
      const res = await deliver(i % 2 ? url : wrong)
      if (res.status === 429) limited = res
    }
    if (!limited) throw new Error('never limited')
    const error = await expectError(limited, 'rate_limited')
    expect(error.retry_after).toBeGreaterThan(0)
  })

  it('stops working when rotated or revoked', async () => {
    const other = await connectWith(h, SCENARIO_KEYS.single, org.id)
    const call = (path: string) =>
      h.call('POST', `/v1/connections/${other.connectionId}/${path}`, { token: h.secret })
    const before = (await (
      await h.call('GET', `/v1/connections/${other.connectionId}/ingest-url`, { token: h.secret })
    ).json()) as IngestUrl
    const rotated = (await (await call('ingest-url/rotate')).json()) as IngestUrl
    expect(rotated.secret).not.toBe(before.secret)
    await expectError(await deliver(before.url), 'invalid_token')
    expect((await deliver(rotated.url)).status).toBe(202)
    await h.call('DELETE', `/v1/connections/${other.connectionId}`, { token: h.secret })
    await expectError(await deliver(rotated.url), 'connection_revoked')
    await expectError(await call('ingest-url/rotate'), 'connection_revoked')
  })
})

describe('a delivery with the change feed running', () => {
  it('turns a suspension in the directory into user.suspended within seconds', async () => {
    const logger = pino({ level: 'silent' })
    let service: SyncService | undefined
    let queue: JobQueue | undefined
    const live = await createHarness({
      store: h.store,
      fetch: (url, init) => Promise.resolve(sandbox.app.request(url, init)),
      deps: {
        tokens: h.tokens,
        sync: {
          requestSync: (target, options) => (service as SyncService).requestSync(target, options),
          tick: async () => 0,
          stop: async () => {},
        },
      },
    })
    try {
      queue = await startJobQueue({ database: h.store.jobs, logger, pollSeconds: 0.5 })
      service = await startSyncService({
        store: h.store,
        vault: await createVault({ keys: [live.masterKey], activeKeyId: live.masterKey.id }),
        providers: live.providers,
        logger,
        queue,
        tickSeconds: 0,
      })
      const conn = await connectWith(live, SCENARIO_KEYS.single, org.id)
      const url = (
        (await (
          await live.call('GET', `/v1/connections/${conn.connectionId}/ingest-url`, {
            token: live.secret,
          })
        ).json()) as IngestUrl
      ).url
      const types = async () =>
        (
          (await (
            await live.call('GET', '/v1/unified/changes?limit=1000', { token: conn.token })
          ).json()) as { result: { type: string; data: { record?: { id?: string } } }[] }
        ).result
      const waitFor = async (ok: (events: Awaited<ReturnType<typeof types>>) => boolean) => {
        const deadline = Date.now() + 45_000
        for (;;) {
          const events = await types()
          if (ok(events)) return events
          if (Date.now() > deadline) throw new Error(`waited in vain: ${JSON.stringify(events)}`)
          await new Promise((r) => setTimeout(r, 250))
        }
      }
      // The first delivery sets the baseline.
      expect((await live.call('POST', new URL(url).pathname)).status).toBe(202)
      await waitFor((events) => events.some((e) => e.type === 'connection.synced'))

      const user = org.data.users.find((u) => u.state === 'ACTIVATED')
      if (!user) throw new Error('an active user')
      const suspended = await sandbox.app.request(
        `/_sandbox/organizations/${org.id}/users/${user._id}`,
        {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ suspended: true }),
        },
      )
      expect(suspended.status).toBeLessThan(300)
      const delivered = Date.now()
      // A burst of deliveries (the directory sends one per change) is one sync.
      const burst = await Promise.all([1, 2, 3].map(() => live.call('POST', new URL(url).pathname)))
      expect(burst.map((r) => r.status)).toEqual([202, 202, 202])
      const queued = await Promise.all(
        burst.map(async (r) => (await r.json()) as { queued: boolean }),
      )
      expect(queued.filter((q) => q.queued)).toHaveLength(1)
      const events = await waitFor((list) => list.some((e) => e.type === 'user.suspended'))
      const elapsed = Date.now() - delivered
      expect(
        events.filter((e) => e.type === 'user.suspended').map((e) => e.data.record?.id),
      ).toEqual([user._id])
      // Debounce plus one sync of a small organization: seconds, not the 15-minute schedule.
      expect(elapsed).toBeLessThan(30_000)
    } finally {
      await service?.stop()
      await queue?.stop({ timeoutMs: 1000 })
    }
  }, 90_000)
})
