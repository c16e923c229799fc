// A PostgreSQL schema of its own for a benchmark run, so a link server started with DATABASE_URL
// (as production runs) finds an empty database and leaves nothing behind in the shared one.
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { ROOT } from './processes.ts'

/** The same server the test suites use; override like them. */
export const BENCH_DATABASE_URL =
  process.env.LINK_TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/test'

// `pg` is the link server's dependency, not the workspace root's: load it from there.
const pg = createRequire(join(ROOT, 'packages', 'link-server', 'package.json'))('pg') as {
  Client: new (options: {
    connectionString: string
  }) => {
    connect(): Promise<void>
    query(sql: string): Promise<unknown>
    end(): Promise<void>
  }
}

async function run(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: BENCH_DATABASE_URL })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

export interface BenchSchema {
  /** DATABASE_URL whose connections use this schema. */
  databaseUrl: string
  drop(): Promise<void>
}

export async function createBenchSchema(): Promise<BenchSchema> {
  const schema = `jl_bench_${randomBytes(6).toString('hex')}`
  await run(`create schema ${schema}`)
  const url = new URL(BENCH_DATABASE_URL)
  url.searchParams.set('options', `-c search_path=${schema}`)
  return {
    databaseUrl: url.toString(),
    drop: () => run(`drop schema if exists ${schema} cascade`),
  }
}
