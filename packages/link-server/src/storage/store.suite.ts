import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashSecret, newId } from '../crypto/secrets'
import type { ConnectionRecord, Store } from './store'

/**
 * The store contract: every implementation runs this same suite (PGlite and PostgreSQL).
 * The single-use rules are raced on purpose: the database must pick exactly one winner.
 */
export function describeStoreContract(name: string, open: () => Promise<Store>) {
  describe(`store contract: ${name}`, () => {
    let store: Store
    let appId: string
    const t0 = new Date('2026-11-01T09:00:00.000Z')
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000)

    beforeAll(async () => {
      store = await open()
      appId = (
        await store.hostApps.create({
          id: newId('app'),
          name: 'A',
          allowedOrigins: ['https://a.example'],
          now: t0,
        })
      ).id
    })
    afterAll(async () => {
      await store?.close()
    })

    const connection = (overrides: Partial<ConnectionRecord> = {}): ConnectionRecord => ({
      id: newId('conn'),
      hostAppId: appId,
      provider: 'p',
      endUserId: 'u1',
      organizationId: 'org1',
      organizationName: 'Org',
      region: 'us',
      permissions: 'read',
      status: 'active',
      statusReason: null,
      credential: 'v1.k1.n.c',
      credentialKind: 'api_key',
      createdAt: t0,
      updatedAt: t0,
      lastCheckedAt: null,
      ...overrides,
    })

    it('finds a host app by an unrevoked secret hash only', async () => {
      const secretId = newId('sec')
      await store.hostApps.addSecret({
        id: secretId,
        hostAppId: appId,
        hash: hashSecret('s1'),
        hint: 'h',
        now: t0,
      })
      expect((await store.hostApps.findBySecretHash(hashSecret('s1')))?.id).toBe(appId)
      const second = newId('sec')
      await store.hostApps.addSecret({
        id: second,
        hostAppId: appId,
        hash: hashSecret('s2'),
        hint: 'h',
        now: t0,
      })
      expect(await store.hostApps.revokeSecretsExcept(appId, second, t0)).toBe(1)
      expect(await store.hostApps.findBySecretHash(hashSecret('s1'))).toBeUndefined()
      expect((await store.hostApps.findBySecretHash(hashSecret('s2')))?.id).toBe(appId)
      expect((await store.hostApps.listSecrets(appId)).map((s) => s.revokedAt !== null)).toEqual([
        true,
        false,
      ])
    })

    it('knows which origins some host app allows', async () => {
      expect(await store.hostApps.isOriginAllowedAnywhere('https://a.example')).toBe(true)
      expect(await store.hostApps.isOriginAllowedAnywhere('https://evil.example')).toBe(false)
      expect((await store.hostApps.get(appId))?.allowedOrigins).toEqual(['https://a.example'])
    })

    it('renames a host app and replaces its origins', async () => {
      const id = newId('app')
      await store.hostApps.create({
        id,
        name: 'Before',
        allowedOrigins: ['https://b.example'],
        now: t0,
      })
      const updated = await store.hostApps.update(id, {
        name: 'After',
        allowedOrigins: ['https://c.example'],
      })
      expect(updated).toMatchObject({ id, name: 'After', allowedOrigins: ['https://c.example'] })
      expect(await store.hostApps.get(id)).toMatchObject({ name: 'After' })
      expect(await store.hostApps.isOriginAllowedAnywhere('https://b.example')).toBe(false)
      expect(
        await store.hostApps.update('app_missing', { name: 'x', allowedOrigins: [] }),
      ).toBeUndefined()
    })

    it('completes a link session once, and never after it expired', async () => {
      const base = {
        hostAppId: appId,
        provider: 'p',
        endUser: { id: 'u1' },
        permissions: 'read' as const,
        mode: 'create' as const,
        connectionId: null,
        allowDuplicates: false,
        createdAt: t0,
      }
      const session = await store.linkSessions.create({
        ...base,
        id: newId('ls'),
        expiresAt: at(30),
      })
      expect(session.endUser).toEqual({ id: 'u1' })
      expect(session.allowDuplicates).toBe(false)
      expect((await store.linkSessions.get(session.id))?.allowDuplicates).toBe(false)
      const results = await Promise.all(
        [1, 2, 3, 4].map(() => store.linkSessions.complete(session.id, at(1))),
      )
      expect(results.filter(Boolean)).toHaveLength(1)
      expect((await store.linkSessions.get(session.id))?.completedAt).toEqual(at(1))
      const expired = await store.linkSessions.create({
        ...base,
        id: newId('ls'),
        expiresAt: at(30),
      })
      expect(await store.linkSessions.complete(expired.id, at(31))).toBe(false)
    })

    it('scopes connections to their host app and pages newest first', async () => {
      const other = await store.hostApps.create({
        id: newId('app'),
        name: 'B',
        allowedOrigins: [],
        now: t0,
      })
      const rows = []
      for (let i = 0; i < 5; i++)
        rows.push(
          await store.connections.insert(
            connection({ createdAt: at(i), endUserId: i % 2 ? 'odd' : 'even' }),
          ),
        )
      await store.connections.insert(connection({ hostAppId: other.id }))
      expect(await store.connections.get(other.id, rows[0]?.id ?? '')).toBeUndefined()
      const first = await store.connections.list(appId, { limit: 2 })
      expect(first.map((r) => r.id)).toEqual([rows[4]?.id, rows[3]?.id])
      const last = first[1]
      const next = await store.connections.list(appId, {
        limit: 10,
        ...(last ? { after: { createdAt: last.createdAt, id: last.id } } : {}),
      })
      expect(next.map((r) => r.id)).toEqual([rows[2]?.id, rows[1]?.id, rows[0]?.id])
      expect((await store.connections.list(appId, { limit: 10, endUserId: 'odd' })).length).toBe(2)
      expect(rows[0]?.createdAt).toEqual(at(0))
    })

    it('replaces, breaks, swaps and revokes a credential', async () => {
      const row = await store.connections.insert(connection())
      const broken = await store.connections.setStatus({
        id: row.id,
        status: 'broken',
        statusReason: 'invalid_api_key',
        now: at(1),
      })
      expect(broken).toMatchObject({
        status: 'broken',
        statusReason: 'invalid_api_key',
        lastCheckedAt: at(1),
      })
      expect(row.credentialKind).toBe('api_key')
      // A relink may switch kinds: an API key replaced by a service account.
      const relinked = await store.connections.replaceCredential({
        id: row.id,
        credential: 'v1.k1.n.new',
        credentialKind: 'service_account',
        organizationName: 'Org 2',
        permissions: 'read',
        now: at(2),
      })
      expect(relinked).toMatchObject({
        status: 'active',
        statusReason: null,
        credential: 'v1.k1.n.new',
        credentialKind: 'service_account',
      })
      expect((await store.connections.get(appId, row.id))?.credentialKind).toBe('service_account')
      expect(await store.connections.swapCredential(row.id, 'stale', 'x')).toBe(false)
      expect(await store.connections.swapCredential(row.id, 'v1.k1.n.new', 'v1.k2.n.c')).toBe(true)
      expect(
        (await store.connections.listCredentials()).find((c) => c.id === row.id)?.credential,
      ).toBe('v1.k2.n.c')
      const revoked = await store.connections.revoke(appId, row.id, at(3))
      expect(revoked).toMatchObject({ status: 'revoked', credential: null })
      expect(
        await store.connections.setStatus({
          id: row.id,
          status: 'active',
          statusReason: null,
          now: at(4),
        }),
      ).toBeUndefined()
      expect(
        await store.connections.replaceCredential({
          id: row.id,
          credential: 'c',
          credentialKind: 'api_key',
          organizationName: null,
          permissions: 'read',
          now: at(4),
        }),
      ).toBeUndefined()
    })

    it('marks a connection broken once per reason, even when raced, never a revoked one', async () => {
      const row = await store.connections.insert(connection())
      const raced = await Promise.all(
        [1, 2, 3, 4].map(() =>
          store.connections.markBroken({ id: row.id, reason: 'invalid_api_key', now: at(1) }),
        ),
      )
      expect(raced.filter(Boolean)).toHaveLength(1)
      expect(raced.find(Boolean)).toMatchObject({
        status: 'broken',
        statusReason: 'invalid_api_key',
      })
      // Another reason is news; the same one again is not.
      expect(
        await store.connections.markBroken({
          id: row.id,
          reason: 'credential_unreadable',
          now: at(2),
        }),
      ).toMatchObject({ statusReason: 'credential_unreadable' })
      expect(
        await store.connections.markBroken({
          id: row.id,
          reason: 'credential_unreadable',
          now: at(3),
        }),
      ).toBeUndefined()
      await store.connections.revoke(appId, row.id, at(4))
      expect(
        await store.connections.markBroken({ id: row.id, reason: 'invalid_api_key', now: at(5) }),
      ).toBeUndefined()
    })

    it('uses a public token exactly once, even when raced', async () => {
      const row = await store.connections.insert(connection())
      await store.publicTokens.insert({
        hash: 'h-race',
        hostAppId: appId,
        connectionId: row.id,
        now: t0,
        expiresAt: at(10),
      })
      const results = await Promise.all(
        Array.from({ length: 8 }, () => store.publicTokens.consume('h-race', appId, at(1))),
      )
      expect(results.filter((r) => r.ok)).toEqual([{ ok: true, connectionId: row.id }])
      expect(results.filter((r) => !r.ok)).toEqual(Array(7).fill({ ok: false, reason: 'used' }))
      await store.publicTokens.insert({
        hash: 'h-old',
        hostAppId: appId,
        connectionId: row.id,
        now: t0,
        expiresAt: at(10),
      })
      expect(await store.publicTokens.consume('h-old', appId, at(11))).toEqual({
        ok: false,
        reason: 'expired',
      })
      expect(await store.publicTokens.consume('h-none', appId, at(1))).toEqual({
        ok: false,
        reason: 'unknown',
      })
      await store.publicTokens.insert({
        hash: 'h-mine',
        hostAppId: appId,
        connectionId: row.id,
        now: t0,
        expiresAt: at(10),
      })
      expect(await store.publicTokens.consume('h-mine', 'app_other', at(1))).toEqual({
        ok: false,
        reason: 'unknown',
      })
    })

    it('keeps one active signing key', async () => {
      const key = (kid: string) => ({
        kid,
        publicJwk: '{}',
        privateJwk: 'v1.k1.a.b',
        active: false,
        createdAt: t0,
        retiredAt: null,
      })
      await store.signingKeys.insert(key('a'))
      await store.signingKeys.insert(key('b'))
      await store.signingKeys.activate('a')
      await store.signingKeys.activate('b')
      const keys = await store.signingKeys.list()
      expect(keys.filter((k) => k.active).map((k) => k.kid)).toEqual(['b'])
      expect(await store.signingKeys.swapPrivateJwk('a', 'v1.k1.a.b', 'v1.k2.c.d')).toBe(true)
    })

    it('rolls a transaction back when it throws', async () => {
      const id = newId('app')
      await expect(
        store.transaction(async (tx) => {
          await tx.hostApps.create({ id, name: 'tx', allowedOrigins: [], now: t0 })
          throw new Error('boom')
        }),
      ).rejects.toThrow('boom')
      expect(await store.hostApps.get(id)).toBeUndefined()
    })

    it('records audit events and answers pings', async () => {
      await store.audit.add({
        type: 'x.y',
        hostAppId: appId,
        connectionId: null,
        requestId: 'r1',
        data: { a: 1 },
        now: t0,
      })
      expect((await store.audit.list(1))[0]).toMatchObject({
        type: 'x.y',
        data: { a: 1 },
        requestId: 'r1',
      })
      await expect(store.ping()).resolves.toBeUndefined()
    })

    it("lists one connection's audit events, newest first, page by page", async () => {
      const mine = await store.connections.insert(connection())
      const other = await store.connections.insert(connection())
      for (const [i, id] of [mine.id, other.id, mine.id, mine.id].entries()) {
        await store.audit.add({
          type: 'user.suspend',
          hostAppId: appId,
          connectionId: id,
          requestId: `r${i}`,
          data: { i },
          now: at(i),
        })
      }
      const first = await store.audit.listForConnection(appId, mine.id, { limit: 2 })
      expect(first.map((e) => e.data.i)).toEqual([3, 2])
      expect(first[0]?.now).toEqual(at(3))
      const rest = await store.audit.listForConnection(appId, mine.id, {
        limit: 2,
        beforeId: first[1]?.id,
      })
      expect(rest.map((e) => e.data.i)).toEqual([0])
      expect(await store.audit.listForConnection('app_other', mine.id, { limit: 10 })).toEqual([])
    })

    it('marks unchanged sync records seen without rewriting them, and reads fingerprints alone', async () => {
      const row = await store.connections.insert(connection())
      const records = ['a', 'b', 'c'].map((id) => ({
        recordId: id,
        fingerprint: `fp-${id}`,
        snapshot: JSON.stringify({ id }),
      }))
      await store.changes.saveRecords(row.id, 'user', 1, records)
      expect(await store.changes.loadFingerprints(row.id, 'user', ['a', 'c', 'z'])).toEqual(
        new Map([
          ['a', 'fp-a'],
          ['c', 'fp-c'],
        ]),
      )
      await store.changes.markSeen(row.id, 'user', 2, ['a', 'b'])
      expect(
        (await store.changes.listUnseen(row.id, 'user', 2, 10)).map((r) => r.recordId),
      ).toEqual(['c'])
      expect(await store.changes.loadRecords(row.id, 'user', ['a'])).toEqual([records[0]])
    })

    it('claims each baselined connection for a change-hint check once per interval, even when raced', async () => {
      const baselined = await store.connections.insert(connection())
      const unsynced = await store.connections.insert(connection())
      const broken = await store.connections.insert(connection({ status: 'broken' }))
      for (const row of [baselined, broken]) {
        await store.changes.beginSync(row.id, at(0))
        await store.changes.finishSync({
          connectionId: row.id,
          now: at(1),
          baseline: true,
          error: null,
        })
      }
      await store.changes.beginSync(unsynced.id, at(0))
      const racing = await Promise.all(
        [1, 2, 3, 4].map(() => store.changes.claimHintChecks(at(2), 60, 10)),
      )
      expect(racing.flat()).toEqual([
        { id: baselined.id, hostAppId: appId, lastSyncStartedAt: at(0) },
      ])
      expect(await store.changes.claimHintChecks(at(2.5), 60, 10)).toEqual([])
      expect((await store.changes.claimHintChecks(at(3), 60, 10)).map((c) => c.id)).toEqual([
        baselined.id,
      ])
    })

    describe('idempotency keys', () => {
      const claimOf = (connectionId: string, key: string, hash = 'h1', now = t0) => ({
        connectionId,
        key,
        requestHash: hash,
        now,
        lockedUntil: new Date(now.getTime() + 60_000),
        expiredBefore: new Date(now.getTime() - 86_400_000),
      })

      it('claims a key once, reports it in progress, then replays the stored answer', async () => {
        const { id } = await store.connections.insert(connection())
        expect(await store.idempotency.claim(claimOf(id, 'k1'))).toEqual({ outcome: 'claimed' })
        expect(await store.idempotency.claim(claimOf(id, 'k1', 'h2'))).toEqual({
          outcome: 'in_progress',
          requestHash: 'h1',
        })
        await store.idempotency.complete({
          connectionId: id,
          key: 'k1',
          status: 201,
          body: '{"a":1}',
        })
        expect(await store.idempotency.claim(claimOf(id, 'k1', 'h1', at(60)))).toEqual({
          outcome: 'completed',
          requestHash: 'h1',
          status: 201,
          body: '{"a":1}',
        })
        // Keys belong to their connection.
        const other = await store.connections.insert(connection())
        expect(await store.idempotency.claim(claimOf(other.id, 'k1'))).toEqual({
          outcome: 'claimed',
        })
      })

      it('takes over a key after 24 hours, and a pending key whose lock lapsed', async () => {
        const { id } = await store.connections.insert(connection())
        await store.idempotency.claim(claimOf(id, 'old'))
        await store.idempotency.complete({ connectionId: id, key: 'old', status: 200, body: '{}' })
        expect(await store.idempotency.claim(claimOf(id, 'old', 'h1', at(24 * 60 + 1)))).toEqual({
          outcome: 'claimed',
        })
        await store.idempotency.claim(claimOf(id, 'stuck'))
        expect((await store.idempotency.claim(claimOf(id, 'stuck', 'h1', at(0.5)))).outcome).toBe(
          'in_progress',
        )
        expect(await store.idempotency.claim(claimOf(id, 'stuck', 'h1', at(2)))).toEqual({
          outcome: 'claimed',
        })
      })

      it('purges the keys past their 24 hours and keeps the younger ones', async () => {
        const { id } = await store.connections.insert(connection())
        await store.idempotency.claim(claimOf(id, 'day-old'))
        await store.idempotency.complete({
          connectionId: id,
          key: 'day-old',
          status: 200,
          body: '{}',
        })
        await store.idempotency.claim(claimOf(id, 'pending-day-old'))
        await store.idempotency.claim(claimOf(id, 'fresh', 'h1', at(60)))
        await store.idempotency.complete({
          connectionId: id,
          key: 'fresh',
          status: 201,
          body: '{}',
        })
        const dayLater = at(24 * 60 + 1)
        // This connection's two keys, and whatever earlier tests left at t0.
        expect(
          await store.idempotency.purgeExpired(new Date(dayLater.getTime() - 86_400_000)),
        ).toBeGreaterThanOrEqual(2)
        expect(
          await store.idempotency.purgeExpired(new Date(dayLater.getTime() - 86_400_000)),
        ).toBe(0)
        // The younger key still replays; a purged one is simply new again.
        expect((await store.idempotency.claim(claimOf(id, 'fresh', 'h1', at(61)))).outcome).toBe(
          'completed',
        )
        expect(await store.idempotency.claim(claimOf(id, 'day-old', 'h2', at(61)))).toEqual({
          outcome: 'claimed',
        })
        expect(
          (await store.idempotency.claim(claimOf(id, 'pending-day-old', 'h2', at(61)))).outcome,
        ).toBe('claimed')
      })

      it('gives a released key to the next request, but never releases a completed one', async () => {
        const { id } = await store.connections.insert(connection())
        await store.idempotency.claim(claimOf(id, 'r'))
        await store.idempotency.release({ connectionId: id, key: 'r' })
        expect(await store.idempotency.claim(claimOf(id, 'r'))).toEqual({ outcome: 'claimed' })
        await store.idempotency.complete({ connectionId: id, key: 'r', status: 200, body: '{}' })
        await store.idempotency.release({ connectionId: id, key: 'r' })
        expect((await store.idempotency.claim(claimOf(id, 'r'))).outcome).toBe('completed')
      })

      it('lets exactly one of many racing claims win', async () => {
        const { id } = await store.connections.insert(connection())
        for (let round = 0; round < 3; round++) {
          const outcomes = await Promise.all(
            Array.from({ length: 8 }, () => store.idempotency.claim(claimOf(id, `race-${round}`))),
          )
          expect(outcomes.filter((o) => o.outcome === 'claimed')).toHaveLength(1)
          expect(outcomes.filter((o) => o.outcome === 'in_progress')).toHaveLength(7)
        }
      })
    })
  })
}
