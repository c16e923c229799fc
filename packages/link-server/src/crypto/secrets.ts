import { createHash, randomBytes } from 'node:crypto'

/**
 * Opaque secrets we mint and the identifiers around them. Secrets are 32 random bytes, so a
 * plain SHA-256 is enough to store them: there is nothing to brute-force.
 */
export const SECRET_KEY_PREFIX = 'jl_sk_'
export const PUBLIC_TOKEN_PREFIX = 'jl_pt_'

export function generateSecretKey(): string {
  return SECRET_KEY_PREFIX + randomBytes(32).toString('base64url')
}

export function generatePublicToken(): string {
  return PUBLIC_TOKEN_PREFIX + randomBytes(32).toString('base64url')
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

/** What may be shown of a secret: the prefix and four characters. */
export function secretHint(secret: string): string {
  return `${secret.slice(0, SECRET_KEY_PREFIX.length + 4)}…`
}

/** `prefix_` + 24 URL-safe random characters (18 bytes). */
export function newId(prefix: 'conn' | 'ls' | 'app' | 'sec' | 'whep' | 'whd'): string {
  return `${prefix}_${randomBytes(18).toString('base64url')}`
}
