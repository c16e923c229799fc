import type { KeyObject } from 'node:crypto'
import { createPublicKey, generateKeyPairSync } from 'node:crypto'
import type { ErrorCode } from '@jumplink/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTally } from './support/figures'
import { complete, connect, exchange, startSession } from './support/flow'
import { expectError, type Reply } from './support/http'
import { activeSigningKey, decodeJwt, signEdDSA, signHS256, unsigned } from './support/jwt'
import { type Stack, startStack } from './support/stack'

/**
 * Forged, altered, expired, misdirected and replayed tokens, over HTTP against a running link
 * server. Forgeries that need a valid signature are signed with the server's own key (read as
 * an insider would), so each check is shown to hold by itself, not behind a bad signature.
 */
const tally = createTally('token-attacks')
let stack: Stack
let secret: string
let otherHost: { id: string; secret: string }
let valid: { connectionId: string; token: string; linkToken: string }
let freshLinkToken: string
let key: {
  kid: string
  publicJwk: { kid: string } & Record<string, unknown>
  privateKey: KeyObject
}
let apiHeader: Record<string, unknown>
let apiClaims: Record<string, unknown>
let linkHeader: Record<string, unknown>
let linkClaims: Record<string, unknown>

const UNIFIED = '/v1/unified/user-directory/users?limit=1'
const now = () => Math.floor(Date.now() / 1000)

beforeAll(async () => {
  stack = await startStack({ label: 'tokens' })
  secret = (await stack.link.addHostApp('Host A')).secret
  otherHost = await stack.link.addHostApp('Host B')
  valid = await connect(stack.call, secret, stack.key, stack.orgId)
  freshLinkToken = await startSession(stack.call, secret)
  key = await activeSigningKey(stack.link.server)
  ;({ header: apiHeader, claims: apiClaims } = decodeJwt(valid.token))
  ;({ header: linkHeader, claims: linkClaims } = decodeJwt(freshLinkToken))
})
afterAll(async () => {
  tally.save()
  await stack?.close()
})

/** Where a token is presented: the unified API, the proxy, the link API or the host API. */
type Target = 'unified' | 'proxy' | 'link' | 'host'

function present(target: Target, token: string): Promise<Reply> {
  switch (target) {
    case 'unified':
      return stack.call('GET', UNIFIED, { token })
    case 'proxy':
      return stack.call('GET', '/v1/proxy/api/systemusers?limit=1', { token })
    case 'link':
      return stack.call('GET', '/v1/link/session', { token })
    case 'host':
      return stack.call('GET', '/v1/connections', { token })
  }
}

interface Attack {
  name: string
  target: Target
  token: () => string | Promise<string>
  code: ErrorCode
}

const sign = (header: object, claims: object) => signEdDSA(header, claims, key.privateKey)
const withSignature = (token: string, signature: string) =>
  `${token.split('.').slice(0, 2).join('.')}.${signature}`
const pem = () =>
  createPublicKey({ key: key.publicJwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' })

const ATTACKS: Attack[] = [
  {
    name: 'a tampered signature (one character changed)',
    target: 'unified',
    token: () => {
      const signature = valid.token.split('.')[2] ?? ''
      const flipped = signature.startsWith('A')
        ? `B${signature.slice(1)}`
        : `A${signature.slice(1)}`
      return withSignature(valid.token, flipped)
    },
    code: 'invalid_token',
  },
  {
    name: 'tampered claims under the original signature (another connection)',
    target: 'unified',
    token: () => {
      const forged = unsigned(apiHeader, { ...apiClaims, sub: `${valid.connectionId}x` })
      return withSignature(forged, valid.token.split('.')[2] ?? '')
    },
    code: 'invalid_token',
  },
  {
    name: 'a stripped signature',
    target: 'unified',
    token: () => withSignature(valid.token, ''),
    code: 'invalid_token',
  },
  ...(['none', 'None', 'NONE', 'nOnE'] as const).map(
    (alg): Attack => ({
      name: `alg: ${alg}`,
      target: 'unified',
      token: () => unsigned({ ...apiHeader, alg }, apiClaims),
      code: 'invalid_token',
    }),
  ),
  {
    name: 'alg: none on the link API',
    target: 'link',
    token: () => unsigned({ ...linkHeader, alg: 'none' }, linkClaims),
    code: 'invalid_token',
  },
  {
    name: 'algorithm confusion: HS256 keyed with the public JWK (JSON)',
    target: 'unified',
    token: () =>
      signHS256({ ...apiHeader, alg: 'HS256' }, apiClaims, JSON.stringify(key.publicJwk)),
    code: 'invalid_token',
  },
  {
    name: 'algorithm confusion: HS256 keyed with the public key PEM',
    target: 'unified',
    token: () => signHS256({ ...apiHeader, alg: 'HS256' }, apiClaims, pem()),
    code: 'invalid_token',
  },
  {
    name: 'algorithm confusion: HS256 keyed with the raw public key bytes',
    target: 'unified',
    token: () =>
      signHS256(
        { ...apiHeader, alg: 'HS256' },
        apiClaims,
        Buffer.from(String(key.publicJwk.x), 'base64url'),
      ),
    code: 'invalid_token',
  },
  {
    name: 'algorithm confusion on the link API (HS256 with the PEM)',
    target: 'link',
    token: () => signHS256({ ...linkHeader, alg: 'HS256' }, linkClaims, pem()),
    code: 'invalid_token',
  },
  {
    name: 'an attacker key embedded in the header (jwk)',
    target: 'unified',
    token: () => {
      const attacker = generateKeyPairSync('ed25519')
      const jwk = attacker.publicKey.export({ format: 'jwk' })
      return signEdDSA({ ...apiHeader, kid: undefined, jwk }, apiClaims, attacker.privateKey)
    },
    code: 'invalid_token',
  },
  {
    name: "an attacker's own Ed25519 key under our kid",
    target: 'unified',
    token: () => signEdDSA(apiHeader, apiClaims, generateKeyPairSync('ed25519').privateKey),
    code: 'invalid_token',
  },
  {
    name: 'an unknown kid',
    target: 'unified',
    token: () => sign({ ...apiHeader, kid: 'k_not_a_key' }, apiClaims),
    code: 'invalid_token',
  },
  {
    name: 'no kid',
    target: 'unified',
    token: () => sign({ alg: 'EdDSA', typ: apiHeader.typ }, apiClaims),
    code: 'invalid_token',
  },
  {
    name: 'an expired integration token',
    target: 'unified',
    token: () => sign(apiHeader, { ...apiClaims, iat: now() - 7200, exp: now() - 3600 }),
    code: 'token_expired',
  },
  {
    name: 'an expired link token',
    target: 'link',
    token: () => sign(linkHeader, { ...linkClaims, iat: now() - 7200, exp: now() - 3600 }),
    code: 'link_session_expired',
  },
  {
    name: 'a token not valid yet (nbf in an hour)',
    target: 'unified',
    token: () => sign(apiHeader, { ...apiClaims, nbf: now() + 3600 }),
    code: 'invalid_token',
  },
  {
    name: 'the wrong audience (the link audience, typed as an API token)',
    target: 'unified',
    token: () => sign(apiHeader, { ...apiClaims, aud: linkClaims.aud }),
    code: 'invalid_token',
  },
  {
    name: 'a foreign audience',
    target: 'unified',
    token: () => sign(apiHeader, { ...apiClaims, aud: 'https://other.example' }),
    code: 'invalid_token',
  },
  {
    name: 'the wrong audience on the link API',
    target: 'link',
    token: () => sign(linkHeader, { ...linkClaims, aud: apiClaims.aud }),
    code: 'invalid_token',
  },
  {
    name: 'the wrong issuer',
    target: 'unified',
    token: () => sign(apiHeader, { ...apiClaims, iss: 'https://evil.example' }),
    code: 'invalid_token',
  },
  {
    name: 'the wrong issuer on the link API',
    target: 'link',
    token: () => sign(linkHeader, { ...linkClaims, iss: 'https://evil.example' }),
    code: 'invalid_token',
  },
  {
    name: 'the wrong type (a link typ with the API audience)',
    target: 'unified',
    token: () => sign({ ...apiHeader, typ: linkHeader.typ }, apiClaims),
    code: 'invalid_token',
  },
  {
    name: 'no host app claim',
    target: 'unified',
    token: () => sign(apiHeader, { ...apiClaims, hap: undefined }),
    code: 'invalid_token',
  },
  {
    name: 'a token of another host app for this connection (validly signed)',
    target: 'unified',
    token: () => sign(apiHeader, { ...apiClaims, hap: otherHost.id }),
    code: 'invalid_token',
  },
  {
    name: 'a validly signed token for a connection that does not exist',
    target: 'unified',
    token: () => sign(apiHeader, { ...apiClaims, sub: 'conn_doesnotexist000000000000' }),
    code: 'invalid_token',
  },
  {
    name: 'a link token on the unified API',
    target: 'unified',
    token: () => freshLinkToken,
    code: 'invalid_token',
  },
  {
    name: 'a link token on the proxy',
    target: 'proxy',
    token: () => freshLinkToken,
    code: 'invalid_token',
  },
  {
    name: 'an integration token on the link API',
    target: 'link',
    token: () => valid.token,
    code: 'invalid_token',
  },
  {
    name: 'an integration token as a host secret key',
    target: 'host',
    token: () => valid.token,
    code: 'invalid_secret_key',
  },
  {
    name: 'a host secret key on the unified API',
    target: 'unified',
    token: () => secret,
    code: 'invalid_token',
  },
  {
    name: 'a link token as a host secret key',
    target: 'host',
    token: () => freshLinkToken,
    code: 'invalid_secret_key',
  },
  {
    name: 'a link token whose session already completed',
    target: 'link',
    token: () => valid.linkToken,
    code: 'link_session_completed',
  },
  {
    name: 'garbage in three segments',
    target: 'unified',
    token: () => 'a.b.c',
    code: 'invalid_token',
  },
  {
    name: 'a 16 KB token',
    target: 'unified',
    token: () => `${'eyJ'.padEnd(16_000, 'A')}.x.y`,
    code: 'invalid_token',
  },
  {
    name: 'a critical header extension',
    target: 'unified',
    token: () => sign({ ...apiHeader, crit: ['exp2'], exp2: 1 }, apiClaims),
    code: 'invalid_token',
  },
]

describe('token attacks over HTTP', () => {
  it('accepts the genuine tokens (the baseline every attack is measured against)', async () => {
    expect((await present('unified', valid.token)).status).toBe(200)
    expect((await present('link', freshLinkToken)).status).toBe(200)
    // A token re-signed with unchanged claims is accepted: the forgeries below differ only in
    // what each names, so their rejections are the checks themselves.
    expect((await present('unified', sign(apiHeader, apiClaims))).status).toBe(200)
    expect((await present('link', sign(linkHeader, linkClaims))).status).toBe(200)
  })

  it.each(ATTACKS.map((a) => [a.name, a] as const))('rejects %s', async (_, attack) => {
    tally.add('attacks.tried')
    const reply = await present(attack.target, await attack.token())
    expectError(reply, attack.code)
    tally.add('attacks.rejected')
  })

  it('refuses a replayed public token, and the replay does not spoil the first exchange', async () => {
    const link = await startSession(stack.call, secret)
    const { public_token, connection_id } = await complete(stack.call, link, stack.key, stack.orgId)
    const token = await exchange(stack.call, secret, public_token)
    for (let i = 0; i < 3; i++) {
      tally.add('attacks.tried')
      const replay = await stack.call('POST', '/v1/tokens/exchange', {
        token: secret,
        body: { public_token },
      })
      expectError(replay, 'public_token_already_used')
      tally.add('attacks.rejected')
    }
    const read = await stack.call('GET', UNIFIED, { token })
    expect(read.status).toBe(200)
    const listed = await stack.call('GET', '/v1/connections', { token: secret })
    const ids = (listed.json as { result: { id: string }[] }).result.map((c) => c.id)
    expect(ids.filter((id) => id === connection_id)).toHaveLength(1)
  })

  it('refuses the integration token of a revoked connection, on the unified API and the proxy', async () => {
    const revoked = await connect(stack.call, secret, stack.key, stack.orgId)
    expect((await present('unified', revoked.token)).status).toBe(200)
    const del = await stack.call('DELETE', `/v1/connections/${revoked.connectionId}`, {
      token: secret,
    })
    expect(del.status).toBe(200)
    for (const target of ['unified', 'proxy'] as const) {
      tally.add('attacks.tried')
      expectError(await present(target, revoked.token), 'connection_revoked')
      tally.add('attacks.rejected')
    }
    // Nor can its key be brought back through a relink session.
    tally.add('attacks.tried')
    expectError(
      await stack.call('POST', '/v1/link-sessions', {
        token: secret,
        body: { end_user: { id: 'u' }, connection_id: revoked.connectionId },
      }),
      'connection_revoked',
    )
    tally.add('attacks.rejected')
  })
})
