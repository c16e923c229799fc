import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely'

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
}

/** One statement per query: PGlite's extended protocol takes no multi-statement strings. */
async function runStatements(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of script.split(';').map((s) => s.trim())) {
    if (statement) await sql.raw(statement).execute(db)
  }
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS }

/** Brings the database to the latest schema; safe to run from several instances at once. */
export async function migrateToLatest(db: Kysely<unknown>, schema?: string): Promise<void> {
  // With a schema, the bookkeeping tables live in it too (the introspector sees every schema).
  const migrator = new Migrator({
    db,
    provider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName
    throw new Error(`Database migration ${failed ?? ''} failed`, { cause: error })
  }
}
