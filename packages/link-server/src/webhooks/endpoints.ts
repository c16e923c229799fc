import type {
  ChangeEventType,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
} from '@jumplink/shared'
import type { Vault } from '../crypto/vault'
import type { Store } from '../storage/store'
import type {
  WebhookAttemptRecord,
  WebhookDeliveryRecord,
  WebhookEndpointRecord,
} from '../storage/webhook-store'

/** How long the secret before a rotation keeps signing beside the new one. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000
/** Endpoints per host app: enough for every environment, few enough to fan out cheaply. */
export const MAX_ENDPOINTS_PER_HOST_APP = 20

/** What a secret is sealed to: opening it under another endpoint fails. */
export function endpointSecretContext(hostAppId: string, endpointId: string): string {
  return `webhook-endpoint:${hostAppId}:${endpointId}`
}

/**
 * The secrets a delivery is signed with now: the current one, and the one before the last
 * rotation while its 24 hours last (receivers that still hold it keep verifying).
 */
export function signingSecrets(endpoint: WebhookEndpointRecord, vault: Vault, now: Date): string[] {
  const context = endpointSecretContext(endpoint.hostAppId, endpoint.id)
  const secrets = [vault.decrypt(endpoint.secret, context)]
  if (
    endpoint.previousSecret &&
    endpoint.previousSecretExpiresAt &&
    endpoint.previousSecretExpiresAt > now
  )
    secrets.push(vault.decrypt(endpoint.previousSecret, context))
  return secrets
}

/**
 * Re-seals every endpoint secret (and the one still overlapping after a rotation) under the
 * vault's active master key; rows already under it are left alone, a row that cannot be opened
 * is reported.
 */
export async function reencryptWebhookSecrets(
  store: Store,
  vault: Vault,
): Promise<{ done: number; failed: string[] }> {
  let done = 0
  const failed: string[] = []
  for (const row of await store.webhooks.listSealedSecrets()) {
    const stale = [row.secret, row.previousSecret].some((s) => s !== null && vault.isStale(s))
    if (!stale) continue
    const context = endpointSecretContext(row.hostAppId, row.id)
    const reseal = (sealed: string) => vault.encrypt(vault.decrypt(sealed, context), context)
    try {
      const to = {
        secret: reseal(row.secret),
        previousSecret: row.previousSecret === null ? null : reseal(row.previousSecret),
      }
      if (await store.webhooks.swapSealedSecrets(row.id, row, to)) done++
    } catch {
      failed.push(row.id)
    }
  }
  return { done, failed }
}

/** Whether an endpoint wants events of `type`. */
export function endpointWants(endpoint: WebhookEndpointRecord, type: string): boolean {
  return endpoint.eventTypes === null || endpoint.eventTypes.includes(type)
}

/** An endpoint as the wire shows it: never a secret (see `withSecret`). */
export function presentEndpoint(record: WebhookEndpointRecord, now: Date): WebhookEndpoint {
  const overlap =
    record.previousSecretExpiresAt && record.previousSecretExpiresAt > now
      ? record.previousSecretExpiresAt.toISOString()
      : null
  return {
    id: record.id,
    url: record.url,
    description: record.description,
    event_types: record.eventTypes as ChangeEventType[] | null,
    status: record.status,
    disabled_reason: record.disabledReason,
    disabled_at: record.disabledAt?.toISOString() ?? null,
    failing_since: record.failingSince?.toISOString() ?? null,
    previous_secret_expires_at: overlap,
    created_at: record.createdAt.toISOString(),
    updated_at: record.updatedAt.toISOString(),
  }
}

export function withSecret(endpoint: WebhookEndpoint, secret: string): WebhookEndpointWithSecret {
  return { ...endpoint, secret }
}

export function presentDelivery(
  record: WebhookDeliveryRecord,
  attempts: WebhookAttemptRecord[],
): WebhookDelivery {
  return {
    id: record.id,
    endpoint_id: record.endpointId,
    event_id: `evt_${record.eventId}`,
    event_type: record.eventType as ChangeEventType,
    connection_id: record.connectionId,
    status: record.status,
    attempts: attempts.map((a) => ({
      attempted_at: a.attemptedAt.toISOString(),
      status_code: a.statusCode,
      error: a.error,
      duration_ms: a.durationMs,
    })),
    next_attempt_at:
      record.status === 'pending' || record.status === 'retrying'
        ? (record.nextAttemptAt?.toISOString() ?? null)
        : null,
    created_at: record.createdAt.toISOString(),
    completed_at: record.completedAt?.toISOString() ?? null,
  }
}
