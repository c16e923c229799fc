import { describe, expect, it } from 'vitest'
import { SCENARIO_KEYS } from '../keys.ts'
import { createSandbox } from '../sandbox.ts'
import { SCENARIO_SERVICE_ACCOUNTS as SA } from '../service-accounts.ts'

const NOW = '2025-06-02T00:00:00.000Z'

function tokenRequest(
  clientId: string,
  clientSecret: string,
  body = 'grant_type=client_credentials&scope=api',
) {
  return {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body,
  }
}

async function token(
  sandbox: ReturnType<typeof createSandbox>,
  account: { clientId: string; clientSecret: string } = SA.single,
) {
  const res = await sandbox.app.request(
    '/oauth2/token',
    tokenRequest(account.clientId, account.clientSecret),
  )
  expect(res.status).toBe(200)
  return (await res.json()) as { access_token: string; expires_in: number; token_type: string }
}

const bearer = (accessToken: string, headers: Record<string, string> = {}) => ({
  headers: { authorization: `Bearer ${accessToken}`, ...headers },
})

describe('POST /oauth2/token and Bearer on the REST paths', () => {
  it('issues a token for the valid client; the REST paths accept it as Bearer', async () => {
    const sandbox = createSandbox({ now: NOW })
    const body = await token(sandbox)
    expect(body).toMatchObject({ expires_in: 3600, token_type: 'bearer', scope: 'api' })
    const users = await sandbox.app.request('/api/systemusers', bearer(body.access_token))
    expect(users.status).toBe(200)
    expect(((await users.json()) as { totalCount: number }).totalCount).toBe(250)
    const v2 = await sandbox.app.request('/api/v2/usergroups', bearer(body.access_token))
    expect(v2.status).toBe(200)
    expect(sandbox.tokenRequests(SA.single.clientId)).toBe(1)
  })

  it('MSP service account: lists three organizations, needs x-org-id elsewhere', async () => {
    const sandbox = createSandbox({ now: NOW })
    const { access_token } = await token(sandbox, SA.msp)
    const orgs = await sandbox.app.request('/api/organizations', bearer(access_token))
    const { results } = (await orgs.json()) as { results: { _id: string }[] }
    expect(results).toHaveLength(3)
    expect((await sandbox.app.request('/api/systemusers', bearer(access_token))).status).toBe(401)
    const scoped = await sandbox.app.request(
      '/api/systemusers',
      bearer(access_token, { 'x-org-id': results[0]?._id ?? '' }),
    )
    expect(scoped.status).toBe(200)
  })

  it('rejects the invalid and expired secrets and an unknown client with 401 invalid_client', async () => {
    const sandbox = createSandbox({ now: NOW })
    for (const [id, secret] of [
      [SA.invalidSecret.clientId, SA.invalidSecret.clientSecret],
      [SA.expiredSecret.clientId, SA.expiredSecret.clientSecret],
      [SA.single.clientId, 'not-the-secret'],
      ['nobody', 'x'],
    ] as const) {
      const res = await sandbox.app.request('/oauth2/token', tokenRequest(id, secret))
      expect(res.status).toBe(401)
      expect(((await res.json()) as { error: string }).error).toBe('invalid_client')
    }
  })

  it('throttles the throttled client with 429 and Retry-After', async () => {
    const sandbox = createSandbox({ now: NOW })
    const res = await sandbox.app.request(
      '/oauth2/token',
      tokenRequest(SA.throttled.clientId, SA.throttled.clientSecret),
    )
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(sandbox.tokenRequests(SA.throttled.clientId)).toBe(1)
  })

  it('refuses a missing Basic header, another grant, another scope or a JSON body', async () => {
    const sandbox = createSandbox({ now: NOW })
    const noAuth = await sandbox.app.request('/oauth2/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    })
    expect(noAuth.status).toBe(401)
    const { clientId, clientSecret } = SA.single
    const cases: [string, string | undefined, string][] = [
      ['grant_type=password', undefined, 'unsupported_grant_type'],
      ['grant_type=client_credentials&scope=admin', undefined, 'invalid_scope'],
      ['{"grant_type":"client_credentials"}', 'application/json', 'invalid_request'],
    ]
    for (const [body, type, error] of cases) {
      const init = tokenRequest(clientId, clientSecret, body)
      if (type) init.headers['content-type'] = type
      const res = await sandbox.app.request('/oauth2/token', init)
      expect(res.status).toBe(400)
      expect(((await res.json()) as { error: string }).error).toBe(error)
    }
  })

  it('tokens expire by the clock after tokenLifetimeSeconds', async () => {
    let now = Date.parse(NOW)
    const sandbox = createSandbox({ now: NOW, tokenLifetimeSeconds: 5, clock: () => now })
    const { access_token, expires_in } = await token(sandbox)
    expect(expires_in).toBe(5)
    expect((await sandbox.app.request('/api/systemusers', bearer(access_token))).status).toBe(200)
    now += 5_000
    const expired = await sandbox.app.request('/api/systemusers', bearer(access_token))
    expect(expired.status).toBe(401)
    expect(((await expired.json()) as { message: string }).message).toMatch(/access token/)
  })

  it('a rotated secret: the old secret and its tokens stop working, the new one works', async () => {
    const sandbox = createSandbox({ now: NOW })
    const { access_token } = await token(sandbox)
    const res = await sandbox.app.request(
      `/_sandbox/service-accounts/${SA.single.clientId}/rotate`,
      {
        method: 'POST',
      },
    )
    const { client_secret } = (await res.json()) as { client_secret: string }
    expect(client_secret).not.toBe(SA.single.clientSecret)
    expect(sandbox.serviceAccounts.single.clientSecret).toBe(client_secret)
    expect((await sandbox.app.request('/api/systemusers', bearer(access_token))).status).toBe(401)
    const old = await sandbox.app.request(
      '/oauth2/token',
      tokenRequest(SA.single.clientId, SA.single.clientSecret),
    )
    expect(old.status).toBe(401)
    await token(sandbox, { clientId: SA.single.clientId, clientSecret: client_secret })
  })

  it('expire-tokens ends live tokens; the admin listing counts token requests', async () => {
    const sandbox = createSandbox({ now: NOW })
    const { access_token } = await token(sandbox)
    const res = await sandbox.app.request(
      `/_sandbox/service-accounts/${SA.single.clientId}/expire-tokens`,
      { method: 'POST' },
    )
    expect(await res.json()).toEqual({ expired: 1 })
    expect((await sandbox.app.request('/api/systemusers', bearer(access_token))).status).toBe(401)
    const listing = (await (await sandbox.app.request('/_sandbox')).json()) as {
      token_requests: Record<string, number>
    }
    expect(listing.token_requests[SA.single.clientId]).toBe(1)
  })

  it('an API key still decides when both a key and a bearer token are sent', async () => {
    const sandbox = createSandbox({ now: NOW })
    const res = await sandbox.app.request('/api/systemusers', {
      headers: { authorization: 'Bearer ory_at_unknown', 'x-api-key': SCENARIO_KEYS.single },
    })
    expect(res.status).toBe(200)
    const unknown = await sandbox.app.request('/api/systemusers', bearer('ory_at_unknown'))
    expect(unknown.status).toBe(401)
  })
})
