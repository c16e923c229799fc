import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { createKyselyStore } from './kysely-store'
import { migrateToLatest, requireLatestSchema } from './migrations'
import { makePrivateFolder, restrictTree } from './private-files'
import type { Database } from './schema'
import type { Store } from './store'

/** The job queue's tables live in a schema of their own beside the store's. */
const JOB_SCHEMA = 'jumplink_jobs'

/**
 * How a store treats its schema when it opens: `migrate` (the default) brings it to the latest
 * version; `require-latest` changes nothing and fails if a migration is pending, for rollouts
 * that run `jumplink-server migrate` as their own step.
 */
export type SchemaPolicy = 'migrate' | 'require-latest'

interface SchemaOptions {
  schemaPolicy?: SchemaPolicy
  /** Told the migrations that opening applied (`jumplink-server migrate` prints them). */
  onMigrated?: (names: string[]) => void
}

async function applySchemaPolicy(
  db: Kysely<unknown>,
  options: SchemaOptions,
  schema?: string,
): Promise<void> {
  if (options.schemaPolicy === 'require-latest') return requireLatestSchema(db, schema)
  const applied = await migrateToLatest(db, schema)
  options.onMigrated?.(applied)
}

/**
 * PostgreSQL's default 128 MB buffer pool, which PGlite keeps inside the server's own memory,
 * is most of an idle server's RSS; the embedded store holds one small deployment's rows, and its
 * files stay in the operating system's cache beneath a smaller pool.
 */
/** The embedded store's `shared_buffers` (exported for the benches' text). */
export const PGLITE_SHARED_BUFFERS = '16MB'
const SMALL_BUFFERS = ['-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`]

/** The embedded database: PGlite in `dataDir`, or in memory when no folder is given. */
export async function openPGliteStore(
  options: { dataDir?: string; pglite?: PGlite } & SchemaOptions = {},
) {
  if (options.dataDir) {
    // The parent is the operator's LINK_DATA_DIR, made private by bootstrap; this one is ours.
    await mkdir(dirname(options.dataDir), { recursive: true, mode: 0o700 })
    await makePrivateFolder(options.dataDir)
  }
  // Loaded here: a server on PostgreSQL never compiles PGlite's module.
  const [{ PGlite }, { createPGliteDialect }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('./pglite-dialect'),
  ])
  const pglite =
    options.pglite ??
    (await PGlite.create(options.dataDir, {
      startParams: [...PGlite.defaultStartParams, ...SMALL_BUFFERS],
    }))
  if (options.dataDir) await restrictTree(options.dataDir)
  const db = new Kysely<Database>({ dialect: createPGliteDialect(pglite) })
  await applySchemaPolicy(db as Kysely<unknown>, options)
  return createKyselyStore(db, {
    onClose: async () => {
      if (!options.pglite) await pglite.close()
    },
    jobs: {
      schema: JOB_SCHEMA,
      // Through the driver's turn-taking, so a job query never lands inside a store transaction.
      executeSql: (text, values) =>
        db.connection().execute(async () => {
          if (values && values.length > 0) return pglite.query(text, values)
          const results = await pglite.exec(text)
          return results[results.length - 1] ?? { rows: [] }
        }),
    },
  })
}

/**
 * PostgreSQL through a pool. `schema` puts every table in that schema (created if missing),
 * which lets parallel test runs share one database without colliding.
 */
export async function openPostgresStore(
  options: { databaseUrl: string; schema?: string; maxConnections?: number } & SchemaOptions,
): Promise<Store> {
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
  // Kysely's migrator looks for its bookkeeping tables in every schema it can see: name the one
  // this connection uses, or another schema's tables (a second deployment or test run in the same
  // database) would count as ours.
  const schema =
    options.schema ??
    (await pool.query<{ schema: string }>('select current_schema() as schema')).rows[0]?.schema
  await applySchemaPolicy(db as Kysely<unknown>, options, schema ?? undefined)
  return createKyselyStore(db, {
    jobs: {
      schema: options.schema ? `${options.schema}_jobs` : JOB_SCHEMA,
      executeSql: (text, values) => pool.query(text, values),
    },
  })
}

export async function openStore(
  options: { databaseUrl: string | undefined; dataDir: string } & SchemaOptions,
): Promise<Store> {
  const { databaseUrl, dataDir, ...schema } = options
  if (databaseUrl) return openPostgresStore({ databaseUrl, ...schema })
  return openPGliteStore({ dataDir, ...schema })
}
