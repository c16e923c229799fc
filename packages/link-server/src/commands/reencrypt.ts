import { signingKeyContext } from '../crypto/tokens'
import { connectionContext, type Vault } from '../crypto/vault'
import type { Store } from '../storage/store'
import { reencryptIngestSecrets } from '../sync/ingest-secret'
import { reencryptWebhookSecrets } from '../webhooks/endpoints'

/**
 * Re-encrypts every stored secret sealed under an older master key with the active one. Safe
 * to run while serving and to run twice: each row is swapped only if nobody changed it since
 * it was read, and rows already under the active key are left alone.
 */
export async function reencryptAll(
  store: Store,
  vault: Vault,
): Promise<{
  connections: number
  signingKeys: number
  ingestUrls: number
  webhookSecrets: number
  failed: string[]
}> {
  let connections = 0
  // A row that cannot be opened is reported, not fatal: one bad row must not block the rest.
  const failed: string[] = []
  for (const row of await store.connections.listCredentials()) {
    if (!vault.isStale(row.credential)) continue
    const context = connectionContext(row.hostAppId, row.id)
    let fresh: string
    try {
      fresh = vault.encrypt(vault.decrypt(row.credential, context), context)
    } catch {
      failed.push(row.id)
      continue
    }
    if (await store.connections.swapCredential(row.id, row.credential, fresh)) connections++
  }
  let signingKeys = 0
  for (const key of await store.signingKeys.list()) {
    if (!vault.isStale(key.privateJwk)) continue
    const context = signingKeyContext(key.kid)
    const fresh = vault.encrypt(vault.decrypt(key.privateJwk, context), context)
    if (await store.signingKeys.swapPrivateJwk(key.kid, key.privateJwk, fresh)) signingKeys++
  }
  const ingest = await reencryptIngestSecrets(store, vault)
  failed.push(...ingest.failed.map((id) => `${id} (ingest URL)`))
  const webhooks = await reencryptWebhookSecrets(store, vault)
  failed.push(...webhooks.failed.map((id) => `${id} (webhook endpoint)`))
  return {
    connections,
    signingKeys,
    ingestUrls: ingest.done,
    webhookSecrets: webhooks.done,
    failed,
  }
}
