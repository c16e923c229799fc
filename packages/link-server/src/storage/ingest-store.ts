import type { Kysely } from 'kysely'
import type { Database } from './schema'

/** A connection's ingest secret: its hash to check deliveries, sealed to show the URL again. */
export interface IngestSecret {
  connectionId: string
  /** SHA-256 (hex) of the secret. */
  hash: string
  /** The secret sealed by the vault under the connection's context. */
  sealed: string
  createdAt: Date
}

/** Where the directory's own webhook channel delivers to (the sync accelerator). */
export interface IngestStore {
  /** The secret with its connection's host app and status (one read per delivery). */
  get(
    connectionId: string,
  ): Promise<(IngestSecret & { hostAppId: string; connectionStatus: string }) | undefined>
  /** Sets (first time) or replaces (rotation) the connection's secret. */
  put(secret: IngestSecret): Promise<void>
  /** Sets the secret only if the connection has none yet; returns the one that is stored. */
  putIfAbsent(secret: IngestSecret): Promise<IngestSecret>
  /** Every sealed secret (re-encryption under a new master key). */
  list(): Promise<(IngestSecret & { hostAppId: string })[]>
  /** Replaces `sealed` only if nobody changed it since it was read. */
  swapSealed(connectionId: string, expected: string, fresh: string): Promise<boolean>
}

export function createIngestStore(db: Kysely<Database>): IngestStore {
  const toSecret = (row: {
    connection_id: string
    secret_hash: string
    secret_sealed: string
    created_at: Date
  }): IngestSecret => ({
    connectionId: row.connection_id,
    hash: row.secret_hash,
    sealed: row.secret_sealed,
    createdAt: row.created_at,
  })
  const values = (s: IngestSecret) => ({
    connection_id: s.connectionId,
    secret_hash: s.hash,
    secret_sealed: s.sealed,
    created_at: s.createdAt,
  })
  return {
    async get(connectionId) {
      const row = await db
        .selectFrom('ingest_secrets')
        .innerJoin('connections', 'connections.id', 'ingest_secrets.connection_id')
        .selectAll('ingest_secrets')
        .select(['connections.host_app_id', 'connections.status'])
        .where('ingest_secrets.connection_id', '=', connectionId)
        .executeTakeFirst()
      return row && { ...toSecret(row), hostAppId: row.host_app_id, connectionStatus: row.status }
    },
    async put(secret) {
      await db
        .insertInto('ingest_secrets')
        .values(values(secret))
        .onConflict((oc) =>
          oc.column('connection_id').doUpdateSet({
            secret_hash: secret.hash,
            secret_sealed: secret.sealed,
            created_at: secret.createdAt,
          }),
        )
        .execute()
    },
    async putIfAbsent(secret) {
      await db
        .insertInto('ingest_secrets')
        .values(values(secret))
        .onConflict((oc) => oc.column('connection_id').doNothing())
        .execute()
      const stored = await this.get(secret.connectionId)
      if (!stored) throw new Error('The ingest secret was not stored')
      return stored
    },
    async list() {
      const rows = await db
        .selectFrom('ingest_secrets')
        .innerJoin('connections', 'connections.id', 'ingest_secrets.connection_id')
        .selectAll('ingest_secrets')
        .select('connections.host_app_id')
        .execute()
      return rows.map((row) => ({ ...toSecret(row), hostAppId: row.host_app_id }))
    },
    async swapSealed(connectionId, expected, fresh) {
      const result = await db
        .updateTable('ingest_secrets')
        .set({ secret_sealed: fresh })
        .where('connection_id', '=', connectionId)
        .where('secret_sealed', '=', expected)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
  }
}
