// A PostgreSQL schema of its own for a benchmark run, so a link server started with DATABASE_URL
// (as production runs) finds an empty database and leaves nothing behind in the shared one.
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type LinkServerProcess, ROOT, startLinkServer } from './processes.ts'

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

/**
 * The built link server as production runs it, on a schema of its own (DATABASE_URL) and a fresh
 * data folder, pointed at `directoryUrl`; its `stop` also removes the folder and drops the schema.
 */
export async function startLinkServerOnPostgres(options: {
  directoryUrl: string
  /** More settings, e.g. LINK_DIRECTORY_CONCURRENCY; logs are `warn` unless set. */
  env?: Record<string, string>
}): Promise<LinkServerProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'jumplink-bench-'))
  const schema = await createBenchSchema()
  const removeBoth = async () => {
    await rm(dataDir, { recursive: true, force: true })
    await schema.drop()
  }
  try {
    const server = await startLinkServer({
      dataDir,
      directoryUrl: options.directoryUrl,
      entry: 'built',
      env: { DATABASE_URL: schema.databaseUrl, LINK_LOG_LEVEL: 'warn', ...options.env },
    })
    return {
      ...server,
      stop: async () => {
        await server.stop()
        await removeBoth()
      },
    }
  } catch (error) {
    await removeBoth()
    throw error
  }
}
