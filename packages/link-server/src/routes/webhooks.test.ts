import type { WebhookEndpoint, WebhookEndpointWithSecret } from '@jumplink/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createVault } from '../crypto/vault'
import { createHarness, type Harness } from '../fixtures/harness'
import { createHostApp } from '../host-apps'
import { signingSecrets } from '../webhooks/endpoints'

let h: Harness
beforeAll(async () => {
  h = await createHarness({ deps: { webhookUrls: { requireHttps: true, allowPrivate: false } } })
})
afterAll(() => h.close())

const create = (body: unknown, token = h.secret) =>
  h.call('POST', '/v1/webhook-endpoints', { token, body })

async function created(body: Record<string, unknown> = {}): Promise<WebhookEndpointWithSecret> {
  const res = await create({ url: 'https://hooks.example.com/jumplink', ...body })
  expect(res.status).toBe(201)
  return (await res.json()) as WebhookEndpointWithSecret
}

async function errorCode(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code
}

describe('webhook endpoints (host API)', () => {
  it('creates an endpoint and shows its whsec_ secret once', async () => {
    const endpoint = await created({
      description: 'Access reviews',
      event_types: ['user.suspended', 'connection.broken'],
    })
    expect(endpoint).toMatchObject({
      url: 'https://hooks.example.com/jumplink',
      description: 'Access reviews',
      event_types: ['user.suspended', 'connection.broken'],
      status: 'enabled',
      disabled_reason: null,
      previous_secret_expires_at: null,
    })
    expect(endpoint.id).toMatch(/^whep_/)
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    const read = await h.call('GET', `/v1/webhook-endpoints/${endpoint.id}`, { token: h.secret })
    expect(read.status).toBe(200)
    const text = await read.text()
    expect(text).not.toContain(endpoint.secret)
    expect(JSON.parse(text)).not.toHaveProperty('secret')
    // Stored sealed, never in the clear.
    const stored = await h.store.webhooks.getEndpoint(h.hostAppId, endpoint.id)
    expect(stored?.secret).not.toContain(endpoint.secret.slice(6))
    // Without event types: every type.
    expect((await created()).event_types).toBeNull()
  })

  it('lists, pages, updates and deletes endpoints, only its own host app’s', async () => {
    const other = await createHostApp(h.store, { name: 'Other', allowedOrigins: [] })
    const theirs = (await (
      await create({ url: 'https://other.example.com/hook' }, other.secret)
    ).json()) as WebhookEndpoint
    const mine = await created({ url: 'https://hooks.example.com/a' })

    const ids: string[] = []
    let cursor: string | null = null
    do {
      const res = await h.call(
        'GET',
        `/v1/webhook-endpoints?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: h.secret },
      )
      expect(res.status).toBe(200)
      const page = (await res.json()) as { result: WebhookEndpoint[]; next_cursor: string | null }
      expect(page.result.length).toBeLessThanOrEqual(2)
      ids.push(...page.result.map((e) => e.id))
      cursor = page.next_cursor
    } while (cursor)
    expect(ids).toContain(mine.id)
    expect(ids).not.toContain(theirs.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(
      (await h.call('GET', '/v1/webhook-endpoints?cursor=garbage', { token: h.secret })).status,
    ).toBe(400)

    // Another app's endpoint, or a malformed id: not found, for every verb.
    for (const id of [theirs.id, 'whep_nope', 'x'.repeat(300)]) {
      for (const [method, path] of [
        ['GET', `/v1/webhook-endpoints/${id}`],
        ['PATCH', `/v1/webhook-endpoints/${id}`],
        ['DELETE', `/v1/webhook-endpoints/${id}`],
        ['POST', `/v1/webhook-endpoints/${id}/rotate-secret`],
      ] as const) {
        const res = await h.call(method, path, {
          token: h.secret,
          ...(method === 'PATCH' ? { body: { description: 'x' } } : {}),
        })
        expect(res.status, `${method} ${path}`).toBe(404)
        expect(await errorCode(res)).toBe('webhook_endpoint_not_found')
      }
    }

    const patched = await h.call('PATCH', `/v1/webhook-endpoints/${mine.id}`, {
      token: h.secret,
      body: { url: 'https://hooks.example.com/b', event_types: ['device.updated'], enabled: false },
    })
    expect(patched.status).toBe(200)
    const disabled = (await patched.json()) as WebhookEndpoint
    expect(disabled).toMatchObject({
      url: 'https://hooks.example.com/b',
      event_types: ['device.updated'],
      status: 'disabled',
      disabled_reason: 'disabled_by_host',
    })
    expect(disabled.disabled_at).not.toBeNull()
    const enabled = (await (
      await h.call('PATCH', `/v1/webhook-endpoints/${mine.id}`, {
        token: h.secret,
        body: { enabled: true, event_types: null, description: null },
      })
    ).json()) as WebhookEndpoint
    expect(enabled).toMatchObject({
      status: 'enabled',
      disabled_reason: null,
      disabled_at: null,
      event_types: null,
      description: null,
    })

    const deleted = await h.call('DELETE', `/v1/webhook-endpoints/${mine.id}`, { token: h.secret })
    expect(await deleted.json()).toEqual({ id: mine.id, deleted: true })
    expect(
      (await h.call('GET', `/v1/webhook-endpoints/${mine.id}`, { token: h.secret })).status,
    ).toBe(404)
  })

  it('rotates the secret: the old one signs beside the new for 24 hours, then not', async () => {
    const endpoint = await created()
    const res = await h.call('POST', `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, {
      token: h.secret,
    })
    expect(res.status).toBe(200)
    const rotated = (await res.json()) as WebhookEndpointWithSecret
    expect(rotated.secret).toMatch(/^whsec_/)
    expect(rotated.secret).not.toBe(endpoint.secret)
    const overlapEnds = new Date(rotated.previous_secret_expires_at ?? 0).getTime()
    expect(overlapEnds - h.clock.now.getTime()).toBe(24 * 3600_000)

    const vault = await createVault({ keys: [h.masterKey], activeKeyId: h.masterKey.id })
    const stored = await h.store.webhooks.getEndpoint(h.hostAppId, endpoint.id)
    if (!stored) throw new Error('stored')
    expect(signingSecrets(stored, vault, h.clock.now)).toEqual([rotated.secret, endpoint.secret])
    expect(signingSecrets(stored, vault, new Date(overlapEnds + 1))).toEqual([rotated.secret])
  })

  it('refuses each kind of bad URL with its own code', async () => {
    const cases: [string, string][] = [
      ['not a url', 'webhook_url_invalid'],
      ['ftp://hooks.example.com/x', 'webhook_url_invalid'],
      ['https://user:pass@hooks.example.com/x', 'webhook_url_invalid'],
      ['https://hooks.example.com/x#frag', 'webhook_url_invalid'],
      ['http://hooks.example.com/x', 'webhook_url_insecure'],
      ['https://127.0.0.1/x', 'webhook_url_private'],
      ['https://0x7f.1/x', 'webhook_url_private'],
      ['https://2130706433/x', 'webhook_url_private'],
      ['https://localhost:8443/x', 'webhook_url_private'],
      ['https://api.localhost/x', 'webhook_url_private'],
      ['https://10.1.2.3/x', 'webhook_url_private'],
      ['https://172.20.0.1/x', 'webhook_url_private'],
      ['https://192.168.1.10/x', 'webhook_url_private'],
      ['https://169.254.169.254/latest/meta-data', 'webhook_url_private'],
      ['https://[::1]/x', 'webhook_url_private'],
      ['https://[::ffff:127.0.0.1]/x', 'webhook_url_private'],
      ['https://[fd00::1]/x', 'webhook_url_private'],
      ['https://[fe80::1]/x', 'webhook_url_private'],
      ['https://0.0.0.0/x', 'webhook_url_private'],
      ['https://224.0.0.1/x', 'webhook_url_private'],
    ]
    for (const [url, code] of cases) {
      const res = await create({ url })
      expect(res.status, url).toBe(400)
      expect(await errorCode(res), url).toBe(code)
    }
    // The same rules on update.
    const endpoint = await created()
    const patched = await h.call('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, {
      token: h.secret,
      body: { url: 'https://127.0.0.1/x' },
    })
    expect(await errorCode(patched)).toBe('webhook_url_private')
  })

  it('refuses bad bodies and unknown event types with invalid_request', async () => {
    for (const body of [
      {},
      { url: 'https://hooks.example.com', event_types: ['user.exploded'] },
      { url: 'https://hooks.example.com', event_types: [] },
      { url: 'https://hooks.example.com', event_types: ['user.created', 'user.created'] },
      { url: 'https://hooks.example.com', extra: true },
      { url: 'https://hooks.example.com', description: 'x'.repeat(300) },
    ]) {
      const res = await create(body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(await errorCode(res)).toBe('invalid_request')
    }
    const wrongType = await h.app.request('http://localhost/v1/webhook-endpoints', {
      method: 'POST',
      headers: { authorization: `Bearer ${h.secret}`, 'content-type': 'text/plain' },
      body: 'url=https://x',
    })
    expect(wrongType.status).toBe(415)
  })

  it('needs the host secret key', async () => {
    for (const [method, path] of [
      ['GET', '/v1/webhook-endpoints'],
      ['POST', '/v1/webhook-endpoints'],
      ['GET', '/v1/webhook-deliveries'],
    ] as const) {
      expect((await h.call(method, path)).status).toBe(401)
      const res = await h.call(method, path, { token: 'jl_sk_wrong' })
      expect(res.status).toBe(401)
      expect(await errorCode(res)).toBe('invalid_secret_key')
    }
  })

  it('caps endpoints per host app', async () => {
    const app = await createHostApp(h.store, { name: 'Busy', allowedOrigins: [] })
    for (let i = 0; i < 20; i++)
      expect((await create({ url: `https://hooks.example.com/${i}` }, app.secret)).status).toBe(201)
    const res = await create({ url: 'https://hooks.example.com/21' }, app.secret)
    expect(res.status).toBe(409)
    expect(await errorCode(res)).toBe('webhook_endpoint_limit_reached')
  })
})

describe('webhook URL rules by mode and host-app setting', () => {
  it('allows http outside production, and loopback where the host app may use it', async () => {
    const dev = await createHarness({
      store: h.store,
      deps: { webhookUrls: { requireHttps: false, allowPrivate: false } },
    })
    const post = (url: string) =>
      dev.call('POST', '/v1/webhook-endpoints', { token: dev.secret, body: { url } })
    expect((await post('http://hooks.example.com/x')).status).toBe(201)
    expect(await errorCode(await post('http://127.0.0.1:9000/x'))).toBe('webhook_url_private')
    await h.store.webhooks.setAllowPrivateUrls(dev.hostAppId, true)
    expect((await post('http://127.0.0.1:9000/x')).status).toBe(201)
    expect((await post('http://10.0.0.5/x')).status).toBe(201)
    // Link-local (cloud metadata) stays refused whatever the setting.
    expect(await errorCode(await post('http://169.254.169.254/x'))).toBe('webhook_url_private')

    const demo = await createHarness({
      store: h.store,
      deps: { webhookUrls: { requireHttps: false, allowPrivate: true } },
    })
    const res = await demo.call('POST', '/v1/webhook-endpoints', {
      token: demo.secret,
      body: { url: 'http://localhost:4000/webhooks' },
    })
    expect(res.status).toBe(201)
  })
})

describe('webhook deliveries (host API)', () => {
  it('answers unknown deliveries and bad filters with catalog codes', async () => {
    const list = await h.call('GET', '/v1/webhook-deliveries', { token: h.secret })
    expect(list.status).toBe(200)
    expect(await list.json()).toEqual({ result: [], next_cursor: null })
    for (const query of ['status=lost', 'event_id=42', 'endpoint_id=nope', 'limit=0', 'x=1']) {
      const res = await h.call('GET', `/v1/webhook-deliveries?${query}`, { token: h.secret })
      expect(res.status, query).toBe(400)
      expect(await errorCode(res)).toBe('invalid_request')
    }
    expect(
      await errorCode(
        await h.call('GET', '/v1/webhook-deliveries?cursor=zzz', { token: h.secret }),
      ),
    ).toBe('invalid_cursor')
    const missing = await h.call('GET', '/v1/webhook-deliveries/whd_abcdefghijklmnopqrstuvwx', {
      token: h.secret,
    })
    expect(missing.status).toBe(404)
    expect(await errorCode(missing)).toBe('webhook_delivery_not_found')
    const redeliver = await h.call(
      'POST',
      '/v1/webhook-deliveries/whd_abcdefghijklmnopqrstuvwx/redeliver',
      { token: h.secret },
    )
    expect(await errorCode(redeliver)).toBe('webhook_delivery_not_found')
  })
})
