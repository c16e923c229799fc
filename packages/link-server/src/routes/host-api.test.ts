import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAKE_KEYS, FAKE_ORGS, revokedKeys } from '../fixtures/fake-directory'
import { completeLink, connect, expectError, startSession } from '../fixtures/flow'
import { createHarness, type Harness } from '../fixtures/harness'
import { rotateSecretKey } from '../host-apps'

let h: Harness
beforeAll(async () => {
  h = await createHarness()
})
afterAll(() => h.close())

describe('host API authentication', () => {
  it('answers missing_credentials without a bearer secret', async () => {
    await expectError(
      await h.call('POST', '/v1/link-sessions', { body: {} }),
      'missing_credentials',
    )
    await expectError(
      await h.call('GET', '/v1/connections', { headers: { authorization: `Basic ${h.secret}` } }),
      'missing_credentials',
    )
  })

  it('answers invalid_secret_key for an unknown or rotated-out secret', async () => {
    await expectError(
      await h.call('GET', '/v1/connections', { token: 'jl_sk_nope' }),
      'invalid_secret_key',
    )
    const fresh = await rotateSecretKey(h.store, h.hostAppId)
    expect((await h.call('GET', '/v1/connections', { token: fresh })).status).toBe(200)
    expect((await h.call('GET', '/v1/connections', { token: h.secret })).status).toBe(200)
    const newest = await rotateSecretKey(h.store, h.hostAppId, { revokeOthers: true })
    await expectError(
      await h.call('GET', '/v1/connections', { token: fresh }),
      'invalid_secret_key',
    )
    h.secret = newest
  })
})

describe('POST /v1/link-sessions', () => {
  it('creates a session and a 30-minute link token', async () => {
    const res = await h.call('POST', '/v1/link-sessions', {
      token: h.secret,
      body: { end_user: { id: 'u1' } },
    })
    expect(res.status).toBe(201)
    const body = (await res.json()) as { link_token: string; expires_at: string }
    expect(Date.parse(body.expires_at) - h.clock.now.getTime()).toBe(30 * 60_000)
    const info = await h.call('GET', '/v1/link/session', { token: body.link_token })
    expect(await info.json()).toMatchObject({
      mode: 'create',
      permissions: 'read',
      connection: null,
      host_app: { name: 'Acme HR' },
    })
  })

  it('validates the body with the shared contract', async () => {
    const error = await expectError(
      await h.call('POST', '/v1/link-sessions', { token: h.secret, body: { end_user: {} } }),
      'invalid_request',
    )
    expect(error.details).toEqual({
      issues: [{ path: 'end_user.id', message: expect.any(String) }],
    })
    await expectError(
      await h.call('POST', '/v1/link-sessions', {
        token: h.secret,
        body: { end_user: { id: 'u' }, extra: 1 },
      }),
      'invalid_request',
    )
  })

  it('rejects malformed JSON, a non-JSON body and a body over the limit', async () => {
    const headers = { authorization: `Bearer ${h.secret}`, 'content-type': 'application/json' }
    const post = (body: string, extra: Record<string, string> = {}) =>
      h.app.request('http://localhost/v1/link-sessions', {
        method: 'POST',
        headers: { ...headers, ...extra },
        body,
      })
    const malformed = await expectError(await post('{"end_user":'), 'invalid_request')
    expect(malformed.message).toMatch(/not valid JSON/)
    await expectError(
      await post('end_user=1', { 'content-type': 'application/x-www-form-urlencoded' }),
      'unsupported_media_type',
    )
    await expectError(
      await post(JSON.stringify({ end_user: { id: 'x'.repeat(70_000) } })),
      'payload_too_large',
    )
  })

  it('starts an update session for an existing connection, and refuses unknown or revoked ones', async () => {
    const { connectionId } = await connect(h)
    const token = await startSession(h, { connection_id: connectionId })
    const info = await (await h.call('GET', '/v1/link/session', { token })).json()
    expect(info).toMatchObject({
      mode: 'update',
      connection: { id: connectionId, organization: FAKE_ORGS.single, region: 'us' },
    })
    await expectError(
      await h.call('POST', '/v1/link-sessions', {
        token: h.secret,
        body: { end_user: { id: 'u' }, connection_id: 'conn_aaaaaaaaaaaaaaaaaaaaaaaa' },
      }),
      'connection_not_found',
    )
    await h.call('DELETE', `/v1/connections/${connectionId}`, { token: h.secret })
    await expectError(
      await h.call('POST', '/v1/link-sessions', {
        token: h.secret,
        body: { end_user: { id: 'u' }, connection_id: connectionId },
      }),
      'connection_revoked',
    )
  })
})

describe('POST /v1/tokens/exchange', () => {
  it('exchanges a public token once; a replay is refused and audited', async () => {
    const { public_token, connection_id } = await completeLink(h, await startSession(h))
    const first = await h.call('POST', '/v1/tokens/exchange', {
      token: h.secret,
      body: { public_token },
    })
    expect(first.status).toBe(200)
    const body = (await first.json()) as {
      integration_token: string
      connection: { id: string; status: string }
    }
    expect(body.connection).toMatchObject({ id: connection_id, status: 'active' })
    expect(body.integration_token.split('.')).toHaveLength(3)
    await expectError(
      await h.call('POST', '/v1/tokens/exchange', { token: h.secret, body: { public_token } }),
      'public_token_already_used',
    )
    expect((await h.store.audit.list(5)).map((e) => e.type)).toContain('public_token.replayed')
  })

  it('refuses unknown, expired, other-app and revoked-connection public tokens', async () => {
    await expectError(
      await h.call('POST', '/v1/tokens/exchange', {
        token: h.secret,
        body: { public_token: 'jl_pt_nope' },
      }),
      'invalid_public_token',
    )
    await expectError(
      await h.call('POST', '/v1/tokens/exchange', { token: h.secret, body: {} }),
      'invalid_request',
    )

    const late = await completeLink(h, await startSession(h))
    h.clock.now = new Date(h.clock.now.getTime() + 11 * 60_000)
    await expectError(
      await h.call('POST', '/v1/tokens/exchange', {
        token: h.secret,
        body: { public_token: late.public_token },
      }),
      'public_token_expired',
    )
    h.clock.now = new Date()

    const revoked = await completeLink(h, await startSession(h))
    await h.call('DELETE', `/v1/connections/${revoked.connection_id}`, { token: h.secret })
    await expectError(
      await h.call('POST', '/v1/tokens/exchange', {
        token: h.secret,
        body: { public_token: revoked.public_token },
      }),
      'connection_revoked',
    )
  })
})

describe('connections', () => {
  it('lists with filters and cursors, gets one, and hides other apps', async () => {
    for (let i = 0; i < 3; i++) await connect(h)
    const first = await h.call('GET', '/v1/connections?limit=2&status=active', { token: h.secret })
    const page = (await first.json()) as {
      result: { id: string; status: string }[]
      next_cursor: string | null
    }
    expect(page.result).toHaveLength(2)
    expect(page.next_cursor).toEqual(expect.any(String))
    const second = await h.call(
      'GET',
      `/v1/connections?limit=2&status=active&cursor=${page.next_cursor}`,
      { token: h.secret },
    )
    const next = (await second.json()) as { result: { id: string }[] }
    expect(next.result[0]?.id).not.toBe(page.result[1]?.id)
    const byUser = await (
      await h.call('GET', '/v1/connections?end_user_id=nobody', { token: h.secret })
    ).json()
    expect(byUser).toEqual({ result: [], next_cursor: null })
    const one = await h.call('GET', `/v1/connections/${page.result[0]?.id}`, { token: h.secret })
    expect(await one.json()).toMatchObject({
      id: page.result[0]?.id,
      organization: FAKE_ORGS.single,
    })
    await expectError(
      await h.call('GET', '/v1/connections?cursor=%%%', { token: h.secret }),
      'invalid_cursor',
    )
    await expectError(
      await h.call('GET', '/v1/connections?status=deleted', { token: h.secret }),
      'invalid_request',
    )
    await expectError(
      await h.call('GET', '/v1/connections/conn_aaaaaaaaaaaaaaaaaaaaaaaa', { token: h.secret }),
      'connection_not_found',
    )
    await expectError(
      await h.call('GET', '/v1/connections/nonsense', { token: h.secret }),
      'connection_not_found',
    )
  })

  it('revokes: the credential is erased and the connection reads revoked', async () => {
    const { connectionId } = await connect(h)
    const res = await h.call('DELETE', `/v1/connections/${connectionId}`, { token: h.secret })
    expect(await res.json()).toMatchObject({ id: connectionId, status: 'revoked' })
    expect((await h.store.connections.get(h.hostAppId, connectionId))?.credential).toBeNull()
    await expectError(
      await h.call('DELETE', '/v1/connections/conn_aaaaaaaaaaaaaaaaaaaaaaaa', { token: h.secret }),
      'connection_not_found',
    )
    await expectError(
      await h.call('POST', `/v1/connections/${connectionId}/check`, { token: h.secret }),
      'connection_revoked',
    )
  })

  it('checks a connection: active while the key works, broken once it is rejected', async () => {
    const key = `jca_${'C'.repeat(35)}2`
    const { connectionId } = await connect(h, key)
    const ok = await h.call('POST', `/v1/connections/${connectionId}/check`, { token: h.secret })
    expect(await ok.json()).toMatchObject({
      status: 'active',
      status_reason: null,
      last_checked_at: expect.any(String),
    })
    revokedKeys.add(key)
    const broken = await h.call('POST', `/v1/connections/${connectionId}/check`, {
      token: h.secret,
    })
    expect(await broken.json()).toMatchObject({
      status: 'broken',
      status_reason: 'invalid_api_key',
    })
    await expectError(
      await h.call('POST', '/v1/connections/conn_aaaaaaaaaaaaaaaaaaaaaaaa/check', {
        token: h.secret,
      }),
      'connection_not_found',
    )
  })

  it('passes directory outages through without breaking the connection', async () => {
    for (const [key, code] of [
      [FAKE_KEYS.rateLimited, 'provider_rate_limited'],
      [FAKE_KEYS.broken, 'provider_unavailable'],
    ] as const) {
      const { connectionId } = await connect(h, FAKE_KEYS.single)
      const record = await h.store.connections.get(h.hostAppId, connectionId)
      // Swap in a key with the outage behaviour, sealed for this row.
      const { connectionContext } = await import('../crypto/vault')
      const vault = await (await import('../crypto/vault')).createVault({
        keys: [h.masterKey],
        activeKeyId: h.masterKey.id,
      })
      await h.store.connections.swapCredential(
        connectionId,
        record?.credential ?? '',
        vault.encrypt(key, connectionContext(h.hostAppId, connectionId)),
      )
      await expectError(
        await h.call('POST', `/v1/connections/${connectionId}/check`, { token: h.secret }),
        code,
      )
      expect((await h.store.connections.get(h.hostAppId, connectionId))?.status).toBe('active')
    }
  })
})
