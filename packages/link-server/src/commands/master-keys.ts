import type { Vault } from '../crypto/vault'
import type { MasterKeyState } from '../storage/master-key-store'
import type { Store } from '../storage/store'

/** How many stored secrets are still sealed under `keyId` (what `keys reencrypt` moves). */
export async function countSealedUnder(store: Store, keyId: string): Promise<number> {
  const envelopes = [
    ...(await store.connections.listCredentials()).map((row) => row.credential),
    ...(await store.signingKeys.list()).map((key) => key.privateJwk),
    ...(await store.ingest.list()).map((secret) => secret.sealed),
    ...(await store.webhooks.listSealedSecrets()).flatMap((endpoint) =>
      endpoint.previousSecret === null
        ? [endpoint.secret]
        : [endpoint.secret, endpoint.previousSecret],
    ),
  ]
  // An envelope is `v1.<key id>.<nonce>.<sealed>` (crypto/vault.ts).
  return envelopes.filter((envelope) => envelope.split('.')[1] === keyId).length
}

export type MasterKeyChange =
  | { changed: true; state: MasterKeyState }
  | { changed: false; reason: string }

/**
 * Makes `keyId` the key every instance seals new secrets under, from their next key check.
 * The CLI must hold it too (LINK_MASTER_KEYS), which proves it is a key operators deployed.
 */
export async function activateMasterKey(
  store: Store,
  vault: Vault,
  keyId: string,
): Promise<MasterKeyChange> {
  if (!vault.keyIds.includes(keyId)) {
    return { changed: false, reason: `${keyId} is not in LINK_MASTER_KEYS here` }
  }
  const state = await store.masterKeys.get()
  if (state.retiredKeyIds.includes(keyId)) {
    return { changed: false, reason: `${keyId} is retired` }
  }
  return { changed: true, state: await store.masterKeys.change({ activate: keyId }) }
}

/**
 * Retires `keyId` on every instance: they drop it, so nothing it sealed opens again. Refused
 * while it is the active key or while any stored secret is still sealed under it.
 */
export async function retireMasterKey(
  store: Store,
  vault: Vault,
  keyId: string,
): Promise<MasterKeyChange> {
  const state = await store.masterKeys.get()
  if ((state.activeKeyId ?? vault.activeKeyId) === keyId) {
    return { changed: false, reason: `${keyId} is the active master key; activate another first` }
  }
  const left = await countSealedUnder(store, keyId)
  if (left > 0) {
    return {
      changed: false,
      reason: `${left} stored secret(s) are still sealed under ${keyId}; run keys reencrypt first`,
    }
  }
  return { changed: true, state: await store.masterKeys.change({ retire: keyId }) }
}
