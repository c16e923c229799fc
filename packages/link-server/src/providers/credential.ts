import {
  type CredentialKind,
  type ErrorCode,
  JumpLinkError,
  type ServiceAccountCredential as ServiceAccountBody,
} from '@jumplink/shared'

/** An admin's API key, as pasted. */
export type ApiKeyCredential = string

/** A service account's OAuth client credentials; access tokens are bought with them. */
export interface ServiceAccountCredential {
  kind: 'service_account'
  clientId: string
  clientSecret: string
}

/**
 * A directory credential in plaintext: lives only in memory, for one request. Routes, the vault
 * and storage only know its kind; how it becomes request headers is each provider's business.
 */
export type DirectoryCredential = ApiKeyCredential | ServiceAccountCredential

export function credentialKind(credential: DirectoryCredential): CredentialKind {
  return typeof credential === 'string' ? 'api_key' : 'service_account'
}

/** The credential a link API body carries (the contract guarantees exactly one). */
export function credentialFromBody(body: {
  api_key?: string | undefined
  service_account?: ServiceAccountBody | undefined
}): DirectoryCredential {
  if (body.service_account) {
    return {
      kind: 'service_account',
      clientId: body.service_account.client_id,
      clientSecret: body.service_account.client_secret,
    }
  }
  if (body.api_key === undefined) throw new JumpLinkError('invalid_request')
  return body.api_key
}

/**
 * What the vault encrypts. An API key is stored as itself (rows from before service accounts
 * stay readable); a service account as JSON of its id and secret.
 */
export function encodeCredential(credential: DirectoryCredential): string {
  if (typeof credential === 'string') return credential
  return JSON.stringify({ client_id: credential.clientId, client_secret: credential.clientSecret })
}

/** The inverse of `encodeCredential`, told the kind stored beside the ciphertext. */
export function decodeCredential(kind: CredentialKind, plaintext: string): DirectoryCredential {
  if (kind === 'api_key') return plaintext
  const parsed = JSON.parse(plaintext) as { client_id?: unknown; client_secret?: unknown }
  if (typeof parsed.client_id !== 'string' || typeof parsed.client_secret !== 'string') {
    throw new Error('A stored service-account credential is not in the expected shape')
  }
  return { kind: 'service_account', clientId: parsed.client_id, clientSecret: parsed.client_secret }
}

/** The values that must never come back in a response or a log line. */
export function credentialSecrets(credential: DirectoryCredential): string[] {
  return typeof credential === 'string' ? [credential] : [credential.clientSecret]
}

/** The catalog code for "the directory rejected this credential"; it breaks a connection. */
export function rejectionCode(credential: DirectoryCredential): ErrorCode {
  return typeof credential === 'string' ? 'invalid_api_key' : 'invalid_client_credentials'
}

/** Codes that mean the stored credential no longer works, whatever its kind. */
export const CREDENTIAL_REJECTED_CODES: ReadonlySet<ErrorCode> = new Set([
  'invalid_api_key',
  'invalid_client_credentials',
])

/**
 * Codes that break a connection when a read of the directory (a sync, or a unified GET) gets
 * them: the credential is rejected, or its role may no longer read the directory (a 403). A 403
 * on a write or a proxied call does not: it may be about that one action.
 */
export const READ_BREAKING_CODES: ReadonlySet<ErrorCode> = new Set([
  ...CREDENTIAL_REJECTED_CODES,
  'insufficient_permissions',
])
