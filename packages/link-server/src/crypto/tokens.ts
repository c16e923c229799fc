import { createHash, randomBytes } from 'node:crypto'
import { JumpLinkError } from '@jumplink/shared'
import {
  type CryptoKey,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTHeaderParameters,
  jwtVerify,
  SignJWT,
} from 'jose'
import type { SigningKeyRecord, SigningKeyStore } from '../storage/store'
import type { Vault } from './vault'

/**
 * Our JWTs: link tokens (widget, 30 minutes) and integration tokens (host backend, until the
 * connection is revoked). Algorithm, issuer, audience and type are pinned on every check, and
 * the two kinds differ in audience and type, so neither is ever accepted as the other.
 */
export const LINK_AUDIENCE = 'jumplink:link'
export const API_AUDIENCE = 'jumplink:api'
const LINK_TYPE = 'jumplink-link+jwt'
const API_TYPE = 'jumplink-api+jwt'
const ALGORITHM = 'EdDSA'
export const LINK_TOKEN_TTL_SECONDS = 30 * 60
/** How often an unknown `kid` may make us reload the signing keys (a key another instance made). */
export const UNKNOWN_KID_REFRESH_MS = 5_000
/** How far ahead of our clock a token's `iat` may be (clock skew between instances). */
export const MAX_IAT_SKEW_SECONDS = 60
/** How often the keys are compared with the database's, by default (rotations, retirements). */
export const DEFAULT_KEY_REFRESH_MS = 10_000
/** How long JWKS keeps publishing a retired key, by default. */
export const DEFAULT_RETIRED_KEY_GRACE_MS = 24 * 3600 * 1000
/** Integration tokens remembered as verified, at most; the oldest is forgotten first. */
export const VERIFIED_TOKENS_KEPT = 10_000
/** Our key ids: `k_` and 12 base64url characters (`addKey`). */
const OUR_KID = /^k_[A-Za-z0-9_-]{12}$/

export interface LinkTokenClaims {
  sessionId: string
  hostAppId: string
}

export interface IntegrationTokenClaims {
  connectionId: string
  hostAppId: string
}

export interface TokenService {
  signLinkToken(claims: LinkTokenClaims & { expiresAt: Date }): Promise<string>
  /** Throws `invalid_token`, or `link_session_expired` once the token has expired. */
  verifyLinkToken(token: string): Promise<LinkTokenClaims>
  signIntegrationToken(claims: IntegrationTokenClaims): Promise<string>
  /** Throws `invalid_token` or `token_expired`. */
  verifyIntegrationToken(token: string): Promise<IntegrationTokenClaims>
  /** Public keys of every unretired signing key, and of keys retired within the grace period. */
  jwks(): Promise<{ keys: JWK[] }>
  /** Makes a new signing key active; old ones stay published and keep verifying. */
  rotate(): Promise<string>
  /** Reads the signing keys again (another instance or the CLI changed them). */
  reload(): Promise<void>
}

/** What is loaded: keys that verify (unretired), and public keys JWKS still lists. */
interface KeySet {
  usable: Map<string, LoadedKey>
  published: { jwk: JWK; retiredAt: Date | null }[]
  /** Kid, active and retired of every row: a change means another process rotated or retired. */
  fingerprint: string
}

interface LoadedKey {
  kid: string
  active: boolean
  publicKey: CryptoKey
  publicJwk: JWK
  privateKey: CryptoKey
}

export function signingKeyContext(kid: string): string {
  return `signing-key:${kid}`
}

function fingerprintOf(records: SigningKeyRecord[]): string {
  return records
    .map((r) => `${r.kid}:${r.active ? 1 : 0}:${r.retiredAt?.getTime() ?? ''}`)
    .join(',')
}

export function createTokenService(options: {
  keys: SigningKeyStore
  vault: Vault
  issuer: string
  now?: () => Date
  /** How often to compare with the database (keys rotated or retired by the CLI or elsewhere). */
  refreshMs?: number
  retiredKeyGraceMs?: number
  /** Told whether each integration-token check was served from the verified tokens (metrics). */
  onCacheLookup?: (hit: boolean) => void
}): TokenService {
  const now = options.now ?? (() => new Date())
  const refreshMs = options.refreshMs ?? DEFAULT_KEY_REFRESH_MS
  const graceMs = options.retiredKeyGraceMs ?? DEFAULT_RETIRED_KEY_GRACE_MS
  let cache: KeySet | undefined
  let loading: Promise<KeySet> | undefined
  let checking: Promise<void> | undefined
  let lastCheck = Number.NEGATIVE_INFINITY
  let lastUnknownKidRefresh = Number.NEGATIVE_INFINITY
  /**
   * Integration tokens already verified, by their SHA-256 (never the token itself): every
   * request of a host backend carries the same one, and an EdDSA check costs more than the rest
   * of the token middleware. An entry serves while the key that signed it still verifies (a
   * retired key's tokens are refused at the next key check, as before) and until its `exp`.
   * Revocation is the connection's, checked on every request by the middleware.
   */
  const verified = new Map<string, { claims: IntegrationTokenClaims; kid: string; exp?: number }>()

  /** Loads the rows; keys already loaded are reused (a decryption only for new ones). */
  async function load(records?: SigningKeyRecord[]): Promise<KeySet> {
    const rows = records ?? (await options.keys.list())
    const usable = new Map<string, LoadedKey>()
    const published: KeySet['published'] = []
    for (const record of rows) {
      const publicJwk = JSON.parse(record.publicJwk) as JWK
      published.push({ jwk: publicJwk, retiredAt: record.retiredAt })
      // Retired: never verifies again (JWKS lists it for the grace period).
      if (record.retiredAt) continue
      const known = cache?.usable.get(record.kid)
      if (known) {
        usable.set(record.kid, { ...known, active: record.active })
        continue
      }
      const privateJwk = JSON.parse(
        options.vault.decrypt(record.privateJwk, signingKeyContext(record.kid)),
      ) as JWK
      usable.set(record.kid, {
        kid: record.kid,
        active: record.active,
        publicJwk,
        publicKey: (await importJWK(publicJwk, ALGORITHM)) as CryptoKey,
        privateKey: (await importJWK(privateJwk, ALGORITHM)) as CryptoKey,
      })
    }
    return { usable, published, fingerprint: fingerprintOf(rows) }
  }

  async function addKey(): Promise<string> {
    const kid = `k_${randomBytes(9).toString('base64url')}`
    const { publicKey, privateKey } = await generateKeyPair(ALGORITHM, {
      crv: 'Ed25519',
      extractable: true,
    })
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALGORITHM, use: 'sig' }
    const privateJwk = await exportJWK(privateKey)
    await options.keys.insert({
      kid,
      publicJwk: JSON.stringify(publicJwk),
      privateJwk: options.vault.encrypt(JSON.stringify(privateJwk), signingKeyContext(kid)),
      active: false,
      createdAt: now(),
      retiredAt: null,
    })
    await options.keys.activate(kid)
    return kid
  }

  async function keySet(refresh = false): Promise<KeySet> {
    if (cache && !refresh) {
      // Every `refreshMs` one caller compares the rows (one small query) and reloads on a change:
      // a key rotated or retired by the CLI or another instance is picked up without a restart.
      if (now().getTime() - lastCheck >= refreshMs) {
        lastCheck = now().getTime()
        checking ??= (async () => {
          const rows = await options.keys.list()
          if (cache && fingerprintOf(rows) === cache.fingerprint) return
          cache = await load(rows)
          if (![...cache.usable.values()].some((k) => k.active)) await keySet(true)
        })().finally(() => {
          checking = undefined
        })
      }
      if (checking) await checking
      if (cache) return cache
    }
    loading ??= (async () => {
      let set = await load()
      if (![...set.usable.values()].some((k) => k.active)) {
        await addKey()
        set = await load()
      }
      return set
    })().finally(() => {
      loading = undefined
    })
    cache = await loading
    lastCheck = now().getTime()
    return cache
  }

  const keys = async (refresh = false) => (await keySet(refresh)).usable

  async function refreshFor(kid: string): Promise<Map<string, LoadedKey> | undefined> {
    const time = now().getTime()
    if (!OUR_KID.test(kid) || time - lastUnknownKidRefresh < UNKNOWN_KID_REFRESH_MS)
      return undefined
    lastUnknownKidRefresh = time
    return keys(true)
  }

  async function activeKey(): Promise<LoadedKey> {
    const key = [...(await keys()).values()].find((k) => k.active)
    if (!key) throw new Error('No active signing key')
    return key
  }

  async function sign(
    payload: Record<string, unknown>,
    audience: string,
    typ: string,
    sub: string,
    exp?: Date,
  ) {
    const key = await activeKey()
    const issuedAt = Math.floor(now().getTime() / 1000)
    let jwt = new SignJWT(payload)
      .setProtectedHeader({ alg: ALGORITHM, kid: key.kid, typ })
      .setIssuer(options.issuer)
      .setAudience(audience)
      .setSubject(sub)
      .setIssuedAt(issuedAt)
      .setJti(randomBytes(12).toString('base64url'))
    if (exp) jwt = jwt.setExpirationTime(Math.floor(exp.getTime() / 1000))
    return jwt.sign(key.privateKey)
  }

  async function verify(token: string, audience: string, typ: string) {
    let kid = ''
    const getKey = async (header: JWTHeaderParameters) => {
      if (header.alg !== ALGORITHM || typeof header.kid !== 'string') {
        throw new errors.JOSEAlgNotAllowed('unexpected header')
      }
      // A key made by another instance since we loaded: reload, but not for every forged kid
      // (a reload is a database read and a decryption of every key).
      const key = (await keys()).get(header.kid) ?? (await refreshFor(header.kid))?.get(header.kid)
      if (!key) throw new errors.JWKSNoMatchingKey()
      kid = key.kid
      return key.publicKey
    }
    const { payload } = await jwtVerify(token, getKey, {
      algorithms: [ALGORITHM],
      issuer: options.issuer,
      audience,
      typ,
      currentDate: now(),
      requiredClaims: ['sub', 'iat'],
    })
    if (typeof payload.sub !== 'string' || typeof payload.hap !== 'string') {
      throw new errors.JWTClaimValidationFailed('missing claims', payload)
    }
    // jose checks iat only against a maximum age; a token "issued" in the future is forged or
    // from a broken clock, and would outlive any age limit.
    const nowSeconds = Math.floor(now().getTime() / 1000)
    if (typeof payload.iat !== 'number' || payload.iat > nowSeconds + MAX_IAT_SKEW_SECONDS) {
      throw new errors.JWTClaimValidationFailed('iat in the future', payload, 'iat', 'check_failed')
    }
    return {
      sub: payload.sub,
      hostAppId: payload.hap,
      kid,
      ...(typeof payload.exp === 'number' ? { exp: payload.exp } : {}),
    }
  }

  /** A token verified before, if the key that signed it still verifies and it has not expired. */
  async function verifiedBefore(hash: string): Promise<IntegrationTokenClaims | undefined> {
    const known = verified.get(hash)
    if (!known) return undefined
    const expired = known.exp !== undefined && known.exp * 1000 <= now().getTime()
    if (!expired && (await keys()).has(known.kid)) return known.claims
    verified.delete(hash)
    return undefined
  }

  function remember(
    hash: string,
    entry: { claims: IntegrationTokenClaims; kid: string; exp?: number },
  ) {
    verified.set(hash, entry)
    if (verified.size > VERIFIED_TOKENS_KEPT) {
      const oldest = verified.keys().next().value
      if (oldest !== undefined) verified.delete(oldest)
    }
  }

  return {
    async signLinkToken({ sessionId, hostAppId, expiresAt }) {
      return sign({ hap: hostAppId }, LINK_AUDIENCE, LINK_TYPE, sessionId, expiresAt)
    },
    async verifyLinkToken(token) {
      try {
        const { sub, hostAppId } = await verify(token, LINK_AUDIENCE, LINK_TYPE)
        return { sessionId: sub, hostAppId }
      } catch (error) {
        throw toTokenError(error, 'link_session_expired')
      }
    },
    async signIntegrationToken({ connectionId, hostAppId }) {
      return sign({ hap: hostAppId }, API_AUDIENCE, API_TYPE, connectionId)
    },
    async verifyIntegrationToken(token) {
      const hash = createHash('sha256').update(token).digest('base64url')
      const known = await verifiedBefore(hash)
      options.onCacheLookup?.(known !== undefined)
      if (known) return known
      try {
        const { sub, hostAppId, kid, exp } = await verify(token, API_AUDIENCE, API_TYPE)
        const claims = { connectionId: sub, hostAppId }
        remember(hash, { claims, kid, ...(exp === undefined ? {} : { exp }) })
        return claims
      } catch (error) {
        throw toTokenError(error, 'token_expired')
      }
    },
    async jwks() {
      const time = now().getTime()
      const { published } = await keySet()
      return {
        keys: published
          .filter((k) => k.retiredAt === null || time - k.retiredAt.getTime() < graceMs)
          .map((k) => k.jwk),
      }
    },
    async rotate() {
      await keys()
      const kid = await addKey()
      await keys(true)
      return kid
    },
    async reload() {
      await keys(true)
    },
  }
}

function toTokenError(error: unknown, expiredCode: 'link_session_expired' | 'token_expired') {
  if (error instanceof errors.JWTExpired) return new JumpLinkError(expiredCode)
  if (error instanceof errors.JOSEError) return new JumpLinkError('invalid_token', { cause: error })
  return error
}
