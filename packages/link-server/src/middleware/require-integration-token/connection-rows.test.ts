import { describe, expect, it } from 'vitest'
import type { ConnectionRecord, HostApp } from '../../storage/store'
import { type ConnectionRows, createConnectionRowCache } from './connection-rows'

function rows(status: ConnectionRecord['status']): ConnectionRows {
  return {
    hostApp: { id: 'app', name: 'App', allowedOrigins: [], createdAt: new Date(0) } as HostApp,
    connection: { id: 'conn', hostAppId: 'app', status } as ConnectionRecord,
  }
}

function setup() {
  const clock = { now: 0 }
  const database = { status: 'active' as ConnectionRecord['status'], reads: 0, fail: false }
  const cache = createConnectionRowCache({
    now: () => clock.now,
    freshMs: 250,
    maxAgeMs: 750,
    async read() {
      database.reads++
      if (database.fail) throw new Error('database down')
      return rows(database.status)
    },
  })
  const status = async () => (await cache.get('app', 'conn'))?.connection.status
  return { clock, database, cache, status }
}

describe('connection row cache', () => {
  it('serves fresh rows without reading, and concurrent readers share one read', async () => {
    const { clock, database, cache } = setup()
    await Promise.all([cache.get('app', 'conn'), cache.get('app', 'conn')])
    expect(database.reads).toBe(1)
    clock.now = 249
    await cache.get('app', 'conn')
    expect(database.reads).toBe(1)
  })

  it('serves aging rows while one background read replaces them', async () => {
    const { clock, database, status } = setup()
    await status()
    database.status = 'revoked'
    clock.now = 300
    // Still the row read at 0, and one read started for the requests after these.
    expect(await Promise.all([status(), status()])).toEqual(['active', 'active'])
    expect(database.reads).toBe(2)
    expect(await status()).toBe('revoked')
    expect(database.reads).toBe(2)
  })

  it('never serves a row older than the maximum age', async () => {
    const { clock, database, status } = setup()
    await status()
    database.status = 'revoked'
    clock.now = 750
    expect(await status()).toBe('revoked')
  })

  it('drops a forgotten connection at once', async () => {
    const { database, cache, status } = setup()
    await status()
    database.status = 'revoked'
    cache.forget('conn')
    expect(await status()).toBe('revoked')
  })

  it('keeps no failed read', async () => {
    const { database, status } = setup()
    database.fail = true
    await expect(status()).rejects.toThrow('database down')
    database.fail = false
    expect(await status()).toBe('active')
    expect(database.reads).toBe(2)
  })
})
