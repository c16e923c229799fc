import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { completeLink, startSession } from '../fixtures/flow'
import { createHarness } from '../fixtures/harness'
import { postgresReachable, TEST_DATABASE_URL } from '../fixtures/postgres'
import { openPostgresStore } from './open'
import { describeStoreContract } from './store.suite'

/**
 * The same contract on a real PostgreSQL server. Each run uses its own schema, so parallel
 * runs share the database safely. The server must be there (`npm test` starts one when it can):
 * the suite fails rather than skips, so a green run always includes PostgreSQL.
 */
const available = await postgresReachable()
const schemas: string[] = []

if (!available) {
  describe('PostgreSQL store', () => {
    it('needs the CI PostgreSQL server', () => {
      expect.fail(
        `PostgreSQL is not reachable at ${TEST_DATABASE_URL}. Start it, or set LINK_TEST_DATABASE_URL.`,
      )
    })
  })
} else {
  describe('PostgreSQL', () => {
    describeStoreContract('PostgreSQL', () => {
      const schema = `jl_test_${randomBytes(6).toString('hex')}`
      schemas.push(schema)
      return openPostgresStore({ databaseUrl: TEST_DATABASE_URL, schema })
    })

    it('gives exactly one integration token for concurrent exchanges of one public token', async () => {
      const schema = `jl_test_${randomBytes(6).toString('hex')}`
      schemas.push(schema)
      const store = await openPostgresStore({ databaseUrl: TEST_DATABASE_URL, schema })
      const h = await createHarness({ store })
      try {
        for (let round = 0; round < 3; round++) {
          const { public_token } = await completeLink(h, await startSession(h))
          const results = await Promise.all(
            [1, 2].map(() =>
              h.call('POST', '/v1/tokens/exchange', { token: h.secret, body: { public_token } }),
            ),
          )
          expect(results.map((r) => r.status).sort()).toEqual([200, 409])
        }
      } finally {
        await h.close()
      }
    })

    it('migrates a schema chosen by the URL even when another schema of the database holds migrated tables', async () => {
      // Two deployments (or runs) in one database, told apart only by `search_path`.
      const stores = []
      for (let i = 0; i < 2; i++) {
        const schema = `jl_test_${randomBytes(6).toString('hex')}`
        schemas.push(schema)
        const admin = new pg.Client({ connectionString: TEST_DATABASE_URL })
        await admin.connect()
        await admin.query(`create schema ${schema}`)
        await admin.end()
        const url = new URL(TEST_DATABASE_URL)
        url.searchParams.set('options', `-c search_path=${schema}`)
        stores.push(await openPostgresStore({ databaseUrl: url.toString(), maxConnections: 2 }))
      }
      try {
        for (const store of stores) expect(await store.hostApps.list()).toEqual([])
      } finally {
        for (const store of stores) await store.close()
      }
    })
  })
}

afterAll(async () => {
  if (schemas.length === 0) return
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await client.connect()
  for (const schema of schemas) await client.query(`drop schema if exists ${schema} cascade`)
  await client.end()
})
