import type { Generated } from 'kysely'

/** Table shapes as Kysely sees them (snake_case, as in the database). */
export interface Database {
  host_apps: {
    id: string
    name: string
    /** JSON array of origins. */
    allowed_origins: string
    created_at: Date
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
}
