import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reencryptAll } from './commands/reencrypt'
import { createTokenService } from './crypto/tokens'
import { createVault, generateMasterKey } from './crypto/vault'
import { FAKE_KEYS, FAKE_ORGS } from './fixtures/fake-directory'
import { completeLink, connect, expectError, startSession } from './fixtures/flow'
import { createHarness, type Harness, ISSUER } from './fixtures/harness'
import { requireIntegrationToken } from './middleware/require-integration-token'
import { signingSecrets } from './webhooks/endpoints'

let h: Harness
let pglite: PGlite
beforeAll(async () => {
  pglite = await PGlite.create()
  h = await createHarness({ pglite })
  mountIntegrationRoute(h)
  // Routes only tests have; Hono needs them added before the first request.
  h.app.get('/__test/log', (c) => {
    const apiKey = c.req.header('x-test-key') ?? ''
    c.get('logger').info(
      { note: `pasted ${apiKey}`, nested: { api_key: apiKey } },
      `message ${apiKey}`,
    )
    return c.json({})
  })
  h.app.get('/__test/boom', () => {
    throw new Error('database password is hunter2')
  })
})
afterAll(async () => {
  await h.close()
  await pglite.close()
})

/** The unified API comes later; this tiny route stands in for it to exercise the middleware. */
function mountIntegrationRoute(harness: Harness, tokens = harness.tokens) {
  harness.app.get(
    '/__test/whoami',
    requireIntegrationToken({ tokens, store: harness.store }),
    (c) => c.json({ connection_id: c.get('connectionId'), host_app_id: c.get('hostApp').id }),
  )
}

async function dumpDatabase(): Promise<string> {
  const tables = await pglite.query<{ tablename: string }>(
    "select tablename from pg_tables where schemaname = 'public'",
  )
  const rows = []
  for (const { tablename } of tables.rows) {
    rows.push(tablename, (await pglite.query(`select * from ${tablename}`)).rows)
  }
  return JSON.stringify(rows)
}

describe('the whole flow leaves the API key nowhere in plaintext', () => {
  it('create session → organizations → complete → exchange → list/check/revoke', async () => {
    const apiKey = `jca_${'Z'.repeat(30)}q7w8e9`
    const responses: string[] = []
    const call = async (...args: Parameters<Harness['call']>) => {
      const res = await h.call(...args)
      const text = await res.clone().text()
      responses.push(text, JSON.stringify([...res.headers]))
      return res
    }
    const session = await call('POST', '/v1/link-sessions', {
      token: h.secret,
      body: { end_user: { id: 'u-flow' } },
    })
    const { link_token } = (await session.json()) as { link_token: string }
    expect((await call('GET', '/v1/link/session', { token: link_token })).status).toBe(200)
    const list = await call('POST', '/v1/link/organizations', {
      token: link_token,
      body: { api_key: apiKey, region: 'us' },
    })
    expect(await list.json()).toEqual({ organizations: [FAKE_ORGS.single] })
    const done = await call('POST', '/v1/link/complete', {
      token: link_token,
      body: { api_key: apiKey, region: 'us', organization_id: FAKE_ORGS.single.id },
    })
    const { public_token, connection_id } = (await done.json()) as {
      public_token: string
      connection_id: string
    }
    const exchange = await call('POST', '/v1/tokens/exchange', {
      token: h.secret,
      body: { public_token },
    })
    const { integration_token } = (await exchange.json()) as { integration_token: string }
    expect((await call('GET', '/__test/whoami', { token: integration_token })).status).toBe(200)
    expect((await call('GET', '/v1/connections', { token: h.secret })).status).toBe(200)
    expect(
      (await call('GET', `/v1/connections/${connection_id}`, { token: h.secret })).status,
    ).toBe(200)
    expect(
      await (
        await call('POST', `/v1/connections/${connection_id}/check`, { token: h.secret })
      ).json(),
    ).toMatchObject({ status: 'active' })
    // A failing call that carries the key too: its error must not echo it.
    await call('POST', '/v1/link/organizations', {
      token: link_token,
      body: { api_key: apiKey, region: 'us', extra: apiKey },
    })
    expect(
      (await call('DELETE', `/v1/connections/${connection_id}`, { token: h.secret })).status,
    ).toBe(200)
    await expectError(
      await call('GET', '/__test/whoami', { token: integration_token }),
      'connection_revoked',
    )

    // A stray log line with the key in it is redacted by pattern, whatever the field.
    await h.call('GET', '/__test/log', { headers: { 'x-test-key': apiKey } })

    expect(h.logs.length).toBeGreaterThan(10)
    const haystacks = {
      logs: h.logs.join('\n'),
      responses: responses.join('\n'),
      database: await dumpDatabase(),
    }
    for (const [where, text] of Object.entries(haystacks)) {
      expect(text.includes(apiKey), `API key found in ${where}`).toBe(false)
      expect(text.includes(h.secret), `secret key found in ${where}`).toBe(false)
    }
    expect(haystacks.logs.includes(integration_token)).toBe(false)
    expect(haystacks.logs.includes(public_token)).toBe(false)
    expect(haystacks.database.includes(public_token)).toBe(false)
  })
})

describe('tokens on the wire', () => {
  it('refuses a replayed public token', async () => {
    const { public_token } = await completeLink(h, await startSession(h))
    expect(
      (await h.call('POST', '/v1/tokens/exchange', { token: h.secret, body: { public_token } }))
        .status,
    ).toBe(200)
    await expectError(
      await h.call('POST', '/v1/tokens/exchange', { token: h.secret, body: { public_token } }),
      'public_token_already_used',
    )
  })

  it('gives exactly one integration token for two concurrent exchanges (PGlite)', async () => {
    const { public_token } = await completeLink(h, await startSession(h))
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        h.call('POST', '/v1/tokens/exchange', { token: h.secret, body: { public_token } }),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409])
  })

  it('refuses an expired link token, and a link token on an integration-token route', async () => {
    const linkToken = await startSession(h)
    await expectError(await h.call('GET', '/__test/whoami', { token: linkToken }), 'invalid_token')
    h.clock.now = new Date(h.clock.now.getTime() + 30 * 60_000 + 1000)
    await expectError(
      await h.call('POST', '/v1/link/organizations', {
        token: linkToken,
        body: { api_key: FAKE_KEYS.single, region: 'us' },
      }),
      'link_session_expired',
    )
    h.clock.now = new Date()
  })

  it('refuses a tampered token and an alg:none token', async () => {
    const { integrationToken, connectionId } = await connect(h)
    const [header, payload, signature] = integrationToken.split('.')
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString())
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: `${connectionId}x` })).toString('base64url')}.${signature}`
    await expectError(await h.call('GET', '/__test/whoami', { token: tampered }), 'invalid_token')
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'jumplink-api+jwt' })).toString('base64url')}.${payload}.`
    await expectError(await h.call('GET', '/__test/whoami', { token: none }), 'invalid_token')
    await expectError(await h.call('GET', '/__test/whoami'), 'missing_credentials')
    expect(
      await (await h.call('GET', '/__test/whoami', { token: integrationToken })).json(),
    ).toEqual({ connection_id: connectionId, host_app_id: h.hostAppId })
  })
})

describe('vault on stored rows', () => {
  it("cannot open a ciphertext copied to another connection's row", async () => {
    const a = await connect(h)
    const b = await connect(h)
    const rowA = await h.store.connections.get(h.hostAppId, a.connectionId)
    const rowB = await h.store.connections.get(h.hostAppId, b.connectionId)
    await h.store.connections.swapCredential(
      b.connectionId,
      rowB?.credential ?? '',
      rowA?.credential ?? '',
    )
    try {
      const res = await h.call('POST', `/v1/connections/${b.connectionId}/check`, {
        token: h.secret,
      })
      // Not a server fault to retry: the stored key is unusable, and the connection says so.
      const error = await expectError(res, 'credential_unreadable')
      expect(JSON.stringify(error)).not.toMatch(/Vault|stack|ciphertext|decrypt|nonce/i)
      expect(await h.store.connections.get(h.hostAppId, b.connectionId)).toMatchObject({
        status: 'broken',
        statusReason: 'credential_unreadable',
      })
    } finally {
      await h.store.connections.swapCredential(
        b.connectionId,
        rowA?.credential ?? '',
        rowB?.credential ?? '',
      )
    }
  })

  it('re-encrypts every row under a new master key; old tokens keep working', async () => {
    const { integrationToken, connectionId } = await connect(h)
    const ingestUrl = async (harness: Harness) =>
      (await (
        await harness.call('GET', `/v1/connections/${connectionId}/ingest-url`, { token: h.secret })
      ).json()) as { url: string }
    const before = await ingestUrl(h)
    const k2 = { id: 'k2', key: generateMasterKey() }
    const rotated = await createVault({ keys: [h.masterKey, k2], activeKeyId: 'k2' })
    // A webhook endpoint with a rotation still overlapping: both sealed secrets move to k2.
    const made = (await (
      await h.call('POST', '/v1/webhook-endpoints', {
        token: h.secret,
        body: { url: 'https://hooks.example.com/x' },
      })
    ).json()) as { id: string; secret: string }
    const rotation = (await (
      await h.call('POST', `/v1/webhook-endpoints/${made.id}/rotate-secret`, { token: h.secret })
    ).json()) as { secret: string }
    const counts = await reencryptAll(h.store, rotated)
    expect(counts.connections).toBeGreaterThan(0)
    expect(counts.signingKeys).toBe(1)
    expect(counts.ingestUrls).toBeGreaterThan(0)
    expect(counts.webhookSecrets).toBe(1)
    expect(counts.failed).toEqual([])
    expect(await reencryptAll(h.store, rotated)).toEqual({
      connections: 0,
      signingKeys: 0,
      ingestUrls: 0,
      webhookSecrets: 0,
      failed: [],
    })
    for (const row of await h.store.connections.listCredentials())
      expect(row.credential.split('.')[1]).toBe('k2')

    // A server that knows only the new key still verifies old tokens and opens old rows.
    const onlyK2 = await createVault({ keys: [k2], activeKeyId: 'k2' })
    const tokens = createTokenService({ keys: h.store.signingKeys, vault: onlyK2, issuer: ISSUER })
    await expect(tokens.verifyIntegrationToken(integrationToken)).resolves.toMatchObject({
      connectionId,
    })
    const fresh = await createHarness({ store: h.store, deps: { vault: onlyK2, tokens } })
    mountIntegrationRoute(fresh, tokens)
    expect((await fresh.call('GET', '/__test/whoami', { token: integrationToken })).status).toBe(
      200,
    )
    const check = await fresh.call('POST', `/v1/connections/${connectionId}/check`, {
      token: h.secret,
    })
    expect(await check.json()).toMatchObject({ status: 'active' })
    // The ingest URL opens under the new key alone, unchanged.
    expect(await ingestUrl(fresh)).toEqual(before)
    // So do the webhook endpoint's secrets: deliveries keep signing with both.
    const endpoint = await h.store.webhooks.getEndpoint(h.hostAppId, made.id)
    if (!endpoint) throw new Error('endpoint')
    expect(signingSecrets(endpoint, onlyK2, new Date())).toEqual([rotation.secret, made.secret])
  })
})

describe('errors everywhere', () => {
  it('answers route_not_found with a request id, and internal_error without details', async () => {
    const missing = await h.call('GET', '/v1/nothing-here')
    await expectError(missing, 'route_not_found')
    const boom = await h.call('GET', '/__test/boom')
    const error = await expectError(boom, 'internal_error')
    expect(JSON.stringify(error)).not.toContain('hunter2')
    expect(error.message).toBe('Something went wrong on our side.')
  })

  it('answers method_not_allowed, with Allow, for a known path called with another method', async () => {
    const wrong = await h.call('POST', '/healthz')
    expect(wrong.headers.get('allow')).toBe('GET')
    await expectError(wrong, 'method_not_allowed')
    const put = await h.call('PUT', '/v1/link-sessions')
    expect(put.headers.get('allow')).toBe('POST')
    await expectError(put, 'method_not_allowed')
  })

  it('echoes a caller-supplied request id', async () => {
    const res = await h.call('GET', '/healthz', { headers: { 'x-request-id': 'req-abc-123' } })
    expect(res.headers.get('x-request-id')).toBe('req-abc-123')
  })
})
