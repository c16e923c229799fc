import { createHostApp, openPostgresStore, type Store } from '@jumplink/link-server'
import { SCENARIO_KEYS } from '@jumplink/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../security/support/child-server'
import { complete, connect } from '../security/support/flow'
import { type Call, createCaller, expectError } from '../security/support/http'
import { newMasterKeys } from '../security/support/link-server'
import { createDatabase, type FreshDatabase } from '../security/support/postgres'
import { type CountingSandbox, startCountingSandbox } from './support/counting-sandbox'
import { type Instance, linkServerProcess } from './support/instance'

/**
 * Two link-server processes on one PostgreSQL and no Redis: nothing tells one instance what the
 * other changed. Each keeps the rows a unified request checks (host app, connection) for a
 * moment (issue 17); a relink or a revocation made through one must still hold on the other
 * within a second.
 */
const FIRST_KEY = SCENARIO_KEYS.single
/** The same organization through another key (the slow key reads the single organization). */
const SECOND_KEY = SCENARIO_KEYS.slow
const USERS = '/v1/unified/user-directory/users?limit=5'

let sandbox: CountingSandbox
let database: FreshDatabase
let a: Instance
let b: Instance
let store: Store
let secret: string
let orgId: string
let callA: Call
let callB: Call

beforeAll(async () => {
  sandbox = await startCountingSandbox({ latencyMs: 0, slowLatencyMs: 20 })
  orgId = sandbox.sandbox.organizations.single.id
  database = await createDatabase('without_redis')
  const env = {
    LINK_MODE: 'production',
    LINK_PUBLIC_URL: 'http://127.0.0.1:3100',
    DATABASE_URL: database.url,
    LINK_MASTER_KEYS: newMasterKeys(),
    LINK_DIRECTORY_URL: sandbox.url,
    // The instances say `listening on` at info.
    LINK_LOG_LEVEL: 'info',
  }
  a = linkServerProcess('a', await freePort(), env)
  b = linkServerProcess('b', await freePort(), env)
  // One after the other: the first migrates the fresh database and makes the signing key.
  await a.start()
  await b.start()
  store = await openPostgresStore({ databaseUrl: database.url, maxConnections: 2 })
  secret = (
    await createHostApp(store, { name: 'No Redis host', allowedOrigins: ['https://host.example'] })
  ).secret
  callA = createCaller(a.url)
  callB = createCaller(b.url)
}, 180_000)

afterAll(async () => {
  await a?.kill()
  await b?.kill()
  await store?.close()
  await sandbox?.close()
  await database?.drop()
})

/** Polls `check` on instance b until it holds; how long that took, ms (fails after 2 s). */
async function untilOnB(check: () => Promise<boolean>): Promise<number> {
  const started = Date.now()
  while (Date.now() - started < 2_000) {
    if (await check()) return Date.now() - started
  }
  throw new Error('instance b never saw the change')
}

describe('two link-server instances on one PostgreSQL without Redis', () => {
  it('read with the new key on the other instance within a second of a relink', async () => {
    const { token, connectionId } = await connect(callA, secret, FIRST_KEY, orgId)
    // Both instances have read (and keep) the connection's row with the first key.
    for (const call of [callA, callB])
      expect((await call('GET', USERS, { token })).status).toBe(200)

    const session = await callA('POST', '/v1/link-sessions', {
      token: secret,
      body: { end_user: { id: 'user-1', email: 'it@acme.example' }, connection_id: connectionId },
    })
    expect(session.status, session.text).toBe(201)
    const linkToken = (session.json as { link_token: string }).link_token
    const relinked = await complete(callA, linkToken, SECOND_KEY, orgId)
    expect(relinked.connection_id).toBe(connectionId)
    // The relink checked the second key itself; what follows is b's reading.
    const secondBefore = sandbox.calls(SECOND_KEY)

    const took = await untilOnB(async () => {
      expect((await callB('GET', USERS, { token })).status).toBe(200)
      return sandbox.calls(SECOND_KEY) > secondBefore
    })
    expect(took).toBeLessThan(1_000)
    // From then on b reads with the second key only.
    const first = sandbox.calls(FIRST_KEY)
    expect((await callB('GET', USERS, { token })).status).toBe(200)
    expect(sandbox.calls(FIRST_KEY)).toBe(first)
  })

  it('refuse a connection revoked through the other instance within a second', async () => {
    const { token, connectionId } = await connect(callA, secret, FIRST_KEY, orgId)
    for (const call of [callA, callB])
      expect((await call('GET', USERS, { token })).status).toBe(200)
    const revoked = await callA('DELETE', `/v1/connections/${connectionId}`, { token: secret })
    expect(revoked.status).toBe(200)
    // The instance that revoked refuses at once.
    expectError(await callA('GET', USERS, { token }), 'connection_revoked')
    const took = await untilOnB(async () => {
      const reply = await callB('GET', USERS, { token })
      if (reply.status === 200) return false
      expectError(reply, 'connection_revoked')
      return true
    })
    expect(took).toBeLessThan(1_000)
  })
})
