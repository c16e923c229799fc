import { randomBytes } from 'node:crypto'
import pg from 'pg'

/** The CI PostgreSQL server; LINK_TEST_DATABASE_URL points elsewhere. */
export const TEST_DATABASE_URL =
  process.env.LINK_TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/test'

export interface FreshDatabase {
  name: string
  /** The server's URL with this database. */
  url: string
  query<R extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<R[]>
  /** Every row of every table, as one string: what a thief of the database would hold. */
  dump(): Promise<string>
  drop(): Promise<void>
}

/**
 * A database of its own for one test file (created here, dropped after), so runs and files never
 * see each other's rows. Fails, never skips, when PostgreSQL is not there.
 */
export async function createDatabase(label: string): Promise<FreshDatabase> {
  const name = `jl_sec_${label}_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({
    connectionString: TEST_DATABASE_URL,
    connectionTimeoutMillis: 5000,
  })
  try {
    await admin.connect()
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_DATABASE_URL} (start it, or set LINK_TEST_DATABASE_URL): ${error}`,
    )
  }
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(TEST_DATABASE_URL)
  url.pathname = `/${name}`
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 })
  pool.on('error', () => {})
  const query = async <R extends pg.QueryResultRow>(sql: string, values: unknown[] = []) =>
    (await pool.query<R>(sql, values)).rows
  return {
    name,
    url: url.toString(),
    query,
    async dump() {
      const tables = await query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = 'public' order by 1",
      )
      const parts: string[] = []
      for (const { table_name } of tables) {
        parts.push(table_name, JSON.stringify(await query(`select * from "${table_name}"`)))
      }
      return parts.join('\n')
    },
    async drop() {
      await pool.end()
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
      await client.connect()
      await client.query(`drop database if exists ${name} with (force)`)
      await client.end()
    },
  }
}
