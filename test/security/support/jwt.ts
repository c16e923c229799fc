import { createHmac, createPrivateKey, type JsonWebKey, type KeyObject, sign } from 'node:crypto'
import type { LinkServer } from '@jumplink/link-server'

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

export function decodeJwt(token: string): {
  header: Record<string, unknown>
  claims: Record<string, unknown>
} {
  const [header = '', claims = ''] = token.split('.')
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()),
    claims: JSON.parse(Buffer.from(claims, 'base64url').toString()),
  }
}

/**
 * The server's active signing key, read as an insider would (the database and the master key):
 * with it a test signs tokens that are valid in every way but one, so each check is shown to
 * hold on its own rather than behind a bad signature.
 */
export async function activeSigningKey(server: LinkServer) {
  const record = (await server.store.signingKeys.list()).find((k) => k.active)
  if (!record) throw new Error('no active signing key')
  const privateJwk = JSON.parse(
    server.vault.decrypt(record.privateJwk, `signing-key:${record.kid}`),
  ) as JsonWebKey
  return {
    kid: record.kid,
    publicJwk: JSON.parse(record.publicJwk) as JsonWebKey & { kid: string },
    privateKey: createPrivateKey({ key: privateJwk, format: 'jwk' }),
  }
}

/** A JWT signed with Ed25519 (EdDSA), whatever its header and claims say. */
export function signEdDSA(header: object, claims: object, key: KeyObject): string {
  const input = `${b64(header)}.${b64(claims)}`
  return `${input}.${sign(null, Buffer.from(input), key).toString('base64url')}`
}

/** A JWT "signed" with HS256 and the given secret (the public key, in the confusion attack). */
export function signHS256(header: object, claims: object, secret: string | Buffer): string {
  const input = `${b64(header)}.${b64(claims)}`
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`
}

/** An unsigned JWT (`alg: none`), with and without the trailing dot. */
export function unsigned(header: object, claims: object): string {
  return `${b64(header)}.${b64(claims)}.`
}
