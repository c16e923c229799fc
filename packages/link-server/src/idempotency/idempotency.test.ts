import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newId } from '../crypto/secrets'
import { openPGliteStore } from '../storage/open'
import type { Store } from '../storage/store'
import { IDEMPOTENCY_TTL_MS, PURGE_EVERY_MS, purgeExpiredKeys, runIdempotent } from './idempotency'

const HOUR = 60 * 60 * 1000

describe('purging expired idempotency keys', () => {
  let store: Store
  let connectionId: string

  beforeEach(async () => {
    store = await openPGliteStore()
    const t0 = new Date('2026-01-01T00:00:00Z')
    const app = await store.hostApps.create({
      id: newId('app'),
      name: 'A',
      allowedOrigins: ['https://a.example'],
      now: t0,
    })
    const connection = await store.connections.insert({
      id: newId('conn'),
      hostAppId: app.id,
      provider: 'p',
      endUserId: 'u1',
      organizationId: 'org1',
      organizationName: 'Org',
      region: 'us',
      permissions: 'read_write',
      status: 'active',
      statusReason: null,
      credential: 'v1.k1.n.c',
      credentialKind: 'api_key',
      createdAt: t0,
      updatedAt: t0,
      lastCheckedAt: null,
    })
    connectionId = connection.id
  })
  afterEach(async () => {
    await store.close()
  })

  /** One write through `runIdempotent` at `now`, answering 201. */
  const write = (key: string, now: Date) =>
    runIdempotent(
      store.idempotency,
      { connectionId, key, requestHash: `hash-${key}`, requestId: 'req_1' },
      { now: () => now },
      async () => ({ status: 201, body: { key } }),
    )

  it('lets a write delete the keys past 24 hours, at most once an hour per store', async () => {
    const t0 = new Date('2026-03-01T00:00:00Z')
    await write('first', t0)
    await write('second', new Date(t0.getTime() + 1.5 * HOUR))

    // A day and an hour later: `first` is past its 24 hours, `second` is not.
    const later = new Date(t0.getTime() + IDEMPOTENCY_TTL_MS + HOUR)
    await write('third', later)
    // Within the hour nothing is purged; the table still answers for `second` and `third`.
    expect(await purgeExpiredKeys(store.idempotency, new Date(later.getTime() + 1000))).toBeNull()
    expect((await write('second', later)).replayed).toBe(true)
    expect((await write('third', later)).replayed).toBe(true)
    // `first` was deleted: the same key is a new request again.
    expect((await write('first', later)).replayed).toBe(false)

    // An hour on, the next purge takes `second` (now past its 24 hours) and keeps the others.
    const next = new Date(later.getTime() + PURGE_EVERY_MS)
    expect(await purgeExpiredKeys(store.idempotency, next)).toBe(1)
    expect((await write('third', next)).replayed).toBe(true)
  })
})
