import { createSandbox, SCENARIO_KEYS } from '@jumplink/sandbox'
import type { UnifiedCollectionName } from '@jumplink/shared'
import { describe, expect, it } from 'vitest'
import type { DirectorySession, UnifiedListRequest } from '../../provider'
import { createJumpcloudHttp } from '../http'
import { platformOf } from '../mappers/device'
import { createDirectoryReader } from './index'

// created_after, updated_after and platform=unknown without the v1 `$gt`/`$nin` the V1 spec
// does not document (issue 19 item 9): against the sandbox, which refuses those with a 400.

const sandbox = createSandbox({
  seed: 91,
  now: '2025-06-02T00:00:00.000Z',
  sizes: { single: { users: 230, devices: 140 } },
})
const org = sandbox.organizations.single
const calls: string[] = []
const http = createJumpcloudHttp({
  baseUrl: 'http://sandbox.test',
  fetch: (url, init) => {
    const parsed = new URL(url)
    calls.push(`${init.method ?? 'GET'} ${parsed.pathname}${parsed.search}`)
    return Promise.resolve(sandbox.app.request(url, init))
  },
  maxRetries: 0,
})
const reader = createDirectoryReader(http)
let connection = 0
const session = (): DirectorySession => ({
  connectionId: `conn_${++connection}`,
  credential: SCENARIO_KEYS.single,
  region: 'us',
  organizationId: org.id,
})

interface Listed {
  ids: string[]
  pages: number
  totals: (number | undefined)[]
}

/** Every page of a list, as a client follows its cursor; `between` runs after each page. */
async function listAll(
  collection: UnifiedCollectionName,
  filters: Record<string, unknown>,
  limit: number,
  between?: (page: number, idsSoFar: readonly string[]) => Promise<void>,
): Promise<Listed> {
  const s = session()
  const listed: Listed = { ids: [], pages: 0, totals: [] }
  let position: unknown
  for (;;) {
    const request: UnifiedListRequest = {
      collection,
      filters,
      limit,
      position,
      expand: [],
      includeRemoteData: false,
    }
    const page = await reader.list(s, request)
    listed.pages++
    listed.totals.push(page.total)
    listed.ids.push(...(page.result as { id: string }[]).map((r) => r.id))
    if (page.next === null) return listed
    position = page.next
    await between?.(listed.pages, listed.ids)
    if (listed.pages > 50) throw new Error('did not reach the end')
  }
}

/** The `created` that leaves `count` records after it. */
function cutoffLeaving(records: readonly { created: string }[], count: number): string {
  const sorted = records.map((r) => r.created).sort()
  return sorted[sorted.length - count - 1] ?? ''
}

const sentUndocumented = () => calls.filter((c) => /\$(gt|gte|lt|lte|ne|in|nin):/.test(c))

describe('created_after: newest first by the documented sort, to the first older record', () => {
  it('users: exactly those created after, each once, newest first, with the total at the end', async () => {
    const cutoff = cutoffLeaving(org.data.users, 130)
    calls.length = 0
    const listed = await listAll('users', { created_after: cutoff }, 50)
    const expected = org.data.users
      .filter((u) => u.created > cutoff)
      .sort((a, b) => b.created.localeCompare(a.created) || a._id.localeCompare(b._id))
      .map((u) => u._id)
    expect(listed.ids).toEqual(expected)
    expect(listed.pages).toBe(3)
    expect(listed.totals).toEqual([undefined, undefined, 130])
    expect(sentUndocumented()).toEqual([])
    expect(
      calls.every((c) => !c.startsWith('GET /api/systemusers') || c.includes('sort=-created+_id')),
    ).toBe(true)
  })

  it('a recent cutoff costs one upstream call and gives the total at once', async () => {
    const cutoff = cutoffLeaving(org.data.users, 7)
    calls.length = 0
    const page = await reader.list(session(), {
      collection: 'users',
      filters: { created_after: cutoff },
      limit: 1000,
      expand: [],
      includeRemoteData: false,
    })
    expect(page.result).toHaveLength(7)
    expect(page.total).toBe(7)
    expect(page.next).toBeNull()
    expect(calls.filter((c) => c.startsWith('GET /api/systemusers'))).toHaveLength(1)
  })

  it('users created while a client pages (put first by JumpCloud) do not repeat others', async () => {
    const cutoff = cutoffLeaving(org.data.users, 90)
    const before = new Set(org.data.users.filter((u) => u.created > cutoff).map((u) => u._id))
    let added = 0
    const listed = await listAll('users', { created_after: cutoff }, 20, async () => {
      const res = await sandbox.app.request('/api/systemusers', {
        method: 'POST',
        headers: { 'x-api-key': SCENARIO_KEYS.single, 'content-type': 'application/json' },
        body: JSON.stringify({ username: `late${added}`, email: `late${added++}@acme.example` }),
      })
      expect(res.status).toBe(200)
    })
    expect(added).toBeGreaterThan(2)
    expect(new Set(listed.ids).size).toBe(listed.ids.length)
    for (const id of before) expect(listed.ids).toContain(id)
  })

  it('users deleted while a client pages (moving the rest up) make it skip no one', async () => {
    const cutoff = cutoffLeaving(org.data.users, 80)
    const deleted = new Set<string>()
    const expected = org.data.users.filter((u) => u.created > cutoff).map((u) => u._id)
    const listed = await listAll('users', { created_after: cutoff }, 15, async (_, ids) => {
      // Two users this client was already given go, so the rest move up two places.
      for (const id of ids.filter((i) => !deleted.has(i)).slice(-2)) {
        const res = await sandbox.app.request(`/api/systemusers/${id}?cascade_manager=null`, {
          method: 'DELETE',
          headers: { 'x-api-key': SCENARIO_KEYS.single },
        })
        expect(res.status).toBe(200)
        deleted.add(id)
      }
    })
    expect(deleted.size).toBeGreaterThan(4)
    expect(new Set(listed.ids).size).toBe(listed.ids.length)
    expect([...listed.ids].sort()).toEqual([...expected].sort())
  })

  it('combines with a status matched here (older records) and with the exact ones sent', async () => {
    const cutoff = cutoffLeaving(org.data.users, 150)
    const shown = (u: (typeof org.data.users)[number]) =>
      u.state ?? (u.suspended ? 'SUSPENDED' : 'ACTIVATED')
    const active = await listAll('users', { created_after: cutoff, status: 'active' }, 40)
    expect([...active.ids].sort()).toEqual(
      org.data.users
        .filter((u) => u.created > cutoff && shown(u) === 'ACTIVATED')
        .map((u) => u._id)
        .sort(),
    )
    const invited = await listAll('users', { created_after: cutoff, status: 'invited' }, 40)
    expect([...invited.ids].sort()).toEqual(
      org.data.users
        .filter((u) => u.created > cutoff && u.state === 'STAGED')
        .map((u) => u._id)
        .sort(),
    )
    expect(invited.totals.at(-1)).toBe(invited.ids.length)
  })

  it('devices and applications the same way', async () => {
    const cutoff = cutoffLeaving(org.data.systems, 60)
    calls.length = 0
    const devices = await listAll('devices', { created_after: cutoff }, 25)
    expect([...devices.ids].sort()).toEqual(
      org.data.systems
        .filter((s) => s.created > cutoff)
        .map((s) => s._id)
        .sort(),
    )
    expect(devices.totals.at(-1)).toBe(60)
    const appCutoff = cutoffLeaving(org.data.applications, 4)
    const apps = await listAll('applications', { created_after: appCutoff }, 2)
    expect(apps.ids).toHaveLength(4)
    expect(sentUndocumented()).toEqual([])
  })
})

describe('updated_after and platform=unknown: read by id order, checked here', () => {
  it('devices last seen after a time: exactly those, each once, and exact filters still sent', async () => {
    const seen = org.data.systems.flatMap((s) => (s.lastContact ? [s.lastContact] : [])).sort()
    const cutoff = seen[Math.floor(seen.length / 2)] ?? ''
    calls.length = 0
    const listed = await listAll('devices', { updated_after: cutoff, status: 'active' }, 30)
    const expected = org.data.systems
      .filter((s) => s.lastContact !== null && s.lastContact > cutoff && s.active)
      .map((s) => s._id)
      .sort()
    expect(expected.length).toBeGreaterThan(30)
    // More than a page matches: read by id from the start, after one page newest first.
    expect(listed.ids).toEqual(expected)
    expect(calls.some((c) => c.includes('sort=-lastContact+_id'))).toBe(true)
    expect(calls.some((c) => c.includes('sort=_id'))).toBe(true)
    expect(new Set(listed.ids).size).toBe(listed.ids.length)
    expect(sentUndocumented()).toEqual([])
    expect(calls.some((c) => c.includes('filter=active%3A%24eq%3Atrue'))).toBe(true)
  })

  it('a recent updated_after is one call, newest contact first, with its total', async () => {
    const seen = org.data.systems.flatMap((s) => (s.lastContact ? [s.lastContact] : [])).sort()
    const cutoff = seen[seen.length - 8] ?? ''
    calls.length = 0
    const listed = await listAll('devices', { updated_after: cutoff }, 100)
    expect([...listed.ids].sort()).toEqual(
      org.data.systems
        .filter((s) => s.lastContact !== null && s.lastContact > cutoff)
        .map((s) => s._id)
        .sort(),
    )
    expect(listed.ids).toHaveLength(7)
    expect(listed.totals).toEqual([7])
    const reads = calls.filter((c) => c.startsWith('GET /api/systems?'))
    expect(reads).toHaveLength(1)
    expect(reads[0]).toContain('sort=-lastContact+_id')
  })

  it('platform=unknown finds every device shown with platform unknown', async () => {
    // Enrolled by agents JumpCloud has no family for, and one it names only by `os`.
    const odd = [
      { osFamily: 'freebsd', os: 'FreeBSD' },
      { osFamily: '', os: '' },
      { osFamily: '', os: 'Ubuntu' },
    ]
    for (const shape of odd) Object.assign(sandbox.addDevice({ platform: 'linux' }), shape)
    const all = await listAll('devices', {}, 100)
    calls.length = 0
    const unknown = await listAll('devices', { platform: 'unknown' }, 100)
    const expected = org.data.systems
      .filter((s) => platformOf(s.osFamily, s.os) === 'unknown')
      .map((s) => s._id)
      .sort()
    expect(expected).toHaveLength(2)
    expect(unknown.ids).toEqual(expected)
    expect(all.ids.length).toBeGreaterThan(unknown.ids.length)
    const linux = await listAll('devices', { platform: 'linux' }, 100)
    expect(linux.ids).not.toContain(unknown.ids[0])
    expect(sentUndocumented()).toEqual([])
  })

  it('refuses a position it did not issue', async () => {
    await expect(
      reader.list(session(), {
        collection: 'devices',
        filters: { updated_after: '2025-01-01T00:00:00Z' },
        limit: 10,
        position: 40,
        expand: [],
        includeRemoteData: false,
      }),
    ).rejects.toMatchObject({ code: 'invalid_cursor' })
  })
})
