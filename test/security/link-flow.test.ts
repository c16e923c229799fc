import { createHostApp } from '@jumplink/link-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, startSession } from './support/flow'
import { expectError } from './support/http'
import { createReviewTally } from './support/review'
import { type Stack, startStack } from './support/stack'

/**
 * The outside review's findings on the link flow (issue 13): finding 2, a relink raised a
 * connection's permissions without the admin seeing it; finding 5, host app B's page could frame
 * the hosted page and drive host app A's link session; and from the "Also" list, a stored key
 * that no longer decrypts answered `internal_error`, retryable.
 */
const tally = createReviewTally('link-flow')
let stack: Stack
let secret: string

beforeAll(async () => {
  stack = await startStack({ label: 'linkflow' })
  secret = (await stack.link.addHostApp('Flow host')).secret
})
afterAll(async () => {
  tally.save()
  await stack?.close()
})

async function relink(connectionId: string, body: Record<string, unknown>) {
  const session = await stack.call('POST', '/v1/link-sessions', {
    token: secret,
    body: { end_user: { id: 'user-1' }, connection_id: connectionId, permissions: 'read_write' },
  })
  expect(session.status, session.text).toBe(201)
  const linkToken = (session.json as { link_token: string }).link_token
  const info = await stack.call('GET', '/v1/link/session', { token: linkToken })
  expect(info.json).toMatchObject({
    mode: 'update',
    permissions: 'read_write',
    connection: { id: connectionId, permissions: 'read' },
  })
  return stack.call('POST', '/v1/link/complete', {
    token: linkToken,
    body: { api_key: stack.key, region: 'us', organization_id: stack.orgId, ...body },
  })
}

async function permissionsOf(connectionId: string) {
  const reply = await stack.call('GET', `/v1/connections/${connectionId}`, { token: secret })
  return (reply.json as { permissions: string }).permissions
}

const auditTypes = async (connectionId: string) =>
  (await stack.link.server.store.audit.list(200))
    .filter((e) => e.connectionId === connectionId)
    .map((e) => e.type)

describe('finding 2: a relink does not raise permissions silently', () => {
  it('an update session asking read_write, completed without consent, leaves the connection read', async () => {
    const { connectionId, token } = await connect(stack.call, secret, stack.key, stack.orgId)
    expect(await permissionsOf(connectionId)).toBe('read')
    await tally.attack(async () => {
      const completed = await relink(connectionId, {})
      expect(completed.status, completed.text).toBe(200)
      expect(await permissionsOf(connectionId)).toBe('read')
      // The old integration token still cannot write through the proxy.
      expectError(
        await stack.call('DELETE', '/v1/proxy/api/systemusers/5f0c1b2c3d4e5f6a7b8c9d0e', { token }),
        'write_not_permitted',
      )
      expect(await auditTypes(connectionId)).toContain('connection.permissions_kept')
    })
    // With the admin's consent on screen (the widget sends what it showed), the change is made
    // and audited.
    const consented = await relink(connectionId, { consented_permissions: 'read_write' })
    expect(consented.status, consented.text).toBe(200)
    expect(await permissionsOf(connectionId)).toBe('read_write')
    expect(await auditTypes(connectionId)).toContain('connection.permissions_changed')
  })
})

describe('finding 5: the hosted page serves only its session’s own host app', () => {
  it('refuses link API calls from our page framed by another host app’s origin', async () => {
    const store = stack.link.server.store
    const a = await createHostApp(store, { name: 'A', allowedOrigins: ['https://a.example'] })
    await createHostApp(store, { name: 'B', allowedOrigins: ['https://b.example'] })
    const linkToken = await startSession(stack.call, a.secret)
    const ownOrigin = new URL(stack.link.url).origin
    const fromOurPage = (frame?: string, extra: Record<string, string> = {}) => ({
      token: linkToken,
      headers: {
        origin: ownOrigin,
        ...(frame ? { 'x-jumplink-frame-origin': frame } : {}),
        ...extra,
      },
    })
    await tally.attack(async () => {
      expectError(
        await stack.call('GET', '/v1/link/session', fromOurPage('https://b.example')),
        'origin_not_allowed',
      )
      expectError(
        await stack.call('POST', '/v1/link/organizations', {
          ...fromOurPage('https://b.example'),
          body: { api_key: stack.key, region: 'us' },
        }),
        'origin_not_allowed',
      )
      expectError(
        await stack.call('POST', '/v1/link/complete', {
          ...fromOurPage('https://b.example'),
          body: { api_key: stack.key, region: 'us', organization_id: stack.orgId },
        }),
        'origin_not_allowed',
      )
      // Our page must say who frames it: not saying is refused too (same-origin GETs carry no
      // Origin, but browsers send Sec-Fetch-Site).
      expectError(await stack.call('GET', '/v1/link/session', fromOurPage()), 'origin_not_allowed')
      expectError(
        await stack.call('GET', '/v1/link/session', {
          token: linkToken,
          headers: { 'sec-fetch-site': 'same-origin' },
        }),
        'origin_not_allowed',
      )
      // Framed by A, the session's own host app, it works.
      const ok = await stack.call('GET', '/v1/link/session', fromOurPage('https://a.example'))
      expect(ok.status, ok.text).toBe(200)
    })
  })
})

describe('also: a stored key that no longer decrypts', () => {
  it('answers credential_unreadable, not retryable, and marks the connection broken with the reason', async () => {
    const first = await connect(stack.call, secret, stack.key, stack.orgId)
    const second = await connect(stack.call, secret, stack.key, stack.orgId)
    // Another connection's envelope: sealed for another (host app, connection), so it cannot open.
    const database = stack.database
    if (!database) throw new Error('this file runs on PostgreSQL')
    await database.query(
      'update connections set credential = (select credential from connections where id = $2) where id = $1',
      [first.connectionId, second.connectionId],
    )
    await tally.attack(async () => {
      for (const reply of [
        await stack.call('GET', '/v1/unified/user-directory/users?limit=1', { token: first.token }),
        await stack.call('GET', '/v1/proxy/api/systemusers', { token: first.token }),
        await stack.call('POST', `/v1/connections/${first.connectionId}/check`, { token: secret }),
      ]) {
        const error = expectError(reply, 'credential_unreadable')
        expect(error.retryable).toBe(false)
      }
      const connection = await stack.call('GET', `/v1/connections/${first.connectionId}`, {
        token: secret,
      })
      expect(connection.json).toMatchObject({
        status: 'broken',
        status_reason: 'credential_unreadable',
      })
      // The other connection is untouched.
      const other = await stack.call('GET', '/v1/unified/user-directory/users?limit=1', {
        token: second.token,
      })
      expect(other.status).toBe(200)
    })
  })
})

describe('also: a completion whose answer was lost is not a dead connection', () => {
  it('the widget’s retry gets a new public token for the same connection, which exchanges once', async () => {
    const linkToken = await startSession(stack.call, secret, 'lost-answer')
    const body = { api_key: stack.key, region: 'us', organization_id: stack.orgId }
    // The completion commits; its answer never reaches the widget (the server died, say).
    const lost = await stack.call('POST', '/v1/link/complete', { token: linkToken, body })
    expect(lost.status).toBe(200)
    const { connection_id } = lost.json as { connection_id: string }
    await tally.attack(async () => {
      // Someone else's key on the same link token gets nothing.
      expectError(
        await stack.call('POST', '/v1/link/complete', {
          token: linkToken,
          body: { ...body, api_key: `${stack.key.slice(0, -1)}x` },
        }),
        'link_session_completed',
      )
      const retry = await stack.call('POST', '/v1/link/complete', { token: linkToken, body })
      expect(retry.status, retry.text).toBe(200)
      const again = retry.json as { connection_id: string; public_token: string }
      expect(again.connection_id).toBe(connection_id)
      const exchanged = await stack.call('POST', '/v1/tokens/exchange', {
        token: secret,
        body: { public_token: again.public_token },
      })
      expect(exchanged.status, exchanged.text).toBe(200)
      const connections = await stack.call('GET', '/v1/connections?end_user_id=lost-answer', {
        token: secret,
      })
      expect((connections.json as { result: unknown[] }).result).toHaveLength(1)
      // Exchanged: the session is spent for good.
      expectError(
        await stack.call('POST', '/v1/link/complete', { token: linkToken, body }),
        'link_session_completed',
      )
    })
  })
})
