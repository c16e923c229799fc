import { JumpLinkError } from '@jumplink/shared'
import { decodeProtectedHeader, SignJWT, UnsecuredJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import type { SigningKeyRecord, SigningKeyStore } from '../storage/store'
import { createTokenService, UNKNOWN_KID_REFRESH_MS } from './tokens'
import { createVault, generateMasterKey } from './vault'

function memoryKeys(): SigningKeyStore {
  const rows: SigningKeyRecord[] = []
  return {
    list: async () => rows.map((r) => ({ ...r })),
    insert: async (r) => void rows.push({ ...r }),
    activate: async (kid) => {
      for (const r of rows) r.active = r.kid === kid
    },
    swapPrivateJwk: async () => false,
    retire: async (kid, now) => {
      const row = rows.find((r) => r.kid === kid && !r.retiredAt)
      if (!row) return false
      row.retiredAt = now
      row.active = false
      return true
    },
  }
}

const ISSUER = 'http://localhost:3100'

async function setup() {
  const vault = await createVault({
    keys: [{ id: 'k1', key: generateMasterKey() }],
    activeKeyId: 'k1',
  })
  const clock = { now: new Date('2026-11-01T09:00:00Z') }
  const keys = memoryKeys()
  const tokens = createTokenService({ keys, vault, issuer: ISSUER, now: () => clock.now })
  return { tokens, clock, keys, vault }
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
    return 'accepted'
  } catch (error) {
    return error instanceof JumpLinkError ? error.code : String(error)
  }
}

describe('tokens', () => {
  it('signs EdDSA tokens with a kid and the right audiences', async () => {
    const { tokens, clock } = await setup()
    const link = await tokens.signLinkToken({
      sessionId: 'ls_1',
      hostAppId: 'app_1',
      expiresAt: new Date(clock.now.getTime() + 60_000),
    })
    const header = decodeProtectedHeader(link)
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'jumplink-link+jwt' })
    expect((await tokens.jwks()).keys.map((k) => k.kid)).toEqual([header.kid])
    expect(await tokens.verifyLinkToken(link)).toEqual({ sessionId: 'ls_1', hostAppId: 'app_1' })
    const api = await tokens.signIntegrationToken({ connectionId: 'conn_1', hostAppId: 'app_1' })
    expect(await tokens.verifyIntegrationToken(api)).toEqual({
      connectionId: 'conn_1',
      hostAppId: 'app_1',
    })
  })

  it('never takes a link token as an integration token, nor the reverse', async () => {
    const { tokens, clock } = await setup()
    const link = await tokens.signLinkToken({
      sessionId: 'ls_1',
      hostAppId: 'a',
      expiresAt: new Date(clock.now.getTime() + 60_000),
    })
    const api = await tokens.signIntegrationToken({ connectionId: 'conn_1', hostAppId: 'a' })
    expect(await codeOf(tokens.verifyIntegrationToken(link))).toBe('invalid_token')
    expect(await codeOf(tokens.verifyLinkToken(api))).toBe('invalid_token')
  })

  it('rejects an expired link token as an expired session', async () => {
    const { tokens, clock } = await setup()
    const link = await tokens.signLinkToken({
      sessionId: 'ls_1',
      hostAppId: 'a',
      expiresAt: new Date(clock.now.getTime() + 60_000),
    })
    clock.now = new Date(clock.now.getTime() + 61_000)
    expect(await codeOf(tokens.verifyLinkToken(link))).toBe('link_session_expired')
  })

  it('rejects tampered, unsigned, foreign and malformed tokens', async () => {
    const { tokens } = await setup()
    const api = await tokens.signIntegrationToken({ connectionId: 'conn_1', hostAppId: 'a' })
    const [h, p, s] = api.split('.')
    const payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString())
    const forged = Buffer.from(JSON.stringify({ ...payload, sub: 'conn_2' })).toString('base64url')
    expect(await codeOf(tokens.verifyIntegrationToken(`${h}.${forged}.${s}`))).toBe('invalid_token')
    const none = new UnsecuredJWT({ hap: 'a' })
      .setIssuer(ISSUER)
      .setAudience('jumplink:api')
      .setSubject('conn_1')
      .setIssuedAt()
      .encode()
    expect(await codeOf(tokens.verifyIntegrationToken(none))).toBe('invalid_token')
    const hs = await new SignJWT({ hap: 'a' })
      .setProtectedHeader({
        alg: 'HS256',
        typ: 'jumplink-api+jwt',
        kid: decodeProtectedHeader(api).kid ?? '',
      })
      .setIssuer(ISSUER)
      .setAudience('jumplink:api')
      .setSubject('conn_1')
      .setIssuedAt()
      .sign(new TextEncoder().encode('x'.repeat(32)))
    expect(await codeOf(tokens.verifyIntegrationToken(hs))).toBe('invalid_token')
    expect(await codeOf(tokens.verifyIntegrationToken('not.a.jwt'))).toBe('invalid_token')
    const other = (await setup()).tokens
    expect(await codeOf(other.verifyIntegrationToken(api))).toBe('invalid_token')
  })

  it('keeps verifying old tokens after a signing-key rotation and publishes both keys', async () => {
    const { tokens } = await setup()
    const before = await tokens.signIntegrationToken({ connectionId: 'conn_1', hostAppId: 'a' })
    const kid = await tokens.rotate()
    const after = await tokens.signIntegrationToken({ connectionId: 'conn_1', hostAppId: 'a' })
    expect(decodeProtectedHeader(after).kid).toBe(kid)
    expect(decodeProtectedHeader(before).kid).not.toBe(kid)
    expect((await tokens.jwks()).keys).toHaveLength(2)
    await expect(tokens.verifyIntegrationToken(before)).resolves.toMatchObject({
      connectionId: 'conn_1',
    })
    await expect(tokens.verifyIntegrationToken(after)).resolves.toMatchObject({
      connectionId: 'conn_1',
    })
  })

  it('reloads its keys for an unknown kid at most once per interval, and only for kids like ours', async () => {
    const { keys, vault, clock } = await setup()
    let reads = 0
    const counted: SigningKeyStore = {
      ...keys,
      list: () => {
        reads++
        return keys.list()
      },
    }
    const tokens = createTokenService({
      keys: counted,
      vault,
      issuer: ISSUER,
      now: () => clock.now,
    })
    const real = await tokens.signIntegrationToken({ connectionId: 'c', hostAppId: 'a' })
    const [, payload, signature] = real.split('.')
    const withKid = (kid: string) =>
      `${Buffer.from(JSON.stringify({ alg: 'EdDSA', kid, typ: 'jumplink-api+jwt' })).toString('base64url')}.${payload}.${signature}`
    const before = reads
    for (let i = 0; i < 50; i++) {
      expect(
        await codeOf(
          tokens.verifyIntegrationToken(withKid(`k_forged${String(i).padStart(6, '0')}`)),
        ),
      ).toBe('invalid_token')
      expect(await codeOf(tokens.verifyIntegrationToken(withKid(`not-ours-${i}`)))).toBe(
        'invalid_token',
      )
    }
    expect(reads - before).toBe(1)
    clock.now = new Date(clock.now.getTime() + UNKNOWN_KID_REFRESH_MS)
    await codeOf(tokens.verifyIntegrationToken(withKid('k_forged999999')))
    expect(reads - before).toBe(2)
  })

  it('picks up a key another instance made', async () => {
    const { keys, vault } = await setup()
    const a = createTokenService({ keys, vault, issuer: ISSUER })
    const b = createTokenService({ keys, vault, issuer: ISSUER })
    await a.jwks()
    await b.jwks()
    await a.rotate()
    const token = await a.signIntegrationToken({ connectionId: 'c', hostAppId: 'a' })
    await expect(b.verifyIntegrationToken(token)).resolves.toMatchObject({ connectionId: 'c' })
  })

  it('checks an integration token once, then serves it by its hash while its key verifies', async () => {
    const { keys, vault, clock } = await setup()
    const lookups: boolean[] = []
    const tokens = createTokenService({
      keys,
      vault,
      issuer: ISSUER,
      now: () => clock.now,
      onCacheLookup: (hit) => lookups.push(hit),
    })
    const token = await tokens.signIntegrationToken({ connectionId: 'conn_1', hostAppId: 'a' })
    for (let i = 0; i < 3; i++) {
      expect(await tokens.verifyIntegrationToken(token)).toEqual({
        connectionId: 'conn_1',
        hostAppId: 'a',
      })
    }
    expect(lookups).toEqual([false, true, true])
    // A token that differs in one character of its signature is its own entry, and is refused.
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`
    expect(await codeOf(tokens.verifyIntegrationToken(tampered))).toBe('invalid_token')
    expect(await codeOf(tokens.verifyIntegrationToken(tampered))).toBe('invalid_token')
    expect(lookups.slice(3)).toEqual([false, false])
  })

  it('refuses a remembered token once the key that signed it is retired', async () => {
    const { keys, vault, clock } = await setup()
    const tokens = createTokenService({ keys, vault, issuer: ISSUER, now: () => clock.now })
    const token = await tokens.signIntegrationToken({ connectionId: 'conn_1', hostAppId: 'a' })
    const kid = decodeProtectedHeader(token).kid as string
    await expect(tokens.verifyIntegrationToken(token)).resolves.toMatchObject({
      connectionId: 'conn_1',
    })
    await tokens.rotate()
    await keys.retire(kid, clock.now)
    await tokens.reload()
    expect(await codeOf(tokens.verifyIntegrationToken(token))).toBe('invalid_token')
  })
})
