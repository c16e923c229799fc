import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeDatabase } from './database'

describe('describeDatabase', () => {
  it('names the PostgreSQL server and database, never the password', () => {
    const text = describeDatabase({
      databaseUrl: 'postgres://jumplink:s3cret-pass@db.internal:5433/links?sslmode=require',
      dataDir: '.jumplink',
    })
    expect(text).toBe('PostgreSQL jumplink@db.internal:5433/links')
    expect(text).not.toContain('s3cret')
  })

  it('names the embedded database folder the server uses from the same place', () => {
    expect(describeDatabase({ databaseUrl: undefined, dataDir: '.jumplink' })).toBe(
      `embedded (PGlite) in ${resolve('.jumplink', 'db')}`,
    )
  })
})
