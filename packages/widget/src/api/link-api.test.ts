import { describe, expect, it, vi } from 'vitest'
import {
  createFakeLinkApi,
  ORG_A,
  SERVER_URL,
  sessionInfo,
  VALID_KEY,
} from '../test-support/fake-link-api'
import { createLinkApi } from './link-api'
import { createTokenSource } from './token-source'

function setup(fake: ReturnType<typeof createFakeLinkApi>, fetchLinkToken?: () => Promise<string>) {
  const tokens = createTokenSource(() => ({ linkToken: 'lt_old', fetchLinkToken }))
  return createLinkApi({ serverUrl: `${SERVER_URL}/`, tokens, fetch: fake.fetch })
}

describe('link API client', () => {
  it('sends the link token as a bearer header and the key in the body, never in the URL', async () => {
    const fake = createFakeLinkApi({ tokens: ['lt_old'] })
    const api = setup(fake)
    const result = await api.listOrganizations({ api_key: VALID_KEY }, 'eu')
    expect(result).toEqual({ ok: true, data: { organizations: [ORG_A] } })
    expect(fake.calls[0]).toMatchObject({
      method: 'POST',
      path: '/v1/link/organizations',
      token: 'lt_old',
      body: { api_key: VALID_KEY, region: 'eu' },
    })
  })

  it('gets a new token when the session expired and retries once', async () => {
    const fake = createFakeLinkApi({ tokens: ['lt_new'] })
    const fetchLinkToken = vi.fn(async () => 'lt_new')
    const api = setup(fake, fetchLinkToken)
    const result = await api.getSession()
    expect(result).toEqual({ ok: true, data: sessionInfo() })
    expect(fetchLinkToken).toHaveBeenCalledTimes(1)
    expect(fake.calls.map((c) => c.token)).toEqual(['lt_old', 'lt_new'])
  })

  it('shares one refresh between concurrent calls', async () => {
    const fake = createFakeLinkApi({ tokens: ['lt_new'] })
    const fetchLinkToken = vi.fn(async () => 'lt_new')
    const api = setup(fake, fetchLinkToken)
    const results = await Promise.all([
      api.getSession(),
      api.listOrganizations({ api_key: VALID_KEY }, 'us'),
    ])
    expect(results.every((r) => r.ok)).toBe(true)
    expect(fetchLinkToken).toHaveBeenCalledTimes(1)
  })

  it('answers link_session_expired when the host cannot give a new token', async () => {
    const api = setup(createFakeLinkApi({ tokens: ['lt_other'] }))
    const result = await api.getSession()
    expect(result).toMatchObject({ ok: false, error: { code: 'link_session_expired' } })
  })

  it('keeps the catalog code, retry delay and request id of an error', async () => {
    const fake = createFakeLinkApi({
      tokens: ['lt_old'],
      failures: { '/v1/link/organizations': ['provider_rate_limited'] },
      retryAfter: 7,
    })
    const result = await setup(fake).listOrganizations({ api_key: VALID_KEY }, 'us')
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'provider_rate_limited',
        message: expect.any(String),
        retryAfter: 7,
        requestId: 'req_test',
      },
    })
  })

  it('reads a code only the host API answers by its HTTP status, as the widget has no copy for it', async () => {
    const fake = createFakeLinkApi({
      tokens: ['lt_old'],
      failures: {
        '/v1/link/organizations': ['write_not_permitted', 'idempotency_request_in_progress'],
      },
    })
    const api = setup(fake)
    expect(await api.listOrganizations({ api_key: VALID_KEY }, 'us')).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    })
    expect(await api.listOrganizations({ api_key: VALID_KEY }, 'us')).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    })
  })

  it('turns network failures, foreign error bodies and malformed answers into catalog codes', async () => {
    const tokens = createTokenSource(() => ({ linkToken: 't' }))
    const broken = createLinkApi({
      serverUrl: SERVER_URL,
      tokens,
      fetch: async () => {
        throw new TypeError('Failed to fetch')
      },
    })
    expect(await broken.getSession()).toMatchObject({ error: { code: 'service_unavailable' } })

    const html = createLinkApi({
      serverUrl: SERVER_URL,
      tokens,
      fetch: async () => new Response('<h1>Bad gateway</h1>', { status: 502 }),
    })
    expect(await html.getSession()).toMatchObject({ error: { code: 'internal_error' } })

    const wrongShape = createLinkApi({
      serverUrl: SERVER_URL,
      tokens,
      fetch: async () => Response.json({ organizations: [{ id: 3 }] }),
    })
    expect(await wrongShape.listOrganizations({ api_key: 'k' }, 'us')).toMatchObject({
      error: { code: 'internal_error' },
    })
  })
})
