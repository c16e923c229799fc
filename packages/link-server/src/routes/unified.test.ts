import { createSandbox, SCENARIO_KEYS } from '@jumplink/sandbox'
import { UNIFIED_COLLECTIONS, type UnifiedCollectionName } from '@jumplink/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectError } from '../fixtures/flow'
import { createHarness, type Harness } from '../fixtures/harness'
import { connectWith } from '../fixtures/sandbox-connection'
import { DEFAULT_DIRECTORY_CONCURRENCY } from '../providers/provider'

/** The unified API over the sandbox's Acme Corp (250 users, 160 devices), in-process. */
let h: Harness
const sandbox = createSandbox()
const org = sandbox.organizations.single
let token: string
const upstream = { calls: 0, inFlight: 0, maxInFlight: 0 }

beforeAll(async () => {
  h = await createHarness({
    fetch: async (url, init) => {
      upstream.calls++
      upstream.inFlight++
      upstream.maxInFlight = Math.max(upstream.maxInFlight, upstream.inFlight)
      try {
        await new Promise((resolve) => setTimeout(resolve, 1))
        return await sandbox.app.request(url, init)
      } finally {
        upstream.inFlight--
      }
    },
  })
  ;({ token } = await connectWith(h, SCENARIO_KEYS.single, org.id))
})
afterAll(() => h.close())

interface Page<T = Record<string, unknown>> {
  result: T[]
  next_cursor: string | null
  total?: number
  warnings?: unknown[]
}

async function get<T = Page>(path: string, as = token): Promise<T> {
  const res = await h.call('GET', path, { token: as })
  expect(res.status, `${path}: ${res.status}`).toBe(200)
  return (await res.json()) as T
}

/** Every record of a list, page by page, following next_cursor. */
async function pageThrough(path: string, limit: number) {
  const records: Record<string, unknown>[] = []
  let cursor: string | null = null
  let total: number | undefined
  let pages = 0
  do {
    const sep = path.includes('?') ? '&' : '?'
    const page: Page = await get(
      `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    )
    records.push(...page.result)
    total ??= page.total
    cursor = page.next_cursor
    pages++
  } while (cursor)
  return { records, total, pages }
}

const U = (name: UnifiedCollectionName) => UNIFIED_COLLECTIONS[name].path

describe('paging', () => {
  it('pages through every user exactly once and the total matches', async () => {
    const { records, total, pages } = await pageThrough(U('users'), 60)
    expect(total).toBe(org.data.users.length)
    expect(pages).toBe(Math.ceil(org.data.users.length / 60))
    expect(new Set(records.map((r) => r.id)).size).toBe(org.data.users.length)
  })

  it('serves a page of up to 1,000 from concurrent upstream pages within the default cap', async () => {
    upstream.maxInFlight = 0
    const page: Page = await get(`${U('devices')}?limit=1000&expand=users,groups`)
    expect(page.result).toHaveLength(org.data.systems.length)
    expect(page.next_cursor).toBeNull()
    expect(upstream.maxInFlight).toBe(DEFAULT_DIRECTORY_CONCURRENCY)
  })

  it('rejects a cursor replayed with other filters, on another collection, or edited', async () => {
    const first: Page = await get(`${U('users')}?limit=10&status=active`)
    const cursor = first.next_cursor ?? ''
    expect(cursor).not.toBe('')
    const again = await get<Page>(`${U('users')}?limit=10&status=active&cursor=${cursor}`)
    expect(again.result[0]?.id).not.toBe(first.result[0]?.id)

    const call = (path: string) => h.call('GET', path, { token })
    await expectError(
      await call(`${U('users')}?status=inactive&cursor=${cursor}`),
      'invalid_cursor',
    )
    await expectError(
      await call(`${U('employees')}?status=active&cursor=${cursor}`),
      'invalid_cursor',
    )
    const body = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { p: number }
    const edited = Buffer.from(JSON.stringify({ ...body, p: body.p + 5 })).toString('base64url')
    await expectError(await call(`${U('users')}?status=active&cursor=${edited}`), 'invalid_cursor')
    await expectError(await call(`${U('users')}?status=active&cursor=garbage!`), 'invalid_cursor')
  })

  it('answers unsupported_filter for a filter the collection does not declare', async () => {
    await expectError(
      await h.call('GET', `${U('groups')}?status=active`, { token }),
      'unsupported_filter',
    )
    await expectError(await h.call('GET', `${U('users')}?limit=1001`, { token }), 'invalid_request')
  })
})

describe('filters', () => {
  const users = org.data.users

  it('filters users by status, email, created_after and group', async () => {
    // Shown inactive: `state: SUSPENDED`, or an older record without `state` that is suspended.
    const suspended = users.filter(
      (u) => (u.state ?? (u.suspended ? 'SUSPENDED' : '')) === 'SUSPENDED',
    )
    const inactive = await pageThrough(`${U('users')}?status=inactive`, 100)
    expect(inactive.records.map((r) => r.id).sort()).toEqual(suspended.map((u) => u._id).sort())
    for (const r of inactive.records) expect(r.status).toBe('inactive')

    const someone = users[7]
    const byEmail: Page = await get(
      `${U('users')}?email=${encodeURIComponent(someone?.email.toUpperCase() ?? '')}`,
    )
    expect(byEmail.result.map((r) => r.id)).toEqual([someone?._id])

    const cutoff = [...users].sort((a, b) => a.created.localeCompare(b.created))[200]?.created ?? ''
    const recent = await pageThrough(`${U('users')}?created_after=${cutoff}`, 100)
    expect(recent.records.length).toBe(users.filter((u) => u.created > cutoff).length)
    for (const r of recent.records) expect(String(r.created_at) > cutoff).toBe(true)

    const groups: Page = await get(`${U('groups')}?limit=100&expand=member_count`)
    const group = groups.result.find((g) => Number(g.member_count) > 3)
    const members = await pageThrough(`${U('users')}?group_id=${group?.id}`, 100)
    expect(members.records.length).toBe(group?.member_count)
    const memberList = await pageThrough(
      `/v1/unified/user-directory/groups/${group?.id}/members`,
      100,
    )
    expect(new Set(memberList.records.map((m) => (m.user as { id: string }).id))).toEqual(
      new Set(members.records.map((r) => r.id)),
    )
    const none = await get<Page>(`${U('users')}?group_id=000000000000000000000000`)
    expect(none.result).toEqual([])
  })

  it('filters devices by platform, status, user and group', async () => {
    const macs = await pageThrough(`${U('devices')}?platform=macos`, 200)
    expect(macs.records.length).toBe(org.data.systems.filter((s) => s.osFamily === 'darwin').length)
    for (const d of macs.records) expect(d.platform).toBe('macos')
    const ipads = await pageThrough(`${U('devices')}?platform=ipados`, 200)
    for (const d of ipads.records) expect(d.platform).toBe('ipados')

    const inactive = await pageThrough(`${U('devices')}?status=inactive`, 200)
    expect(inactive.records.length).toBe(org.data.systems.filter((s) => !s.active).length)
    for (const d of inactive.records) expect(d.is_active).toBe(false)

    const owned = org.data.systems.find((s) => s.primarySystemUser?.id)
    const ownerId = owned?.primarySystemUser?.id ?? ''
    const ofUser = await pageThrough(`${U('devices')}?user_id=${ownerId}&expand=users`, 100)
    expect(ofUser.records.map((d) => d.id)).toContain(owned?._id)
    for (const d of ofUser.records) {
      expect((d.users as { id: string }[]).map((u) => u.id)).toContain(ownerId)
    }

    const deviceGroups: Page = await get(U('deviceGroups'))
    const group = deviceGroups.result[0]
    const inGroup = await pageThrough(`${U('devices')}?group_id=${group?.id}&expand=groups`, 100)
    expect(inGroup.records.length).toBeGreaterThan(0)
    for (const d of inGroup.records) {
      expect((d.groups as { id: string }[]).map((g) => g.id)).toContain(group?.id)
    }
  })

  it('filters installed apps by device and platform, and events by type and user', async () => {
    const device = org.data.systems.find((s) => s.osFamily === 'windows')
    const apps = await pageThrough(`${U('installedApps')}?device_id=${device?._id}`, 100)
    expect(apps.records.length).toBeGreaterThan(0)
    for (const a of apps.records) {
      expect(a.device).toEqual({ id: device?._id })
      expect(a.source_table).toBe('programs')
    }
    const linux: Page = await get(`${U('installedApps')}?platform=macos&limit=50`)
    for (const a of linux.result) expect(a.platform).toBe('macos')

    const logins = await pageThrough(`${U('events')}?type=user_login_attempt`, 200)
    expect(logins.records.length).toBeGreaterThan(0)
    for (const e of logins.records) expect(e.type).toBe('user_login_attempt')
    const times = logins.records.map((e) => String(e.occurred_at))
    expect(times).toEqual([...times].sort().reverse())
    const since = Date.now() - 86_400_000 - 60_000
    for (const t of times) expect(Date.parse(t)).toBeGreaterThan(since)

    const actor = (logins.records[0]?.actor as { id: string } | undefined)?.id ?? ''
    const mine = await pageThrough(
      `${U('events')}?user_id=${actor}&occurred_after=${new Date(Date.now() - 7 * 86_400_000).toISOString()}`,
      100,
    )
    expect(mine.records.length).toBeGreaterThan(0)
    for (const e of mine.records) {
      expect([
        (e.actor as { id: string } | null)?.id,
        (e.target as { id: string } | null)?.id,
      ]).toContain(actor)
    }
  })
})

describe('records', () => {
  it('answers GET /:id for every collection that has one, and resource_not_found otherwise', async () => {
    for (const [name, collection] of Object.entries(UNIFIED_COLLECTIONS)) {
      if (!('getQuery' in collection)) continue
      const page: Page = await get(`${collection.path}?limit=1`)
      const first = page.result[0] as { id: string }
      expect(first, name).toBeDefined()
      const one = await get<{ id: string }>(`${collection.path}/${encodeURIComponent(first.id)}`)
      expect(one, name).toEqual(first)
      await expectError(
        await h.call('GET', `${collection.path}/000000000000000000000000`, { token }),
        'resource_not_found',
      )
    }
  })

  it('adds the raw record without secrets with include_remote_data', async () => {
    const withKey = org.data.users.find((u) => u.ssh_keys.length > 0 || u.public_key)
    const user = await get<{ remote_data: Record<string, unknown> }>(
      `${U('users')}/${withKey?._id ?? org.data.users[0]?._id}?include_remote_data=true`,
    )
    expect(user.remote_data.username).toBeDefined()
    for (const secret of ['public_key', 'ssh_keys', 'recoveryEmail', 'password']) {
      expect(user.remote_data).not.toHaveProperty(secret)
    }
    // Facts about a password are not secret (issue 19): they stay.
    expect(user.remote_data).toHaveProperty('passwordless_sudo')
    const device = await get<{ remote_data: { system: object; insights: object } }>(
      `${U('devices')}/${org.data.systems[0]?._id}?include_remote_data=true`,
    )
    expect(Object.keys(device.remote_data)).toEqual(['system', 'insights'])
    const plain = await get<object>(`${U('users')}/${org.data.users[0]?._id}`)
    expect(plain).not.toHaveProperty('remote_data')
  })

  it('expands groups and last login on users, last use on applications and assignments', async () => {
    const page: Page = await get(`${U('users')}?limit=20&expand=groups,last_login`)
    expect(page.result.some((u) => (u.groups as unknown[]).length > 0)).toBe(true)
    expect(page.result.some((u) => typeof u.last_login_at === 'string')).toBe(true)
    for (const u of page.result) expect(u).toHaveProperty('last_login_at')

    const apps: Page = await get(`${U('applications')}?expand=last_used`)
    expect(apps.result.some((a) => typeof a.last_used_at === 'string')).toBe(true)
    const app = apps.result.find((a) => typeof a.last_used_at === 'string')
    const assignments = await pageThrough(
      `/v1/unified/sso/applications/${app?.id}/assignments?expand=last_used`,
      100,
    )
    expect(assignments.records.length).toBeGreaterThan(0)
    for (const a of assignments.records) expect(a).toHaveProperty('last_used_at')
    const userId = (assignments.records[0]?.user as { id: string } | undefined)?.id ?? ''
    const one: Page = await get(
      `/v1/unified/sso/applications/${app?.id}/assignments?user_id=${userId}`,
    )
    expect(one.result.map((a) => (a.user as { id: string }).id)).toEqual([userId])
  })

  it('carries posture on devices: platform, OS, encryption, firewall and antivirus', async () => {
    const { records } = await pageThrough(U('devices'), 200)
    const windows = records.filter((d) => d.platform === 'windows')
    const macs = records.filter((d) => d.platform === 'macos')
    expect(windows.length).toBeGreaterThan(0)
    expect(macs.some((d) => typeof d.firewall_enabled === 'boolean')).toBe(true)
    expect(windows.some((d) => (d.antivirus as { products: string[] }).products.length > 0)).toBe(
      true,
    )
    for (const d of [...windows, ...macs]) {
      expect(d.os_version).not.toBeNull()
      expect(typeof (d.disk_encryption as { enabled: unknown }).enabled).toBe('boolean')
    }
  })
})

describe('a key the directory starts rejecting', () => {
  it('turns the connection broken with invalid_api_key, on unified calls and the proxy', async () => {
    // The MSP key: rotating it leaves the rest of this file's connection alone.
    const mspOrg = sandbox.organizations.msp[0]?.id ?? ''
    const { connectionId, token: t } = await connectWith(h, SCENARIO_KEYS.msp, mspOrg)
    expect((await h.call('GET', `${U('users')}?limit=1`, { token: t })).status).toBe(200)
    sandbox.rotateKey(SCENARIO_KEYS.msp)
    const error = await expectError(
      await h.call('GET', `${U('users')}?limit=1`, { token: t }),
      'invalid_api_key',
    )
    expect(error.retryable).toBe(false)
    const connection = await h.call('GET', `/v1/connections/${connectionId}`, { token: h.secret })
    expect(await connection.json()).toMatchObject({
      status: 'broken',
      status_reason: 'invalid_api_key',
    })
    await expectError(
      await h.call('GET', '/v1/proxy/api/systemusers?limit=1', { token: t }),
      'invalid_api_key',
    )
    const broken = (await h.store.audit.list(100)).filter(
      (e) => e.type === 'connection.broken' && e.connectionId === connectionId,
    )
    expect(broken).toHaveLength(1)
  })
})

describe('OpenAPI', () => {
  it('lists every unified route with its query parameters', async () => {
    const doc = (await (await h.call('GET', '/openapi.json')).json()) as {
      paths: Record<string, { get?: { parameters?: { name: string }[] } }>
    }
    for (const collection of Object.values(UNIFIED_COLLECTIONS)) {
      const path = collection.path.replace(/:(\w+)/g, '{$1}')
      const names = doc.paths[path]?.get?.parameters?.map((p) => p.name) ?? []
      expect(names, path).toEqual(expect.arrayContaining(['limit', 'cursor']))
      if ('getQuery' in collection) expect(doc.paths[`${path}/{id}`]?.get, path).toBeDefined()
    }
  })
})
