import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { connectionContext, type Vault } from '../crypto/vault'
import type { IngestSecret } from '../storage/ingest-store'
import type { Store } from '../storage/store'

/** Ingest secrets are 32 random bytes after this prefix (its shape is scrubbed from logs). */
export const INGEST_SECRET_PREFIX = 'jl_ing_'
/** The header that may carry the secret instead of the URL path. */
export const INGEST_SECRET_HEADER = 'x-jumplink-ingest-secret'

interface ConnectionRef {
  id: string
  hostAppId: string
}

function sealingContext(connection: ConnectionRef): string {
  return `ingest:${connectionContext(connection.hostAppId, connection.id)}`
}

function digest(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest()
}

function mint(vault: Vault, connection: ConnectionRef, now: Date) {
  const secret = INGEST_SECRET_PREFIX + randomBytes(32).toString('base64url')
  const record: IngestSecret = {
    connectionId: connection.id,
    hash: digest(secret).toString('hex'),
    sealed: vault.encrypt(secret, sealingContext(connection)),
    createdAt: now,
  }
  return { secret, record }
}

/** The connection's ingest secret, made on first use. */
export async function ingestSecretFor(
  store: Store,
  vault: Vault,
  connection: ConnectionRef,
  now: Date,
): Promise<{ secret: string; createdAt: Date }> {
  const existing =
    (await store.ingest.get(connection.id)) ??
    (await store.ingest.putIfAbsent(mint(vault, connection, now).record))
  return {
    secret: vault.decrypt(existing.sealed, sealingContext(connection)),
    createdAt: existing.createdAt,
  }
}

/** A new secret; the old URL stops working at once (rotate when it may have leaked). */
export async function rotateIngestSecret(
  store: Store,
  vault: Vault,
  connection: ConnectionRef,
  now: Date,
): Promise<{ secret: string; createdAt: Date }> {
  const { secret, record } = mint(vault, connection, now)
  await store.ingest.put(record)
  return { secret, createdAt: now }
}

/** Whether `offered` is the secret whose hash is stored; the time taken does not say where they differ. */
export function ingestSecretMatches(offered: string, storedHash: string): boolean {
  const expected = Buffer.from(storedHash, 'hex')
  const given = digest(offered)
  return expected.length === given.length && timingSafeEqual(expected, given)
}

/** Re-seals ingest secrets under the vault's active key (`keys reencrypt`). */
export async function reencryptIngestSecrets(
  store: Store,
  vault: Vault,
): Promise<{ done: number; failed: string[] }> {
  let done = 0
  const failed: string[] = []
  for (const row of await store.ingest.list()) {
    if (!vault.isStale(row.sealed)) continue
    try {
      const context = sealingContext({ id: row.connectionId, hostAppId: row.hostAppId })
      const fresh = vault.encrypt(vault.decrypt(row.sealed, context), context)
      if (await store.ingest.swapSealed(row.connectionId, row.sealed, fresh)) done++
    } catch {
      failed.push(row.connectionId)
    }
  }
  return { done, failed }
}
