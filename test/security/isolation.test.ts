import type { ErrorCode } from '@jumplink/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTally } from './support/figures'
import { complete, connect, startSession } from './support/flow'
import { expectError, type Reply } from './support/http'
import { activeSigningKey, decodeJwt, signEdDSA } from './support/jwt'
import { type Stack, startStack } from './support/stack'

/**
 * Two host apps on one link server: A, with its own secret, tries everything it can against
 * B's connections and tokens. Each attempt must fail as if B's things did not exist, and leave
 * them untouched for B.
 */
const tally = createTally('isolation')
let stack: Stack
let a: { id: string; secret: string }
let b: { id: string; secret: string }
let bConnection: { connectionId: string; token: string }
let aConnection: { connectionId: string; token: string }

const USERS = '/v1/unified/user-directory/users'

beforeAll(async () => {
  stack = await startStack({ label: 'isolation' })
  a = await stack.link.addHostApp('Host A')
  b = await stack.link.addHostApp('Host B')
  aConnection = await connect(stack.call, a.secret, stack.key, stack.orgId)
  bConnection = await connect(stack.call, b.secret, stack.key, stack.orgId)
})
afterAll(async () => {
  tally.save()
  await stack?.close()
})

/** One attempt by A on B's things; counts it, and its rejection once checked. */
async function attempt(reply: Promise<Reply>, code: ErrorCode) {
  tally.add('attacks.tried')
  tally.add('isolation.attempts')
  expectError(await reply, code)
  tally.add('attacks.rejected')
}

async function bStillOwnsItsConnection() {
  const got = await stack.call('GET', `/v1/connections/${bConnection.connectionId}`, {
    token: b.secret,
  })
  expect(got.status).toBe(200)
  expect(got.json).toMatchObject({ id: bConnection.connectionId, status: 'active' })
  expect((await stack.call('GET', `${USERS}?limit=1`, { token: bConnection.token })).status).toBe(
    200,
  )
}

describe("host app A and host app B's connections", () => {
  it("A's list never shows B's connections, whatever the filter", async () => {
    for (const query of ['', '?limit=100', '?end_user_id=user-1', '?status=active']) {
      const list = await stack.call('GET', `/v1/connections${query}`, { token: a.secret })
      expect(list.status).toBe(200)
      const ids = (list.json as { result: { id: string }[] }).result.map((c) => c.id)
      expect(ids).toContain(aConnection.connectionId)
      expect(ids).not.toContain(bConnection.connectionId)
      tally.add('isolation.lists_checked')
    }
  })

  it("A cannot get, check or revoke B's connection: it is not found", async () => {
    const path = `/v1/connections/${bConnection.connectionId}`
    await attempt(stack.call('GET', path, { token: a.secret }), 'connection_not_found')
    await attempt(stack.call('POST', `${path}/check`, { token: a.secret }), 'connection_not_found')
    await attempt(stack.call('DELETE', path, { token: a.secret }), 'connection_not_found')
    await bStillOwnsItsConnection()
  })

  it("A cannot open a relink session on B's connection", async () => {
    await attempt(
      stack.call('POST', '/v1/link-sessions', {
        token: a.secret,
        body: { end_user: { id: 'user-1' }, connection_id: bConnection.connectionId },
      }),
      'connection_not_found',
    )
  })

  it("A cannot exchange B's public token, and B still can afterwards", async () => {
    const { public_token } = await complete(
      stack.call,
      await startSession(stack.call, b.secret),
      stack.key,
      stack.orgId,
    )
    for (let i = 0; i < 2; i++) {
      await attempt(
        stack.call('POST', '/v1/tokens/exchange', { token: a.secret, body: { public_token } }),
        'invalid_public_token',
      )
    }
    const mine = await stack.call('POST', '/v1/tokens/exchange', {
      token: b.secret,
      body: { public_token },
    })
    expect(mine.status).toBe(200)
  })

  it("a token claiming A for B's connection, validly signed, reads nothing", async () => {
    const key = await activeSigningKey(stack.link.server)
    const { header, claims } = decodeJwt(bConnection.token)
    const forged = signEdDSA(header, { ...claims, hap: a.id }, key.privateKey)
    await attempt(stack.call('GET', `${USERS}?limit=1`, { token: forged }), 'invalid_token')
    await attempt(
      stack.call('GET', '/v1/proxy/api/systemusers', { token: forged }),
      'invalid_token',
    )
  })

  it("a cursor from B's connection does not page A's connection", async () => {
    const page = await stack.call('GET', `${USERS}?limit=2`, { token: bConnection.token })
    const cursor = (page.json as { next_cursor: string | null }).next_cursor
    expect(cursor).toEqual(expect.any(String))
    await attempt(
      stack.call('GET', `${USERS}?limit=2&cursor=${encodeURIComponent(cursor ?? '')}`, {
        token: aConnection.token,
      }),
      'invalid_cursor',
    )
  })

  it("B's secret key does not manage A's connections, and revoking B's leaves A's working", async () => {
    const mine = await connect(stack.call, b.secret, stack.key, stack.orgId)
    await attempt(
      stack.call('DELETE', `/v1/connections/${aConnection.connectionId}`, { token: b.secret }),
      'connection_not_found',
    )
    const revoke = await stack.call('DELETE', `/v1/connections/${mine.connectionId}`, {
      token: b.secret,
    })
    expect(revoke.status).toBe(200)
    await attempt(
      stack.call('GET', `${USERS}?limit=1`, { token: mine.token }),
      'connection_revoked',
    )
    expect((await stack.call('GET', `${USERS}?limit=1`, { token: aConnection.token })).status).toBe(
      200,
    )
    await bStillOwnsItsConnection()
  })
})
