import type { Generated } from 'kysely'

/** Table shapes as Kysely sees them (snake_case, as in the database). */
export interface Database {
  /** Per connection: the secret of its ingest URL (the directory's webhook channel). */
  ingest_secrets: {
    connection_id: string
    secret_hash: string
    secret_sealed: string
    created_at: Date
  }
  host_apps: {
    id: string
    name: string
    /** JSON array of origins. */
    allowed_origins: string
    created_at: Date
    /** How often each connection is synced for the change feed (default 900, at least 60). */
    sync_interval_seconds: Generated<number>
  }
  host_secrets: {
    id: string
    host_app_id: string
    hash: string
    hint: string
    created_at: Date
    revoked_at: Date | null
  }
  link_sessions: {
    id: string
    host_app_id: string
    provider: string
    /** JSON of the end user object. */
    end_user: string
    permissions: string
    mode: string
    connection_id: string | null
    created_at: Date
    expires_at: Date
    completed_at: Date | null
    allow_duplicates: boolean
  }
  connections: {
    id: string
    host_app_id: string
    provider: string
    end_user_id: string
    organization_id: string
    organization_name: string | null
    region: string
    permissions: string
    status: string
    status_reason: string | null
    credential: string | null
    /** `api_key` or `service_account`: how to read `credential` once decrypted. */
    credential_kind: string
    /** Whether the credential reads other organizations too; null: linked before it was asked. */
    multi_organization: boolean | null
    created_at: Date
    updated_at: Date
    last_checked_at: Date | null
  }
  public_tokens: {
    hash: string
    host_app_id: string
    connection_id: string
    created_at: Date
    expires_at: Date
    used_at: Date | null
  }
  /** One row (id 1): operators' master-key changes (storage/master-key-store.ts). */
  master_key_state: {
    id: number
    active_key_id: string | null
    /** JSON array of key ids. */
    retired_key_ids: string
    version: number
  }
  signing_keys: {
    kid: string
    public_jwk: string
    private_jwk: string
    active: boolean
    created_at: Date
    retired_at: Date | null
  }
  audit_events: {
    id: Generated<number>
    type: string
    host_app_id: string | null
    connection_id: string | null
    request_id: string | null
    data: string
    created_at: Date
  }
  idempotency_keys: {
    connection_id: string
    key: string
    request_hash: string
    /** `pending` while the first request runs, then `completed`. */
    state: string
    response_status: number | null
    response_body: string | null
    created_at: Date
    locked_until: Date
  }
  sync_records: {
    connection_id: string
    /** `user`, `group_member`, `device`, `assignment`. */
    kind: string
    record_id: string
    fingerprint: string
    /** JSON of the record's tracked fields as last synced. */
    snapshot: string
    /** The sync generation that last saw the record; older ones are gone upstream. */
    seen_in: number
  }
  sync_state: {
    connection_id: string
    generation: number
    baseline_at: Date | null
    started_at: Date | null
    finished_at: Date | null
    last_error: string | null
    /** When the directory's audit log was last asked for changes since `started_at`. */
    hint_checked_at: Generated<Date | null>
  }
  change_events: {
    id: Generated<number>
    host_app_id: string
    connection_id: string
    type: string
    /** JSON of the event's `data`. */
    data: string
    created_at: Date
    /** When its webhook deliveries were made; null until then (src/webhooks/fan-out.ts). */
    fanned_out_at: Generated<Date | null>
  }
  webhook_endpoints: {
    id: string
    host_app_id: string
    url: string
    description: string | null
    /** JSON array of event types; null for every type. */
    event_types: string | null
    /** Vault envelopes of the `whsec_` secrets. */
    secret: string
    previous_secret: string | null
    previous_secret_expires_at: Date | null
    /** `enabled` or `disabled`. */
    status: string
    disabled_reason: string | null
    disabled_at: Date | null
    failing_since: Date | null
    created_at: Date
    updated_at: Date
  }
  webhook_deliveries: {
    seq: Generated<number>
    id: string
    host_app_id: string
    endpoint_id: string
    event_id: number
    event_type: string
    connection_id: string
    /** `pending`, `sending`, `succeeded`, `retrying`, `failed`. */
    status: string
    attempt_count: number
    next_attempt_at: Date | null
    /** While `sending`: until when the sender holds it (then another may take it over). */
    lease_until: Date | null
    created_at: Date
    completed_at: Date | null
  }
  webhook_attempts: {
    delivery_seq: number
    attempted_at: Date
    status_code: number | null
    error: string | null
    duration_ms: number
  }
  webhook_settings: {
    host_app_id: string
    allow_private_urls: boolean
  }
}
