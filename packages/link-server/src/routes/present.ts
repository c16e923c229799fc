import type { Connection } from '@jumplink/shared'
import type { ConnectionRecord } from '../storage/store'

/** A connection as the wire shows it: never the credential. */
export function presentConnection(record: ConnectionRecord): Connection {
  return {
    id: record.id,
    end_user_id: record.endUserId,
    organization: { id: record.organizationId, name: record.organizationName },
    region: record.region,
    permissions: record.permissions,
    credential_kind: record.credentialKind,
    status: record.status,
    status_reason: record.statusReason,
    created_at: record.createdAt.toISOString(),
    last_checked_at: record.lastCheckedAt?.toISOString() ?? null,
  }
}
