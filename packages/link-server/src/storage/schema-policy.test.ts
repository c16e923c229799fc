import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPGliteStore } from './open'

// One embedded database for the file: opening it again sees what the previous open left.
let pglite: PGlite
beforeAll(async () => {
  pglite = await PGlite.create()
}, 120_000)
afterAll(() => pglite.close())

describe('the schema policy a store opens with', () => {
  it('require-latest refuses a database with pending migrations and changes nothing', async () => {
    await expect(openPGliteStore({ pglite, schemaPolicy: 'require-latest' })).rejects.toThrow(
      /schema is behind this version \(pending: 0001_initial.*jumplink-server migrate/,
    )
    const tables = await pglite.query(
      "select table_name from information_schema.tables where table_name = 'host_apps'",
    )
    expect(tables.rows).toEqual([])
  })

  it('migrate (the default) applies every migration once and says which', async () => {
    let applied: string[] | undefined
    const store = await openPGliteStore({ pglite, onMigrated: (names) => (applied = names) })
    expect(applied?.[0]).toBe('0001_initial')
    expect(await store.hostApps.list()).toEqual([])
    let again: string[] | undefined
    await openPGliteStore({ pglite, onMigrated: (names) => (again = names) })
    expect(again).toEqual([])
  })

  it('require-latest opens a database that is up to date', async () => {
    const store = await openPGliteStore({ pglite, schemaPolicy: 'require-latest' })
    expect(await store.hostApps.list()).toEqual([])
  })
})
