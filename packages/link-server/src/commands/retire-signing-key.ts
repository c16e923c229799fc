import { createTokenService } from '../crypto/tokens'
import type { Vault } from '../crypto/vault'
import type { Store } from '../storage/store'

export type RetireResult =
  | { retired: true; kid: string; newActiveKid: string | undefined }
  | { retired: false; reason: 'unknown' | 'already_retired' }

/**
 * Retires a signing key: tokens it signed stop verifying (running servers notice within
 * LINK_SIGNING_KEY_REFRESH_SECONDS), and JWKS stops listing it after the grace period. Retiring
 * the active key first makes a new one active, so that signing never stops; that is the one-step
 * answer to a leaked key.
 */
export async function retireSigningKey(
  store: Store,
  vault: Vault,
  kid: string,
  now = new Date(),
): Promise<RetireResult> {
  const record = (await store.signingKeys.list()).find((k) => k.kid === kid)
  if (!record) return { retired: false, reason: 'unknown' }
  if (record.retiredAt) return { retired: false, reason: 'already_retired' }
  let newActiveKid: string | undefined
  if (record.active) {
    // Only rotation is used here, which signs nothing: the issuer does not matter.
    const tokens = createTokenService({
      keys: store.signingKeys,
      vault,
      issuer: 'urn:jumplink:cli',
    })
    newActiveKid = await tokens.rotate()
  }
  if (!(await store.signingKeys.retire(kid, now)))
    return { retired: false, reason: 'already_retired' }
  await store.audit.add({
    type: 'signing_key.retired',
    hostAppId: null,
    connectionId: null,
    requestId: null,
    data: { kid, new_active_kid: newActiveKid ?? null },
    now,
  })
  return { retired: true, kid, newActiveKid }
}
