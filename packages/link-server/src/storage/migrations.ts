import {
  type Kysely,
  DEFAULT_MIGRATION_TABLE as MIGRATION_TABLE,
  type Migration,
  type MigrationProvider,
  Migrator,
  sql,
} from 'kysely'

/**
 * Migrations in code, in order. Plain SQL from the subset PostgreSQL 15 (server) and 18 (PGlite)
 * share. Never edit a shipped migration; add the next one.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await runStatements(
        db,
        `
        create table host_apps (
          id text primary key,
          name text not null,
          allowed_origins text not null,
          created_at timestamptz not null
        );
        create table host_secrets (
          id text primary key,
          host_app_id text not null references host_apps(id),
          hash text not null unique,
          hint text not null,
          created_at timestamptz not null,
          revoked_at timestamptz
        );
        create index host_secrets_host_app on host_secrets(host_app_id);
        create table link_sessions (
          id text primary key,
          host_app_id text not null references host_apps(id),
          provider text not null,
          end_user text not null,
          permissions text not null,
          mode text not null,
          connection_id text,
          created_at timestamptz not null,
          expires_at timestamptz not null,
          completed_at timestamptz
        );
        create table connections (
          id text primary key,
          host_app_id text not null references host_apps(id),
          provider text not null,
          end_user_id text not null,
          organization_id text not null,
          organization_name text,
          region text not null,
          permissions text not null,
          status text not null,
          status_reason text,
          credential text,
          created_at timestamptz not null,
          updated_at timestamptz not null,
          last_checked_at timestamptz
        );
        create index connections_list on connections(host_app_id, created_at desc, id desc);
        create table public_tokens (
          hash text primary key,
          host_app_id text not null references host_apps(id),
          connection_id text not null references connections(id),
          created_at timestamptz not null,
          expires_at timestamptz not null,
          used_at timestamptz
        );
        create table signing_keys (
          kid text primary key,
          public_jwk text not null,
          private_jwk text not null,
          active boolean not null,
          created_at timestamptz not null,
          retired_at timestamptz
        );
        create table audit_events (
          id integer generated always as identity primary key,
          type text not null,
          host_app_id text,
          connection_id text,
          request_id text,
          data text not null,
          created_at timestamptz not null
        );
      `,
      )
    },
  },
  // Write actions: idempotency keys (one row per connection and key, claimed before the
  // directory is called) and the audit read per connection.
  '0002_idempotency_keys': {
    async up(db: Kysely<unknown>) {
      await runStatements(
        db,
        `
        create table idempotency_keys (
          connection_id text not null references connections(id),
          key text not null,
          request_hash text not null,
          state text not null,
          response_status integer,
          response_body text,
          created_at timestamptz not null,
          locked_until timestamptz not null,
          primary key (connection_id, key)
        );
        create index audit_events_connection on audit_events(connection_id, id desc);
      `,
      )
    },
  },
  // Link sessions say whether the end user may connect an organization they already have.
  // Sessions from before were made when duplicates were always created: they keep that.
  '0003_link_session_duplicates': {
    async up(db: Kysely<unknown>) {
      await runStatements(
        db,
        `
        alter table link_sessions add column allow_duplicates boolean not null default true;
        alter table link_sessions alter column allow_duplicates drop default;
        create index connections_host_app_end_user_org
          on connections(host_app_id, end_user_id, organization_id)
      `,
      )
    },
  },
  // Change feed: per connection, each record's fingerprint and tracked fields as last synced
  // (to name what changed), the sync generation, and the events (kept 30 days).
  '0004_change_feed': {
    async up(db: Kysely<unknown>) {
      await runStatements(
        db,
        `
        create table sync_records (
          connection_id text not null references connections(id),
          kind text not null,
          record_id text not null,
          fingerprint text not null,
          snapshot text not null,
          seen_in integer not null,
          primary key (connection_id, kind, record_id)
        );
        create table sync_state (
          connection_id text primary key references connections(id),
          generation integer not null,
          baseline_at timestamptz,
          started_at timestamptz,
          finished_at timestamptz,
          last_error text
        );
        create table change_events (
          id integer generated always as identity primary key,
          host_app_id text not null,
          connection_id text not null,
          type text not null,
          data text not null,
          created_at timestamptz not null
        );
        create index change_events_connection on change_events(connection_id, id);
        create index change_events_created on change_events(created_at);
        alter table host_apps add column sync_interval_seconds integer not null default 900
      `,
      )
    },
  },
  // Service accounts: how each connection authenticates. Every earlier row holds an API key.
  '0005_connection_credential_kind': {
    async up(db: Kysely<unknown>) {
      await runStatements(
        db,
        `alter table connections add column credential_kind text not null default 'api_key'`,
      )
    },
  },
  // Webhooks: endpoints (secrets sealed by the vault; the one before a rotation kept 24 h),
  // one delivery per endpoint and event with its attempts, a host-app setting for private
  // addresses, and which events were fanned out (earlier events were, so none is replayed).
  '0006_webhooks': {
    async up(db: Kysely<unknown>) {
      await runStatements(
        db,
        `
        create table webhook_endpoints (
          id text primary key,
          host_app_id text not null references host_apps(id),
          url text not null,
          description text,
          event_types text,
          secret text not null,
          previous_secret text,
          previous_secret_expires_at timestamptz,
          status text not null,
          disabled_reason text,
          disabled_at timestamptz,
          failing_since timestamptz,
          created_at timestamptz not null,
          updated_at timestamptz not null
        );
        create index webhook_endpoints_host_app on webhook_endpoints(host_app_id, created_at, id);
        create table webhook_deliveries (
          seq integer generated always as identity primary key,
          id text not null unique,
          host_app_id text not null,
          endpoint_id text not null references webhook_endpoints(id) on delete cascade,
          event_id integer not null,
          event_type text not null,
          connection_id text not null,
          status text not null,
          attempt_count integer not null,
          next_attempt_at timestamptz,
          lease_until timestamptz,
          created_at timestamptz not null,
          completed_at timestamptz,
          unique (endpoint_id, event_id)
        );
        create index webhook_deliveries_host_app on webhook_deliveries(host_app_id, seq desc);
        create index webhook_deliveries_due on webhook_deliveries(status, next_attempt_at);
        create table webhook_attempts (
          delivery_seq integer not null references webhook_deliveries(seq) on delete cascade,
          attempted_at timestamptz not null,
          status_code integer,
          error text,
          duration_ms integer not null
        );
        create index webhook_attempts_delivery on webhook_attempts(delivery_seq, attempted_at);
        create table webhook_settings (
          host_app_id text primary key references host_apps(id),
          allow_private_urls boolean not null
        );
        alter table change_events add column fanned_out_at timestamptz;
        update change_events set fanned_out_at = created_at;
        create index change_events_unfanned on change_events(id) where fanned_out_at is null
      `,
      )
    },
  },
  // Ingest URLs: the directory's webhook channel triggers a sync. The secret is hashed to check
  // deliveries and sealed by the vault to show the URL again.
  '0007_ingest_secrets': {
    async up(db: Kysely<unknown>) {
      await runStatements(
        db,
        `create table ingest_secrets (
          connection_id text primary key references connections(id),
          secret_hash text not null,
          secret_sealed text not null,
          created_at timestamptz not null
        )`,
      )
    },
  },
  // Which master key seals and which are retired, set by the CLI for every running instance.
  '0008_master_key_state': {
    async up(db: Kysely<unknown>) {
      await runStatements(
        db,
        `create table master_key_state (
          id integer primary key check (id = 1),
          active_key_id text,
          retired_key_ids text not null,
          version integer not null
        )`,
      )
    },
  },
  // Change hints: when each connection's audit log was last asked, claimed by one instance.
  '0009_sync_hint_checks': {
    async up(db: Kysely<unknown>) {
      await runStatements(db, `alter table sync_state add column hint_checked_at timestamptz`)
    },
  },
  // Whether a connection's credential reads several organizations: only then does each call
  // name the organization (the directory's multi-tenant header).
  '0010_connection_multi_organization': {
    async up(db: Kysely<unknown>) {
      await runStatements(db, 'alter table connections add column multi_organization boolean')
    },
  },
}

/** One statement per query: PGlite's extended protocol takes no multi-statement strings. */
async function runStatements(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of script.split(';').map((s) => s.trim())) {
    if (statement) await sql.raw(statement).execute(db)
  }
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS }

function migratorFor(db: Kysely<unknown>, schema?: string): Migrator {
  // With a schema, the bookkeeping tables live in it too (the introspector sees every schema).
  // Unordered: migrations written side by side may land in either order (0007 before 0006);
  // each one stands alone, so a database that has the later one still takes the earlier.
  return new Migrator({
    db,
    provider,
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  })
}

/**
 * Brings the database to the latest schema; safe to run from several instances at once.
 * Returns the names of the migrations it applied (none when already up to date).
 */
export async function migrateToLatest(db: Kysely<unknown>, schema?: string): Promise<string[]> {
  if (await isExactlyLatest(db, schema)) return []
  const { error, results } = await migratorFor(db, schema).migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName
    throw new Error(`Database migration ${failed ?? ''} failed`, { cause: error })
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/**
 * One query instead of the migrator's dozen round trips (introspection, lock, reads) on the
 * common start: every migration this version knows has run, and no other. Anything else (a
 * first start, a pending migration, a newer version's migration) goes through the migrator.
 */
async function isExactlyLatest(db: Kysely<unknown>, schema?: string): Promise<boolean> {
  const table = schema ? sql.id(schema, MIGRATION_TABLE) : sql.id(MIGRATION_TABLE)
  let applied: string[]
  try {
    const { rows } = await sql<{ name: string }>`select name from ${table}`.execute(db)
    applied = rows.map((row) => row.name)
  } catch {
    return false
  }
  const known = Object.keys(MIGRATIONS)
  return applied.length === known.length && known.every((name) => applied.includes(name))
}

/** The migrations this version has that the database has not run yet. */
export async function pendingMigrations(db: Kysely<unknown>, schema?: string): Promise<string[]> {
  const migrations = await migratorFor(db, schema).getMigrations()
  return migrations.filter((m) => m.executedAt === undefined).map((m) => m.name)
}

/** For a start that must not change the schema: fails unless it is already the latest. */
export async function requireLatestSchema(db: Kysely<unknown>, schema?: string): Promise<void> {
  const pending = await pendingMigrations(db, schema)
  if (pending.length > 0) {
    throw new Error(
      `The database schema is behind this version (pending: ${pending.join(', ')}). Run \`jumplink-server migrate\` first.`,
    )
  }
}
