import { createSandbox, SCENARIO_KEYS } from '@jumplink/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from '../fixtures/harness'
import { connectWith } from '../fixtures/sandbox-connection'
import { ROWS_MAX_AGE_MS } from '../middleware/require-integration-token/connection-rows'

/**
 * The directory's organization header (`x-org-id`) goes only where its specs require it: on
 * every call of a key that reads several organizations (multi-tenant), never on a key that
 * reads one ("Single Tenant Admins do not need to provide this header"). The link step records
 * which it is on the connection.
 */
let h: Harness
const sandbox = createSandbox()
const seen: { path: string; org: string | null }[] = []

beforeAll(async () => {
  h = await createHarness({
    fetch: (url, init) => {
      seen.push({ path: new URL(url).pathname, org: new Headers(init.headers).get('x-org-id') })
      return Promise.resolve(sandbox.app.request(url, init))
    },
  })
})
afterAll(() => h.close())

async function readUsers(token: string) {
  seen.length = 0
  const res = await h.call('GET', '/v1/unified/user-directory/users?limit=5', { token })
  expect(res.status).toBe(200)
  return seen.filter((call) => call.path !== '/api/organizations')
}

describe('the organization header', () => {
  it('is left out for a key that reads one organization, and recorded so', async () => {
    const single = sandbox.organizations.single.id
    const { connectionId, token } = await connectWith(h, SCENARIO_KEYS.single, single)
    const connection = await h.store.connections.get(h.hostAppId, connectionId)
    expect(connection?.multiOrganization).toBe(false)
    const calls = await readUsers(token)
    expect(calls.length).toBeGreaterThan(0)
    expect(calls.filter((call) => call.org !== null)).toEqual([])
  })

  it('names the organization on every call of a multi-tenant key', async () => {
    const chosen = sandbox.organizations.msp[2]?.id ?? ''
    const { connectionId, token } = await connectWith(h, SCENARIO_KEYS.msp, chosen)
    const connection = await h.store.connections.get(h.hostAppId, connectionId)
    expect(connection?.multiOrganization).toBe(true)
    const calls = await readUsers(token)
    expect(calls.length).toBeGreaterThan(0)
    expect(calls.filter((call) => call.org !== chosen)).toEqual([])
  })

  it('is still sent for a connection linked before the link server recorded it, until a check', async () => {
    const single = sandbox.organizations.single.id
    const { connectionId, token } = await connectWith(h, SCENARIO_KEYS.single, single)
    await h.store.transaction(async (tx) => {
      const row = await tx.connections.get(h.hostAppId, connectionId)
      if (!row?.credential) throw new Error('no connection')
      await tx.connections.replaceCredential({
        id: connectionId,
        credential: row.credential,
        credentialKind: row.credentialKind,
        organizationName: row.organizationName,
        multiOrganization: null,
        permissions: row.permissions,
        now: new Date(),
      })
    })
    const calls = await readUsers(token)
    expect(calls.filter((call) => call.org !== single)).toEqual([])

    // A check asks again and records it: from then on the header is left out.
    const check = await h.call('POST', `/v1/connections/${connectionId}/check`, { token: h.secret })
    expect(check.status).toBe(200)
    const checked = await h.store.connections.get(h.hostAppId, connectionId)
    expect(checked?.multiOrganization).toBe(false)
    // The token check keeps connection rows at most this long.
    await new Promise((resolve) => setTimeout(resolve, ROWS_MAX_AGE_MS + 50))
    expect((await readUsers(token)).filter((call) => call.org !== null)).toEqual([])
  })
})
