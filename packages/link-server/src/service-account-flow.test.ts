import { createSandbox, SCENARIO_SERVICE_ACCOUNTS as SA } from '@jumplink/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectError, startSession } from './fixtures/flow'
import { createHarness, type Harness } from './fixtures/harness'
import type { FetchLike } from './providers/provider'
import { loadProviders } from './providers/registry'

/**
 * Service accounts end to end, in-process: the link flow with client credentials, then reads
 * with access tokens the link server buys, caches per connection and renews. The sandbox and
 * the provider share one clock, so token lifetimes pass without waiting.
 */
const LIFETIME_SECONDS = 600
const clock = { ms: Date.now() }
const sandbox = createSandbox({
  now: '2025-06-02T00:00:00.000Z',
  tokenLifetimeSeconds: LIFETIME_SECONDS,
  clock: () => clock.ms,
})
const org = sandbox.organizations.single
const viaSandbox: FetchLike = (url, init) => Promise.resolve(sandbox.app.request(url, init))
const USERS = '/v1/unified/user-directory/users'
let h: Harness

beforeAll(async () => {
  const providers = await loadProviders({
    fetch: viaSandbox,
    baseUrl: 'https://directory.test',
    timeoutMs: 2000,
    now: () => clock.ms,
  })
  h = await createHarness({ fetch: viaSandbox, deps: { providers } })
})
afterAll(() => h.close())

type Account = { clientId: string; clientSecret: string }
const body = (account: Account) => ({
  service_account: { client_id: account.clientId, client_secret: account.clientSecret },
})

/** Session → complete with client credentials → exchange. */
async function connectServiceAccount(
  account: Account = SA.single,
  organizationId = org.id,
  session: Record<string, unknown> = {},
) {
  const linkToken = await startSession(h, session)
  const done = await h.call('POST', '/v1/link/complete', {
    token: linkToken,
    body: { ...body(account), region: 'us', organization_id: organizationId },
  })
  expect(done.status).toBe(200)
  const { public_token, connection_id } = (await done.json()) as {
    public_token: string
    connection_id: string
  }
  const exchange = await h.call('POST', '/v1/tokens/exchange', {
    token: h.secret,
    body: { public_token },
  })
  expect(exchange.status).toBe(200)
  const { integration_token, connection } = (await exchange.json()) as {
    integration_token: string
    connection: Record<string, unknown>
  }
  return { connectionId: connection_id, token: integration_token, connection }
}

async function page(token: string, path: string) {
  const res = await h.call('GET', path, { token })
  expect(res.status, `${path}: ${res.status}`).toBe(200)
  return (await res.json()) as { result: { id: string }[]; next_cursor: string | null }
}

const tokenCalls = (account: Account = SA.single) => sandbox.tokenRequests(account.clientId)

describe('service accounts', () => {
  it('links with client credentials; the connection says so and reads with a Bearer token', async () => {
    const linkToken = await startSession(h)
    const list = await h.call('POST', '/v1/link/organizations', {
      token: linkToken,
      body: { ...body(SA.single), region: 'us' },
    })
    expect(await list.json()).toEqual({ organizations: [{ id: org.id, name: 'Acme Corp' }] })

    const { token, connectionId, connection } = await connectServiceAccount()
    expect(connection).toMatchObject({ credential_kind: 'service_account', status: 'active' })
    const users = await page(token, `${USERS}?limit=5`)
    expect(users.result).toHaveLength(5)

    // At rest: the kind beside a ciphertext that holds neither the id nor the secret in clear.
    const row = await h.store.connections.get(h.hostAppId, connectionId)
    expect(row?.credentialKind).toBe('service_account')
    expect(row?.credential).not.toContain(SA.single.clientSecret)
    expect(row?.credential).not.toContain(SA.single.clientId)
  })

  it('an MSP service account picks one of three organizations and reads it', async () => {
    const list = await h.call('POST', '/v1/link/organizations', {
      token: await startSession(h),
      body: { ...body(SA.msp), region: 'us' },
    })
    const { organizations } = (await list.json()) as { organizations: { id: string }[] }
    expect(organizations).toHaveLength(3)
    const chosen = organizations[1]?.id ?? ''
    const { token } = await connectServiceAccount(SA.msp, chosen)
    const users = await page(token, `${USERS}?limit=100`)
    const mspOrg = sandbox.organizations.msp[1]
    expect(users.result).toHaveLength(mspOrg?.data.users.length ?? -1)
  })

  it('reports refused, expired and throttled client credentials with catalog codes', async () => {
    const orgs = async (account: Account) =>
      h.call('POST', '/v1/link/organizations', {
        token: await startSession(h),
        body: { ...body(account), region: 'us' },
      })
    await expectError(await orgs(SA.invalidSecret), 'invalid_client_credentials')
    await expectError(await orgs(SA.expiredSecret), 'invalid_client_credentials')
    const throttled = await expectError(await orgs(SA.throttled), 'provider_rate_limited')
    expect(throttled.retry_after).toBe(30)
  })

  it('100 concurrent reads of one connection cost one token call', async () => {
    const { token } = await connectServiceAccount()
    const before = tokenCalls()
    const pages = await Promise.all(
      Array.from({ length: 100 }, () => page(token, `${USERS}?limit=2`)),
    )
    expect(pages.every((p) => p.result.length === 2)).toBe(true)
    expect(tokenCalls() - before).toBe(1)
    // And the same token serves later reads, until it nears its end.
    await page(token, `${USERS}?limit=1`)
    expect(tokenCalls() - before).toBe(1)
  })

  it('tokens that expire mid-export are renewed without a failed page', async () => {
    const { token } = await connectServiceAccount()
    const before = tokenCalls()
    const seen = new Set<string>()
    let cursor: string | null = null
    let pages = 0
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
      const current = await page(token, `${USERS}?limit=50${query}`)
      for (const user of current.result) seen.add(user.id)
      cursor = current.next_cursor
      pages++
      // After page 1, the token's lifetime passes (the link server sees it coming and renews);
      // after page 3, JumpCloud ends it early (the link server learns from a 401 and renews).
      // Both come before a page that reads upstream whether or not it was read ahead: a first
      // page of 50 reads nothing ahead, and the page read ahead of page 4 or 5 meets the ended
      // token.
      if (pages === 1) clock.ms += LIFETIME_SECONDS * 1000
      if (pages === 3) expect(sandbox.expireAccessTokens(SA.single.clientId)).toBeGreaterThan(0)
    } while (cursor)
    expect(pages).toBe(5)
    expect(seen.size).toBe(org.data.users.length)
    expect(tokenCalls() - before).toBe(3)
  })

  it('a rotated secret breaks the connection; relink with the new secret keeps its id', async () => {
    const { token, connectionId } = await connectServiceAccount()
    await page(token, `${USERS}?limit=1`)
    const newSecret = sandbox.rotateClientSecret(SA.single.clientId)

    await expectError(
      await h.call('GET', `${USERS}?limit=1`, { token }),
      'invalid_client_credentials',
    )
    const broken = await h.call('GET', `/v1/connections/${connectionId}`, { token: h.secret })
    expect(await broken.json()).toMatchObject({
      status: 'broken',
      status_reason: 'invalid_client_credentials',
    })
    const audit = await h.store.audit.list(20)
    expect(
      audit.some((e) => e.type === 'connection.broken' && e.connectionId === connectionId),
    ).toBe(true)

    const rotated = { clientId: SA.single.clientId, clientSecret: newSecret }
    const relinked = await connectServiceAccount(rotated, org.id, { connection_id: connectionId })
    expect(relinked.connectionId).toBe(connectionId)
    expect(relinked.connection).toMatchObject({ status: 'active', status_reason: null })
    // The integration token issued before still works, now with the new secret's tokens.
    expect((await page(token, `${USERS}?limit=1`)).result).toHaveLength(1)
  })

  it('the proxy injects the Bearer token and the same renewal applies', async () => {
    const account = sandbox.serviceAccounts.single
    const { token } = await connectServiceAccount(account)
    const res = await h.call('GET', '/v1/proxy/api/systemusers?limit=1', { token })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { results: unknown[] }).results).toHaveLength(1)
    sandbox.expireAccessTokens(account.clientId)
    expect((await h.call('GET', '/v1/proxy/api/systemusers?limit=1', { token })).status).toBe(200)
  })

  it('writes work with a service account, renewing a token JumpCloud ended without writing twice', async () => {
    const account = sandbox.serviceAccounts.single
    const { token } = await connectServiceAccount(account, org.id, { permissions: 'read_write' })
    await page(token, `${USERS}?limit=1`) // caches a token for the connection
    const writesBefore = sandbox.writeRequests().length
    sandbox.expireAccessTokens(account.clientId)
    const res = await h.call('POST', USERS, {
      token,
      body: {
        username: 'sa.writer',
        email: 'sa.writer@acme.example',
        first_name: 'Service',
        last_name: 'Writer',
      },
    })
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ email: 'sa.writer@acme.example' })
    // The refused attempt and the one that created the user; the user exists once.
    expect(sandbox.writeRequests().length - writesBefore).toBe(2)
    const found = org.data.users.filter((u) => u.email === 'sa.writer@acme.example')
    expect(found).toHaveLength(1)
  })

  it('an API-key connection says so too', async () => {
    const linkToken = await startSession(h)
    const done = await h.call('POST', '/v1/link/complete', {
      token: linkToken,
      body: { api_key: sandbox.keys.single, region: 'us', organization_id: org.id },
    })
    const { connection_id } = (await done.json()) as { connection_id: string }
    const res = await h.call('GET', `/v1/connections/${connection_id}`, { token: h.secret })
    expect(await res.json()).toMatchObject({ credential_kind: 'api_key' })
  })

  it('no client secret and no access token reach a log line', () => {
    const logs = h.logs.join('\n')
    expect(logs).toContain('link completed')
    for (const account of Object.values(SA)) expect(logs).not.toContain(account.clientSecret)
    expect(logs).not.toMatch(/ory_at_/)
  })
})
