import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { createKyselyStore } from './kysely-store'
import { migrateToLatest } from './migrations'
import { createPGliteDialect } from './pglite-dialect'
import type { Database } from './schema'
import type { Store } from './store'

/** The embedded database: PGlite in `dataDir`, or in memory when no folder is given. */
export async function openPGliteStore(options: { dataDir?: string; pglite?: PGlite } = {}) {
  if (options.dataDir) await mkdir(dirname(options.dataDir), { recursive: true })
  const pglite = options.pglite ?? (await PGlite.create(options.dataDir))
  const db = new Kysely<Database>({ dialect: createPGliteDialect(pglite) })
  await migrateToLatest(db as Kysely<unknown>)
  return createKyselyStore(db, {
    onClose: async () => {
      if (!options.pglite) await pglite.close()
    },
  })
}

/**
 * PostgreSQL through a pool. `schema` puts every table in that schema (created if missing),
 * which lets parallel test runs share one database without colliding.
 */
export async function openPostgresStore(options: {
  databaseUrl: string
  schema?: string
  maxConnections?: number
}): Promise<Store> {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) {
    throw new Error('The schema name must be lower-case letters, digits and underscores')
  }
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.maxConnections ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  })
  // Without a handler, an idle client's network error would crash the process.
  pool.on('error', () => {})
  if (options.schema) await pool.query(`create schema if not exists ${options.schema}`)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  await migrateToLatest(db as Kysely<unknown>, options.schema)
  return createKyselyStore(db)
}

export async function openStore(options: {
  databaseUrl: string | undefined
  dataDir: string
}): Promise<Store> {
  if (options.databaseUrl) return openPostgresStore({ databaseUrl: options.databaseUrl })
  return openPGliteStore({ dataDir: options.dataDir })
}
