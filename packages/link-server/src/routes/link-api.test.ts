import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAKE_KEYS, FAKE_ORGS, FAKE_SETTINGS_NAMES } from '../fixtures/fake-directory'
import { completeLink, connect, expectError, startSession } from '../fixtures/flow'
import { createHarness, type Harness, HOST_ORIGIN } from '../fixtures/harness'
import { createRateLimiter } from '../middleware/rate-limit/limiter'

let h: Harness
beforeAll(async () => {
  h = await createHarness({
    deps: {
      limiters: {
        perSession: createRateLimiter({ limit: 5, windowSeconds: 60 }),
        perAddress: createRateLimiter({ limit: 8, windowSeconds: 60 }),
      },
    },
  })
})
afterAll(() => h.close())

const orgs = (token: string, api_key: string, headers: Record<string, string> = {}) =>
  h.call('POST', '/v1/link/organizations', { token, body: { api_key, region: 'us' }, headers })

describe('link token checks', () => {
  it('answers missing_credentials, invalid_token and link_session_expired', async () => {
    await expectError(await h.call('GET', '/v1/link/session'), 'missing_credentials')
    await expectError(
      await h.call('GET', '/v1/link/session', { token: 'garbage' }),
      'invalid_token',
    )
    const token = await startSession(h)
    h.clock.now = new Date(h.clock.now.getTime() + 31 * 60_000)
    await expectError(await h.call('GET', '/v1/link/session', { token }), 'link_session_expired')
    h.clock.now = new Date()
  })

  it('refuses an integration token on the link API', async () => {
    const { integrationToken } = await connect(h)
    await expectError(
      await h.call('GET', '/v1/link/session', { token: integrationToken }),
      'invalid_token',
    )
  })

  it('answers link_session_completed once the session has connected', async () => {
    const token = await startSession(h)
    const first = await completeLink(h, token)
    await expectError(await h.call('GET', '/v1/link/session', { token }), 'link_session_completed')
    const again = (body: Record<string, string>) =>
      h.call('POST', '/v1/link/complete', {
        token,
        body: {
          api_key: FAKE_KEYS.single,
          region: 'us',
          organization_id: FAKE_ORGS.single.id,
          ...body,
        },
      })
    // Another key or organization: the session is spent.
    await expectError(await again({ api_key: FAKE_KEYS.msp }), 'link_session_completed')
    // The same admin retrying (its answer was lost): a new public token for the same connection,
    // until one is exchanged.
    const retried = await again({})
    expect(retried.status).toBe(200)
    const { public_token, connection_id } = (await retried.json()) as {
      public_token: string
      connection_id: string
    }
    expect(connection_id).toBe(first.connection_id)
    expect(public_token).not.toBe(first.public_token)
    const exchanged = await h.call('POST', '/v1/tokens/exchange', {
      token: h.secret,
      body: { public_token },
    })
    expect(exchanged.status).toBe(200)
    await expectError(await again({}), 'link_session_completed')
  })
})

describe('CORS on the link API', () => {
  it("allows the host app's origins and refuses others", async () => {
    const token = await startSession(h)
    const preflight = await h.app.request('http://localhost/v1/link/organizations', {
      method: 'OPTIONS',
      headers: { origin: HOST_ORIGIN, 'access-control-request-method': 'POST' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe(HOST_ORIGIN)
    const ok = await h.call('GET', '/v1/link/session', { token, headers: { origin: HOST_ORIGIN } })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('access-control-allow-origin')).toBe(HOST_ORIGIN)
    const evil = await h.call('GET', '/v1/link/session', {
      token,
      headers: { origin: 'https://evil.example' },
    })
    expect(evil.headers.get('access-control-allow-origin')).toBeNull()
    await expectError(evil, 'origin_not_allowed')
    const evilPreflight = await h.app.request('http://localhost/v1/link/session', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    })
    await expectError(evilPreflight, 'origin_not_allowed')
  })

  it("refuses an origin another host app allows but this session's does not", async () => {
    const { createHostApp } = await import('../host-apps')
    await createHostApp(h.store, { name: 'Other', allowedOrigins: ['https://other.example'] })
    const token = await startSession(h)
    await expectError(
      await h.call('GET', '/v1/link/session', {
        token,
        headers: { origin: 'https://other.example' },
      }),
      'origin_not_allowed',
    )
  })
})

describe('POST /v1/link/organizations', () => {
  it('lists the organizations a key can read', async () => {
    const token = await startSession(h)
    expect(await (await orgs(token, FAKE_KEYS.single)).json()).toEqual({
      organizations: [FAKE_ORGS.single],
    })
    // One listed without a display name is named from its settings (GET /api/organizations/{id}).
    expect(await (await orgs(token, `  ${FAKE_KEYS.msp}\n`)).json()).toEqual({
      organizations: FAKE_ORGS.msp.map((o) => ({
        ...o,
        name: o.name ?? FAKE_SETTINGS_NAMES[o.id],
      })),
    })
  })

  it.each([
    [FAKE_KEYS.invalid, 'invalid_api_key'],
    [FAKE_KEYS.forbidden, 'insufficient_permissions'],
    [FAKE_KEYS.rateLimited, 'provider_rate_limited'],
    [FAKE_KEYS.broken, 'provider_unavailable'],
    [FAKE_KEYS.badBody, 'provider_unavailable'],
    [FAKE_KEYS.network, 'provider_unavailable'],
    [FAKE_KEYS.slow, 'provider_timeout'],
  ] as const)('maps a directory failure to %s → %s', async (key, code) => {
    const error = await expectError(await orgs(await startSession(h), key), code)
    if (code === 'provider_rate_limited') expect(error.retry_after).toBe(7)
  })

  it('validates the body', async () => {
    const token = await startSession(h)
    await expectError(
      await h.call('POST', '/v1/link/organizations', {
        token,
        body: { api_key: '', region: 'us' },
      }),
      'invalid_request',
    )
    await expectError(
      await h.call('POST', '/v1/link/organizations', {
        token,
        body: { api_key: 'k', region: 'mars' },
      }),
      'invalid_request',
    )
  })

  it('rate limits key checks per link session and per client address', async () => {
    const token = await startSession(h)
    for (let i = 0; i < 5; i++) expect((await orgs(token, FAKE_KEYS.invalid)).status).toBe(400)
    const limited = await orgs(token, FAKE_KEYS.single)
    const error = await expectError(limited, 'rate_limited')
    expect(error.retry_after).toBeGreaterThan(0)
    expect(limited.headers.get('retry-after')).toBe(String(error.retry_after))

    const client = { 'x-test-client': 'one-address' }
    for (let i = 0; i < 8; i++) await orgs(await startSession(h), FAKE_KEYS.invalid, client)
    await expectError(await orgs(await startSession(h), FAKE_KEYS.single, client), 'rate_limited')
  })
})

describe('POST /v1/link/complete', () => {
  it('connects the chosen organization of an MSP key', async () => {
    const token = await startSession(h, { permissions: 'read_write' })
    const org = FAKE_ORGS.msp[1]
    const res = await h.call('POST', '/v1/link/complete', {
      token,
      body: { api_key: FAKE_KEYS.msp, region: 'eu', organization_id: org?.id },
    })
    const body = (await res.json()) as {
      public_token: string
      connection_id: string
      organization: unknown
    }
    expect(body).toMatchObject({
      organization: org,
      connection_id: expect.stringMatching(/^conn_/),
      public_token: expect.stringMatching(/^jl_pt_/),
    })
    const stored = await h.store.connections.get(h.hostAppId, body.connection_id)
    expect(stored).toMatchObject({
      region: 'eu',
      permissions: 'read_write',
      organizationId: org?.id,
    })
  })

  it('refuses an organization the key cannot reach, and directory failures', async () => {
    const complete = async (api_key: string, organization_id: string) =>
      h.call('POST', '/v1/link/complete', {
        token: await startSession(h),
        body: { api_key, region: 'us', organization_id },
      })
    await expectError(
      await complete(FAKE_KEYS.single, '650000000000000000000009'),
      'organization_not_accessible',
    )
    await expectError(await complete(FAKE_KEYS.msp, 'not-an-org-id'), 'organization_not_accessible')
    await expectError(await complete(FAKE_KEYS.invalid, FAKE_ORGS.single.id), 'invalid_api_key')
    await expectError(
      await complete(FAKE_KEYS.forbidden, FAKE_ORGS.single.id),
      'insufficient_permissions',
    )
    await expectError(await complete(FAKE_KEYS.broken, FAKE_ORGS.single.id), 'provider_unavailable')
    await expectError(
      await h.call('POST', '/v1/link/complete', {
        token: await startSession(h),
        body: { api_key: FAKE_KEYS.single, region: 'us' },
      }),
      'invalid_request',
    )
  })

  it('update mode keeps the connection id and its integration token, with the new key', async () => {
    const { connectionId, integrationToken } = await connect(h)
    const before = await h.store.connections.get(h.hostAppId, connectionId)
    await h.store.connections.setStatus({
      id: connectionId,
      status: 'broken',
      statusReason: 'invalid_api_key',
      now: new Date(),
    })
    const token = await startSession(h, { connection_id: connectionId })
    const newKey = `jca_${'U'.repeat(35)}3`
    const result = await completeLink(h, token, newKey)
    expect(result.connection_id).toBe(connectionId)
    const after = await h.store.connections.get(h.hostAppId, connectionId)
    expect(after).toMatchObject({ status: 'active', statusReason: null })
    expect(after?.credential).not.toBe(before?.credential)
    // The integration token issued before the relink still verifies and names this connection.
    const payload = JSON.parse(
      Buffer.from(integrationToken.split('.')[1] ?? '', 'base64url').toString(),
    )
    expect(payload.sub).toBe(connectionId)
  })

  it('update mode refuses another organization', async () => {
    const { connectionId } = await connect(h)
    const token = await startSession(h, { connection_id: connectionId })
    const res = await h.call('POST', '/v1/link/complete', {
      token,
      body: { api_key: FAKE_KEYS.msp, region: 'us', organization_id: FAKE_ORGS.msp[0]?.id },
    })
    await expectError(res, 'organization_not_accessible')
  })
})

describe('duplicate connections', () => {
  const complete = (token: string, body: Record<string, unknown> = {}) =>
    h.call('POST', '/v1/link/complete', {
      token,
      body: {
        api_key: FAKE_KEYS.single,
        region: 'us',
        organization_id: FAKE_ORGS.single.id,
        ...body,
      },
    })
  const endUser = { id: 'dup-user', email: 'dup@acme.example' }

  it('refuses a second connection to the same organization when the session allows none, then relinks it when asked', async () => {
    const first = await completeLink(
      h,
      await startSession(h, { end_user: endUser, allow_duplicates: false }),
    )
    const before = await h.store.connections.get(h.hostAppId, first.connection_id)

    const token = await startSession(h, { end_user: endUser, allow_duplicates: false })
    const newKey = `jca_${'D'.repeat(35)}1`
    const refused = await expectError(
      await complete(token, { api_key: newKey }),
      'connection_exists',
    )
    expect(refused.details).toEqual({ organization: FAKE_ORGS.single })
    // Nothing changed, and the session is still usable for the admin's answer.
    expect(await h.store.connections.get(h.hostAppId, first.connection_id)).toEqual(before)

    const replaced = await complete(token, { api_key: newKey, replace_existing: true })
    expect(replaced.status).toBe(200)
    const body = (await replaced.json()) as { connection_id: string; public_token: string }
    expect(body.connection_id).toBe(first.connection_id)
    const after = await h.store.connections.get(h.hostAppId, first.connection_id)
    expect(after?.credential).not.toBe(before?.credential)
    const mine = await h.store.connections.list(h.hostAppId, { endUserId: endUser.id, limit: 10 })
    expect(mine).toHaveLength(1)
    const audit = await h.store.audit.list(5)
    expect(
      audit.find((e) => e.connectionId === first.connection_id && e.type === 'connection.relinked')
        ?.data,
    ).toMatchObject({ replaced_duplicate: true })
  })

  it('says nothing about existing connections to a key that does not reach the organization', async () => {
    const user = { id: 'dup-probe' }
    await completeLink(h, await startSession(h, { end_user: user, allow_duplicates: false }))
    const token = await startSession(h, { end_user: user, allow_duplicates: false })
    await expectError(await complete(token, { api_key: FAKE_KEYS.invalid }), 'invalid_api_key')
  })

  it('creates a second connection when the session allows duplicates (the default)', async () => {
    const user = { id: 'dup-allowed' }
    const a = await completeLink(h, await startSession(h, { end_user: user }))
    const b = await completeLink(
      h,
      await startSession(h, { end_user: user, allow_duplicates: true }),
    )
    expect(b.connection_id).not.toBe(a.connection_id)
  })

  it('does not count another end user’s or a revoked connection as a duplicate', async () => {
    const owner = { id: 'dup-owner' }
    const other = await completeLink(h, await startSession(h, { end_user: { id: 'dup-other' } }))
    const own = await completeLink(h, await startSession(h, { end_user: owner }))
    await h.store.connections.revoke(h.hostAppId, own.connection_id, new Date())
    const fresh = await completeLink(
      h,
      await startSession(h, { end_user: owner, allow_duplicates: false }),
    )
    expect([other.connection_id, own.connection_id]).not.toContain(fresh.connection_id)
  })
})
