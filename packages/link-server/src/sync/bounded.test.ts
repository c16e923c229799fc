import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createVault } from '../crypto/vault'
import { connect } from '../fixtures/flow'
import { createHarness, type Harness } from '../fixtures/harness'
import type { DirectoryProvider, DirectoryReader, UnifiedListRequest } from '../providers/provider'
import type { Store } from '../storage/store'
import { syncConnection } from './run-sync'

/**
 * A sync holds one page at a time: a directory of USERS people, every one of them changed
 * between two syncs, is read, compared and handed on page by page, never as a whole.
 */
const USERS = 3500
const PAGE = 1000
let h: Harness
let connectionId: string
let title = 'First'
const trace: string[] = []

/** A directory whose users are made as they are read (no whole copy here either). */
const reader: DirectoryReader = {
  async list(_session, request: UnifiedListRequest) {
    if (request.collection !== 'users') return { result: [], next: null }
    const from = Number(request.position ?? 0)
    const to = Math.min(USERS, from + request.limit)
    trace.push(`read users ${from}`)
    const result = []
    for (let i = from; i < to; i++)
      result.push({ id: `u${String(i).padStart(5, '0')}`, status: 'active', title })
    return { result, next: to < USERS ? to : null }
  },
  get: async () => ({}),
  proxy: async () => new Response(null),
}

beforeAll(async () => {
  h = await createHarness()
  ;({ connectionId } = await connect(h))
})
afterAll(() => h.close())

describe('a sync of a large directory', () => {
  it('compares and hands on events page by page, never the whole directory', async () => {
    const connection = await h.store.connections.get(h.hostAppId, connectionId)
    if (!connection) throw new Error('connection')
    const base = h.providers.get(connection.provider) as DirectoryProvider
    const largestLookup = { ids: 0 }
    const store: Store = {
      ...h.store,
      changes: {
        ...h.store.changes,
        loadRecords: (id, kind, ids) => {
          largestLookup.ids = Math.max(largestLookup.ids, ids.length)
          return h.store.changes.loadRecords(id, kind, ids)
        },
        loadFingerprints: (id, kind, ids) => {
          largestLookup.ids = Math.max(largestLookup.ids, ids.length)
          return h.store.changes.loadFingerprints(id, kind, ids)
        },
      },
    }
    const batches: number[] = []
    const deps = {
      store,
      vault: await createVault({ keys: [h.masterKey], activeKeyId: h.masterKey.id }),
      providers: new Map([[connection.provider, { ...base, reader }]]),
      logger: pino({ level: 'silent' }),
      now: () => new Date(),
      onEvents: async (events: { type: string }[]) => {
        batches.push(events.length)
        trace.push(`events ${events.length}`)
      },
    }
    const target = { hostAppId: h.hostAppId, connectionId }
    expect(await syncConnection(deps, target)).toEqual({ status: 'baseline', records: USERS })

    title = 'Second'
    trace.length = 0
    batches.length = 0
    expect(await syncConnection(deps, target)).toEqual({
      status: 'synced',
      events: USERS,
      records: USERS,
    })
    // Every user changed; each page's events left before a second page ahead was read.
    expect(batches).toEqual([1000, 1000, 1000, 500])
    // The next page is read while one is compared (one page ahead, never more).
    expect(trace).toEqual([
      'read users 0',
      'read users 1000',
      'events 1000',
      'read users 2000',
      'events 1000',
      'read users 3000',
      'events 1000',
      'events 500',
    ])
    expect(largestLookup.ids).toBe(PAGE)
    const events = await h.store.changes.listEvents(connectionId, { afterId: 0, limit: 6 })
    expect(events.map((e) => e.type)).toEqual([
      'connection.created',
      'connection.synced',
      'user.updated',
      'user.updated',
      'user.updated',
      'user.updated',
    ])
    expect(events[2]?.data.changes).toEqual([{ field: 'title', from: 'First', to: 'Second' }])
  })
})
