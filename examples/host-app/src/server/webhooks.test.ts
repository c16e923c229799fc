import { createHmac, randomBytes } from 'node:crypto'
import { type ChangeEvent, createJumpLinkClient } from '@jumplink/client'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createLiveFeed } from './live-feed'
import { createTokenStore } from './token-store'
import { mountWebhookReceiver, registerWebhookEndpoint, WEBHOOK_PATH } from './webhooks'

const SECRET = `whsec_${randomBytes(24).toString('base64')}`

/** Signs as the Standard Webhooks scheme says: HMAC-SHA256 of "id.timestamp.body". */
function sign(body: string, secret = SECRET, at = Math.floor(Date.now() / 1000)) {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64')
  const id = `msg_${randomBytes(6).toString('hex')}`
  const signature = createHmac('sha256', key).update(`${id}.${at}.${body}`).digest('base64')
  return {
    'webhook-id': id,
    'webhook-timestamp': String(at),
    'webhook-signature': `v1,${signature}`,
  }
}

const SUSPENDED: ChangeEvent = {
  id: 'evt_12',
  type: 'user.suspended',
  connection_id: 'conn_mine0000000000000000000',
  occurred_at: '2026-11-25T10:00:00.000Z',
  data: {
    record: { id: 'u_1', display_name: 'Ada Lovelace', email: 'ada@acme.test' },
    changes: [{ field: 'status', from: 'active', to: 'inactive' }],
  },
}

/** A link server stub: the user still has one of two apps. */
function directoryFetch(): typeof fetch {
  return async (input) => {
    const url = new URL(String(input))
    if (url.pathname === '/v1/unified/sso/applications')
      return Response.json({
        result: [
          { id: 'app_sf', name: 'Salesforce' },
          { id: 'app_zm', name: 'Zoom' },
        ],
        next_cursor: null,
      })
    if (url.pathname === '/v1/unified/sso/applications/app_sf/assignments')
      return Response.json({
        result: url.searchParams.get('user_id') === 'u_1' ? [{ user: { id: 'u_1' } }] : [],
        next_cursor: null,
      })
    return Response.json({ result: [], next_cursor: null })
  }
}

function receiver() {
  const tokens = createTokenStore()
  tokens.set(SUSPENDED.connection_id, 'integration-token')
  const feed = createLiveFeed({
    jumplink: createJumpLinkClient({
      baseUrl: 'http://link.test',
      secretKey: 'jl_sk_x',
      fetch: directoryFetch(),
    }),
    tokens,
    endUserId: 'user_1',
  })
  const app = new Hono()
  mountWebhookReceiver(app, feed, () => [SECRET])
  const post = (body: string, headers: Record<string, string>) =>
    app.request(WEBHOOK_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    })
  return { feed, post }
}

describe('webhook receiver', () => {
  it('takes a signed delivery once, joined with the apps the person still has', async () => {
    const { feed, post } = receiver()
    const body = JSON.stringify(SUSPENDED)
    expect((await post(body, sign(body))).status).toBe(204)
    // A redelivery (same event id) is shown once.
    expect((await post(body, sign(body))).status).toBe(204)
    const { items } = feed.view()
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({
      id: 'evt_12',
      title: 'Ada Lovelace was suspended',
      subject: { id: 'u_1', email: 'ada@acme.test' },
      stillHas: ['Salesforce'],
      changes: ['status: "active" → "inactive"'],
      via: 'webhook',
    })
  })

  it('refuses a changed body, another secret or an old timestamp, and believes none of it', async () => {
    const { feed, post } = receiver()
    const body = JSON.stringify(SUSPENDED)
    const other = `whsec_${randomBytes(24).toString('base64')}`
    for (const [sent, headers] of [
      [body.replace('Ada', 'Eve'), sign(body)],
      [body, sign(body, other)],
      [body, sign(body, SECRET, Math.floor(Date.now() / 1000) - 3600)],
      [body, {}],
    ] as const) {
      expect((await post(sent, headers)).status).toBe(401)
    }
    expect(feed.view().items).toEqual([])
  })

  it('marks a connection broken at once when connection.broken arrives', async () => {
    const { feed, post } = receiver()
    const broken = JSON.stringify({
      ...SUSPENDED,
      id: 'evt_13',
      type: 'connection.broken',
      data: { reason: 'invalid_api_key' },
    })
    expect((await post(broken, sign(broken))).status).toBe(204)
    expect(feed.view().broken).toEqual([
      {
        connectionId: SUSPENDED.connection_id,
        organization: SUSPENDED.connection_id,
        reason: 'invalid_api_key',
        at: SUSPENDED.occurred_at,
      },
    ])
  })
})

describe('registerWebhookEndpoint', () => {
  it('replaces an endpoint of the same URL and answers the new secret', async () => {
    const calls: string[] = []
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const url = new URL(String(input))
      calls.push(`${init?.method} ${url.pathname}`)
      if (init?.method === 'GET')
        return Response.json({
          result: [
            { id: 'whep_old', url: 'http://host.test/webhooks/jumplink' },
            { id: 'whep_other', url: 'https://elsewhere.test/hook' },
          ],
        })
      if (init?.method === 'DELETE') return new Response(null, { status: 204 })
      return Response.json({ id: 'whep_new', secret: SECRET }, { status: 201 })
    }
    const secret = await registerWebhookEndpoint({
      linkServerUrl: 'http://link.test',
      secretKey: 'jl_sk_x',
      url: 'http://host.test/webhooks/jumplink',
      fetch,
    })
    expect(secret).toBe(SECRET)
    expect(calls).toEqual([
      'GET /v1/webhook-endpoints',
      'DELETE /v1/webhook-endpoints/whep_old',
      'POST /v1/webhook-endpoints',
    ])
  })

  it('answers null when the link server refuses the URL (the feed is pulled then)', async () => {
    const fetch: typeof globalThis.fetch = async (_input, init) =>
      init?.method === 'GET'
        ? Response.json({ result: [] })
        : Response.json({ error: { code: 'webhook_url_not_allowed' } }, { status: 400 })
    expect(
      await registerWebhookEndpoint({
        linkServerUrl: 'http://link.test',
        secretKey: 'jl_sk_x',
        url: 'http://127.0.0.1:5173/webhooks/jumplink',
        fetch,
      }),
    ).toBeNull()
  })
})
