import { createHmac, randomBytes } from 'node:crypto'
import sodium from 'libsodium-wrappers'

/**
 * Encryption at rest for directory credentials (and our own private signing keys).
 *
 * XChaCha20-Poly1305-IETF with a random 24-byte nonce per value. The associated data binds a
 * ciphertext to its context (host app and connection), so a value copied to another row fails
 * to open. The envelope names the master key, so several keys can coexist during a rotation.
 */
export interface Vault {
  /** The key new values are sealed under; an operator may change it while running (`use`). */
  readonly activeKeyId: string
  encrypt(plaintext: string, context: string): string
  /** Throws `VaultError` on any failure; never says why beyond "cannot open". */
  decrypt(envelope: string, context: string): string
  /** Whether the envelope was sealed under a key other than the active one. */
  isStale(envelope: string): boolean
  /**
   * A tag (base64url HMAC-SHA256) over `data`, keyed by the active master key and `context`, for
   * values handed out and read back, such as list cursors. A key rotation invalidates old tags.
   */
  mac(data: string, context: string): string
  /**
   * Seals under another of its keys from now on (an operator activated it for every instance).
   * False when this vault does not hold that key: it keeps the one it has.
   */
  activate(keyId: string): boolean
  /** Drops a retired key: what it sealed no longer opens. Never the active one (false). */
  forget(keyId: string): boolean
  /** The ids of the keys it holds. */
  readonly keyIds: string[]
}

export interface MasterKey {
  id: string
  key: Uint8Array
}

export class VaultError extends Error {
  override readonly name = 'VaultError'
}

const VERSION = 'v1'
const NONCE_BYTES = 24
const KEY_BYTES = 32

/** The associated data of a connection's credential. */
export function connectionContext(hostAppId: string, connectionId: string): string {
  return `connection:${hostAppId}:${connectionId}`
}

export async function createVault(options: {
  keys: MasterKey[]
  activeKeyId: string
}): Promise<Vault> {
  await sodium.ready
  const keys = new Map<string, Uint8Array>()
  for (const { id, key } of options.keys) {
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new VaultError('A master key id is malformed')
    if (key.length !== KEY_BYTES) throw new VaultError(`Master key ${id} is not 32 bytes`)
    if (keys.has(id)) throw new VaultError(`Master key ${id} is given twice`)
    keys.set(id, key)
  }
  const configured = keys.get(options.activeKeyId)
  if (!configured) throw new VaultError('The active master key is not among the keys')
  let active = configured
  let activeKeyId = options.activeKeyId

  const ad = (keyId: string, context: string) =>
    new TextEncoder().encode(`jumplink:${VERSION}:${keyId}:${context}`)

  return {
    get activeKeyId() {
      return activeKeyId
    },
    get keyIds() {
      return [...keys.keys()]
    },
    activate(keyId) {
      const key = keys.get(keyId)
      if (!key) return false
      active = key
      activeKeyId = keyId
      return true
    },
    forget(keyId) {
      if (keyId === activeKeyId) return false
      return keys.delete(keyId)
    },
    encrypt(plaintext, context) {
      // node's randomBytes: libsodium's randombytes_buf is ~25x slower here (toolchain.md).
      const nonce = new Uint8Array(randomBytes(NONCE_BYTES))
      const sealed = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
        new TextEncoder().encode(plaintext),
        ad(activeKeyId, context),
        null,
        nonce,
        active,
      )
      return [VERSION, activeKeyId, b64(nonce), b64(sealed)].join('.')
    },
    decrypt(envelope, context) {
      const parts = envelope.split('.')
      const [version, keyId, nonceText, sealedText] = parts
      if (parts.length !== 4 || version !== VERSION || !keyId || !nonceText || !sealedText) {
        throw new VaultError('Cannot open this value')
      }
      const key = keys.get(keyId)
      if (!key)
        throw new VaultError(`Cannot open this value: master key ${keyId} is not configured`)
      try {
        const nonce = fromB64(nonceText)
        if (nonce.length !== NONCE_BYTES) throw new Error('bad nonce')
        const opened = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
          null,
          fromB64(sealedText),
          ad(keyId, context),
          nonce,
          key,
        )
        return new TextDecoder().decode(opened)
      } catch {
        throw new VaultError('Cannot open this value')
      }
    },
    isStale(envelope) {
      return envelope.split('.')[1] !== activeKeyId
    },
    mac(data, context) {
      return createHmac('sha256', active)
        .update(`jumplink:mac:${context}\n${data}`)
        .digest('base64url')
    },
  }
}

/** A fresh random master key, for development and for operators (`keys generate`). */
export function generateMasterKey(): Uint8Array {
  return new Uint8Array(randomBytes(KEY_BYTES))
}

function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url')
}

function fromB64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64url'))
}
