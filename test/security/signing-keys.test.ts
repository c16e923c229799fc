import { openPostgresStore, retireSigningKey, type Store } from '@jumplink/link-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from './support/flow'
import { expectError, type Reply } from './support/http'
import { activeSigningKey, decodeJwt, signEdDSA } from './support/jwt'
import { createReviewTally } from './support/review'
import { type Stack, startStack } from './support/stack'

/**
 * The outside review's finding 9: a signing key could not be retired, a running server never
 * noticed keys changed in the database, and a token "issued" a year from now was accepted.
 */
const tally = createReviewTally('signing-keys')
let stack: Stack
let secret: string
/** The database as the operator CLI opens it: another process's view, sharing only the rows. */
let cliStore: Store

const UNIFIED = '/v1/unified/user-directory/users?limit=1'

beforeAll(async () => {
  stack = await startStack({
    label: 'signing',
    env: { LINK_SIGNING_KEY_REFRESH_SECONDS: '1' },
  })
  secret = (await stack.link.addHostApp('Signing host')).secret
  const url = stack.database?.url
  if (!url) throw new Error('this file runs on PostgreSQL')
  cliStore = await openPostgresStore({ databaseUrl: url, maxConnections: 2 })
})
afterAll(async () => {
  tally.save()
  await cliStore?.close()
  await stack?.close()
})

/** Calls until `done` holds for the answer (a running server notices within its refresh). */
async function until(call: () => Promise<Reply>, done: (reply: Reply) => boolean, seconds = 15) {
  const deadline = Date.now() + seconds * 1000
  for (;;) {
    const reply = await call()
    if (done(reply) || Date.now() > deadline) return reply
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

const jwksKids = async () => {
  const reply = await stack.call('GET', '/.well-known/jwks.json')
  return (reply.json as { keys: { kid: string }[] }).keys.map((k) => k.kid)
}

describe('finding 9: signing keys', () => {
  it('refuses a token whose iat is more than a minute ahead, validly signed', async () => {
    const { token } = await connect(stack.call, secret, stack.key, stack.orgId)
    const key = await activeSigningKey(stack.link.server)
    const { header, claims } = decodeJwt(token)
    const now = Math.floor(Date.now() / 1000)
    await tally.attack(async () => {
      for (const ahead of [365 * 24 * 3600, 3600, 120]) {
        const forged = signEdDSA(header, { ...claims, iat: now + ahead }, key.privateKey)
        expectError(await stack.call('GET', UNIFIED, { token: forged }), 'invalid_token')
      }
      // Within a minute of skew between instances' clocks it is fine.
      const skewed = signEdDSA(header, { ...claims, iat: now + 30 }, key.privateKey)
      expect((await stack.call('GET', UNIFIED, { token: skewed })).status).toBe(200)
    })
  })

  it('retires a key: a running server stops taking its tokens, signs with a new one, and JWKS drops it after the grace', async () => {
    const before = await connect(stack.call, secret, stack.key, stack.orgId)
    const { kid } = decodeJwt(before.token).header as { kid: string }
    expect((await stack.call('GET', UNIFIED, { token: before.token })).status).toBe(200)

    await tally.attack(async () => {
      // The operator retires the active key from another process (`cli keys retire-signing`).
      const result = await retireSigningKey(cliStore, stack.link.server.vault, kid)
      expect(result).toMatchObject({ retired: true, kid })
      const newKid = result.retired ? result.newActiveKid : undefined
      expect(newKid).toMatch(/^k_/)

      // No restart: the server notices within its refresh interval.
      const refused = await until(
        () => stack.call('GET', UNIFIED, { token: before.token }),
        (reply) => reply.status === 401,
      )
      expectError(refused, 'invalid_token')
      const after = await connect(stack.call, secret, stack.key, stack.orgId)
      expect(decodeJwt(after.token).header.kid).toBe(newKid)
      expect((await stack.call('GET', UNIFIED, { token: after.token })).status).toBe(200)

      // Listed during the grace period (a day by default), gone after it.
      expect(await jwksKids()).toEqual(expect.arrayContaining([kid, newKid]))
      await stack.database?.query(
        "update signing_keys set retired_at = now() - interval '2 days' where kid = $1",
        [kid],
      )
      const listed = await until(
        () => stack.call('GET', '/.well-known/jwks.json'),
        (reply) => !JSON.stringify(reply.json).includes(kid),
      )
      expect(JSON.stringify(listed.json)).not.toContain(kid)
      expect(await jwksKids()).toContain(newKid)
      expect(await retireSigningKey(cliStore, stack.link.server.vault, kid)).toEqual({
        retired: false,
        reason: 'already_retired',
      })
    })
  })

  it('picks up a key rotated by another process without a restart', async () => {
    const tokensBefore = await jwksKids()
    await tally.attack(async () => {
      const result = await retireSigningKey(
        cliStore,
        stack.link.server.vault,
        (await activeSigningKey(stack.link.server)).kid,
      )
      const newKid = result.retired ? result.newActiveKid : undefined
      const reply = await until(
        () => stack.call('GET', '/.well-known/jwks.json'),
        (r) => JSON.stringify(r.json).includes(String(newKid)),
      )
      expect(JSON.stringify(reply.json)).toContain(String(newKid))
      expect(tokensBefore).not.toContain(newKid)
      const signed = await until(
        async () => {
          const { token } = await connect(stack.call, secret, stack.key, stack.orgId)
          return { status: 200, headers: new Headers(), text: token, json: undefined }
        },
        (r) => decodeJwt(r.text).header.kid === newKid,
      )
      expect(decodeJwt(signed.text).header.kid).toBe(newKid)
    })
  })
})
