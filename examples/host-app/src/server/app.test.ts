import { createJumpLinkClient } from '@jumplink/client'
import { describe, expect, it } from 'vitest'
import { createHostApp } from './app'
import { createTokenStore } from './token-store'

const USER = { id: 'user_1', email: 'a@example.com', name: 'A' }
const INTEGRATION_TOKEN = 'eyJhbGciOiJFZERTQSJ9.integration.token'

function connection(id: string, endUser = USER.id, status = 'active') {
  return {
    id,
    end_user_id: endUser,
    organization: { id: 'org_1', name: 'Acme Corp' },
    region: 'us',
    permissions: 'read',
    credential_kind: 'service_account',
    status,
    status_reason: null,
    created_at: '2026-01-01T00:00:00.000Z',
    last_checked_at: null,
  }
}

/** A host app whose link server is a stub answering the few host API calls used here. */
function setup() {
  const calls: { method: string; path: string; body: unknown }[] = []
  const mine = connection('conn_mine0000000000000000000')
  const theirs = connection('conn_theirs000000000000000000', 'someone_else')
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input))
    const body = init?.body ? JSON.parse(String(init.body)) : undefined
    calls.push({ method: init?.method ?? 'GET', path: url.pathname, body })
    const json = (value: unknown, status = 200) => Response.json(value, { status })
    if (url.pathname === '/v1/tokens/exchange') {
      return json({ integration_token: INTEGRATION_TOKEN, connection: mine })
    }
    if (url.pathname === '/v1/link-sessions') {
      return json({ link_token: 'lt_1', expires_at: '2026-01-01T00:30:00.000Z' }, 201)
    }
    if (url.pathname === '/v1/unified/user-directory/users/u_1/suspend') {
      return json({ id: 'u_1', status: 'inactive' })
    }
    const page = (result: unknown[]) => json({ result, next_cursor: null })
    if (url.pathname === '/v1/unified/user-directory/users') {
      const expand = url.searchParams.get('expand')
      return page(
        [
          {
            id: 'u_2',
            username: 'zoe',
            first_name: 'Zoe',
            status: 'active',
            is_mfa_enabled: false,
          },
          { id: 'u_1', username: 'al', first_name: 'Al', status: 'inactive', is_mfa_enabled: true },
        ].map((u) => ({
          ...u,
          email: `${u.username}@acme.example`,
          ...(expand?.includes('groups') ? { groups: [{ id: 'g_1', name: 'Staff' }] } : {}),
          ...(expand?.includes('last_login')
            ? { last_login_at: u.id === 'u_1' ? '2026-01-02T00:00:00.000Z' : null }
            : {}),
        })),
      )
    }
    if (url.pathname === '/v1/unified/sso/applications') {
      return page([{ id: 'app_1', name: 'Slack' }])
    }
    if (url.pathname === '/v1/unified/sso/applications/app_1/assignments') {
      return page([{ user: { id: 'u_1' } }])
    }
    if (url.pathname === `/v1/connections/${mine.id}`) return json(mine)
    if (url.pathname === `/v1/connections/${theirs.id}`) return json(theirs)
    return json(
      { error: { code: 'route_not_found', message: 'no', request_id: 'r', retryable: false } },
      404,
    )
  }
  const tokens = createTokenStore()
  const app = createHostApp({
    jumplink: createJumpLinkClient({ baseUrl: 'http://link.test', secretKey: 'jl_sk_x', fetch }),
    linkServerUrl: 'http://link.test',
    tokens,
    user: USER,
  })
  const call = (method: string, path: string, body?: unknown) =>
    app.request(path, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    })
  return { app, call, calls, tokens, mine, theirs }
}

describe('host app backend', () => {
  it('keeps the integration token on the server and answers with a view', async () => {
    const { call, tokens, mine } = setup()
    const response = await call('POST', '/api/exchange', { public_token: 'pt_1' })
    expect(response.status).toBe(200)
    const text = await response.text()
    expect(text).not.toContain(INTEGRATION_TOKEN)
    expect(JSON.parse(text)).toMatchObject({
      id: mine.id,
      organization: 'Acme Corp',
      readable: true,
      credentialKind: 'service_account',
    })
    expect(tokens.get(mine.id)).toBe(INTEGRATION_TOKEN)
  })

  it('starts a relink session only for its own user’s connection', async () => {
    const { call, calls, mine, theirs } = setup()
    const ok = await call('POST', '/api/link-token', { connection_id: mine.id })
    expect(await ok.json()).toEqual({ link_token: 'lt_1' })
    expect(calls.at(-1)).toMatchObject({
      path: '/v1/link-sessions',
      body: { end_user: { id: USER.id }, connection_id: mine.id },
    })
    const refused = await call('POST', '/api/link-token', { connection_id: theirs.id })
    expect(refused.status).toBe(404)
    expect(calls.filter((c) => c.path === '/v1/link-sessions')).toHaveLength(1)
  })

  it('asks for read and write only when the page chose it, and ignores anything else', async () => {
    const { call, calls } = setup()
    await call('POST', '/api/link-token', { permissions: 'read_write' })
    await call('POST', '/api/link-token', { permissions: 'admin' })
    await call('POST', '/api/link-token', {})
    const asked = calls.filter((c) => c.path === '/v1/link-sessions')
    expect(asked.map((c) => (c.body as { permissions: string }).permissions)).toEqual([
      'read_write',
      'read',
      'read',
    ])
  })

  it('refuses to read a connection it holds no token for', async () => {
    const { call, mine } = setup()
    const response = await call('GET', `/api/connections/${mine.id}/access-review`)
    expect(response.status).toBe(409)
  })

  it('names the directory from the SDK metadata', async () => {
    const { call } = setup()
    const config = (await (await call('GET', '/api/config')).json()) as { directoryName: string }
    expect(config.directoryName).toBe('JumpCloud')
  })
})

describe('the access review, people first', () => {
  it('answers the people, then their groups, last login and apps', async () => {
    const { call, tokens, mine } = setup()
    tokens.set(mine.id, INTEGRATION_TOKEN)
    const people = await call('GET', `/api/connections/${mine.id}/access-review/people`)
    expect(people.status).toBe(200)
    expect(await people.json()).toMatchObject({
      people: [
        { id: 'u_1', name: 'Al', status: 'inactive', mfa: true },
        { id: 'u_2', name: 'Zoe', status: 'active', mfa: false },
      ],
      summary: { users: 2, withoutMfa: 1 },
    })
    const activity = await call('GET', `/api/connections/${mine.id}/access-review/activity`)
    expect(activity.status).toBe(200)
    expect(await activity.json()).toEqual({
      groups: { u_1: ['Staff'], u_2: ['Staff'] },
      lastLoginAt: { u_1: '2026-01-02T00:00:00.000Z', u_2: null },
      apps: { u_1: ['Slack'] },
    })
  })
})

describe('acting on the access review', () => {
  it('suspends a user through the SDK with the acting user for the audit trail', async () => {
    const { call, calls, tokens, mine } = setup()
    tokens.set(mine.id, INTEGRATION_TOKEN)
    const res = await call('POST', `/api/connections/${mine.id}/users/u_1/suspend`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ id: 'u_1', status: 'inactive' })
    expect(calls.at(-1)).toMatchObject({
      method: 'POST',
      path: '/v1/unified/user-directory/users/u_1/suspend',
    })
  })

  it("refuses another customer's connection without calling the link server's unified API", async () => {
    const { call, calls, tokens, theirs } = setup()
    tokens.set(theirs.id, INTEGRATION_TOKEN)
    expect((await call('POST', `/api/connections/${theirs.id}/users/u_1/suspend`)).status).toBe(404)
    expect(calls.some((c) => c.path.startsWith('/v1/unified/'))).toBe(false)
  })
})
