import type { AddressInfo } from 'node:net'
import { createSandbox, SCENARIO_KEYS } from '@jumplink/sandbox'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createHarness, type Harness } from '../fixtures/harness'
import { connectWith } from '../fixtures/sandbox-connection'
import { listenWithCatalogErrors } from '../http/client-error'
import { DEFAULT_DIRECTORY_CONCURRENCY } from '../providers/provider'

/** Large pages of users (the sandbox's 10,000-user organization), written as they are mapped. */
let h: Harness
const sandbox = createSandbox()
const org = sandbox.organizations.large
let token: string
/** Which upstream page fails (its `skip`), for the failure tests. */
let failingSkip: string | null = null
/** Which upstream page of devices fails (its `skip`). */
let failingDevicesSkip: string | null = null
/** Which upstream page of user groups fails (its `skip`). */
let failingGroupsSkip: string | null = null
/** Any other call that fails, with its status. */
let failWhen: ((pathname: string) => number | undefined) | undefined
/** The status the failing page answers with. */
let failingStatus = 400
/** Every systemusers call, with the number of the request that was being answered. */
const calls: { skip: number; during: number }[] = []
let during = 0
const upstream = { inFlight: 0, maxInFlight: 0 }

beforeAll(async () => {
  h = await createHarness({
    fetch: async (url, init) => {
      const { pathname, searchParams } = new URL(url)
      const users = pathname === '/api/systemusers'
      if (users) calls.push({ skip: Number(searchParams.get('skip')), during })
      upstream.inFlight++
      upstream.maxInFlight = Math.max(upstream.maxInFlight, upstream.inFlight)
      try {
        await new Promise((resolve) => setTimeout(resolve, 1))
        if (users && searchParams.get('skip') === failingSkip) {
          return new Response('{}', { status: failingStatus })
        }
        if (pathname === '/api/systems' && searchParams.get('skip') === failingDevicesSkip) {
          return new Response('{}', { status: 400 })
        }
        if (pathname === '/api/v2/usergroups' && searchParams.get('skip') === failingGroupsSkip) {
          return new Response('{}', { status: 400 })
        }
        const status = failWhen?.(pathname)
        if (status !== undefined) return new Response('{}', { status })
        return await sandbox.app.request(url, init)
      } finally {
        upstream.inFlight--
      }
    },
  })
  ;({ token } = await connectWith(h, SCENARIO_KEYS.large, org.id))
})
afterAll(() => h.close())

const USERS = '/v1/unified/user-directory/users'

async function chunksOf(res: Response): Promise<string[]> {
  const decoder = new TextDecoder()
  const chunks: string[] = []
  for await (const chunk of res.body as ReadableStream<Uint8Array>) {
    chunks.push(decoder.decode(chunk))
  }
  return chunks
}

/**
 * The records of `pages` pages of 100 read one after another by cursor, each written whole
 * (one chunk): what a streamed page of `pages × 100` must equal, byte for byte.
 */
async function recordsOfPagesOf100(path: string, pages: number): Promise<unknown[]> {
  const records: unknown[] = []
  let cursor: string | null = null
  for (let i = 0; i < pages; i++) {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
    const small = await h.call('GET', `${path}${query}`, { token })
    expect(await chunksOf(small.clone())).toHaveLength(1)
    const body = (await small.json()) as { result: unknown[]; next_cursor: string | null }
    records.push(...body.result)
    cursor = body.next_cursor
  }
  return records
}

/**
 * A page of 1000 read from `url`: answered 200 in more than five chunks that join into exactly
 * the JSON of the page they parse to, with its 1000 records.
 */
async function streamedPageOf1000(url: string) {
  const res = await h.call('GET', url, { token })
  expect(res.status).toBe(200)
  const chunks = await chunksOf(res)
  expect(chunks.length).toBeGreaterThan(5)
  const text = chunks.join('')
  const page = JSON.parse(text) as { result: { id: string }[]; total: number }
  expect(text).toBe(JSON.stringify(page))
  expect(page.result).toHaveLength(1000)
  return page
}

describe('a large unified page', () => {
  it('arrives in several chunks, as the same JSON a whole page would be', async () => {
    const res = await h.call('GET', `${USERS}?limit=1000`, { token })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('cache-control')).toBe('no-store')
    // Framing is the HTTP layer's: Node chunks a body without a length on HTTP/1.1, and
    // HTTP/2 forbids the header.
    expect(res.headers.get('transfer-encoding')).toBeNull()
    const chunks = await chunksOf(res)
    expect(chunks.length).toBeGreaterThan(5)
    const text = chunks.join('')
    const page = JSON.parse(text) as {
      result: { id: string }[]
      next_cursor: string
      total: number
    }
    expect(text).toBe(JSON.stringify(page))
    expect(Object.keys(page)).toEqual(['result', 'next_cursor', 'total'])
    expect(page.result).toHaveLength(1000)
    expect(page.total).toBe(10_000)
    const small = await h.call('GET', `${USERS}?limit=100`, { token })
    const first = (await small.json()) as { result: { id: string }[] }
    expect(page.result.slice(0, 100)).toEqual(first.result)
    expect(new Set(page.result.map((u) => u.id)).size).toBe(1000)
  })

  it('writes a page of 100 whole', async () => {
    const res = await h.call('GET', `${USERS}?limit=100`, { token })
    expect(res.headers.get('transfer-encoding')).toBeNull()
    expect(await chunksOf(res)).toHaveLength(1)
  })

  it('answers the catalog error when the first upstream page fails', async () => {
    failingSkip = '0'
    try {
      const res = await h.call('GET', `${USERS}?limit=1000`, { token })
      // The directory's 400 is the catalog's provider_unavailable (502), not an internal_error.
      expect(res.status).toBe(502)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        'provider_unavailable',
      )
    } finally {
      failingSkip = null
    }
  })

  it('breaks the body when a later upstream page fails, never a shorter valid page', async () => {
    failingSkip = '500'
    const server = listenWithCatalogErrors({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' })
    try {
      // In process: the body errors.
      const res = await h.call('GET', `${USERS}?limit=1000`, { token })
      expect(res.status).toBe(200)
      await expect(res.text()).rejects.toThrow()
      // Over a socket: the connection is destroyed, so the client's read fails.
      if (!server.listening) await new Promise((resolve) => server.once('listening', resolve))
      const { port } = server.address() as AddressInfo
      const remote = await fetch(`http://127.0.0.1:${port}${USERS}?limit=1000`, {
        headers: { authorization: `Bearer ${token}` },
      })
      expect(remote.status).toBe(200)
      await expect(remote.text()).rejects.toThrow()
      expect(h.logs.some((line) => line.includes('broke off'))).toBe(true)
    } finally {
      failingSkip = null
      await new Promise((resolve) => server.close(resolve))
    }
  })
})

describe('a large page of devices', () => {
  const DEVICES = '/v1/unified/mdm/devices'

  it('arrives in several chunks, the records those of ten pages of 100', async () => {
    const page = await streamedPageOf1000(`${DEVICES}?limit=1000`)
    expect(Object.keys(page)).toEqual(['result', 'next_cursor', 'total'])
    expect(page.total).toBe(5_000)
    // The same records, in the same order and bytes, as pages of 100 (each written whole).
    const pieces = await recordsOfPagesOf100(`${DEVICES}?limit=100`, 10)
    expect(JSON.stringify(page.result)).toBe(JSON.stringify(pieces))
  })

  it('streams with users and groups expanded, from the connection indexes', async () => {
    const expand = 'expand=users,groups'
    const res = await h.call('GET', `${DEVICES}?limit=300&${expand}`, { token })
    const chunks = await chunksOf(res)
    expect(chunks.length).toBeGreaterThan(1)
    const page = JSON.parse(chunks.join('')) as {
      result: { users: unknown[]; groups: unknown[] }[]
    }
    expect(page.result).toHaveLength(300)
    expect(page.result.some((d) => d.users.length > 0)).toBe(true)
    expect(page.result.some((d) => d.groups.length > 0)).toBe(true)
    const pieces = await recordsOfPagesOf100(`${DEVICES}?limit=100&${expand}`, 3)
    expect(JSON.stringify(page.result)).toBe(JSON.stringify(pieces))
  })

  it('gives a warning once, however many of its upstream pages saw it', async () => {
    failWhen = (pathname) =>
      pathname.startsWith('/api/v2/applemdms')
        ? 403
        : pathname === '/api/v2/systeminsights/os_version'
          ? 400
          : undefined
    try {
      // A new connection: the first's Apple MDM index is kept from the tests above.
      const fresh = await connectWith(h, SCENARIO_KEYS.large, org.id)
      const res = await h.call('GET', `${DEVICES}?limit=1000`, { token: fresh.token })
      const chunks = await chunksOf(res)
      expect(chunks.length).toBeGreaterThan(5)
      const page = JSON.parse(chunks.join('')) as {
        result: unknown[]
        warnings: { code: string; message: string }[]
      }
      expect(page.result).toHaveLength(1000)
      expect(page.warnings.map((w) => w.message).sort()).toEqual([
        expect.stringContaining('Apple MDM'),
        expect.stringContaining('os_version'),
      ])
    } finally {
      failWhen = undefined
    }
  })

  it('breaks the body when a later upstream page fails, never a shorter valid page', async () => {
    failingDevicesSkip = '600'
    try {
      const res = await h.call('GET', `${DEVICES}?limit=1000`, { token })
      expect(res.status).toBe(200)
      await expect(res.text()).rejects.toThrow()
      // The first upstream page failing is still the catalog error, before any byte.
      failingDevicesSkip = '0'
      const first = await h.call('GET', `${DEVICES}?limit=1000`, { token })
      expect(first.status).toBe(502)
    } finally {
      failingDevicesSkip = null
    }
  })
})

describe('a large page of user groups', () => {
  const GROUPS = '/v1/unified/user-directory/groups'

  beforeAll(async () => {
    // The sandbox's organizations have a few dozen groups: enough more for ten upstream pages.
    for (let i = 0; i < 1000; i++) {
      const res = await sandbox.app.request('https://console.jumpcloud.com/api/v2/usergroups', {
        method: 'POST',
        headers: { 'x-api-key': SCENARIO_KEYS.large, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Streamed group ${i}` }),
      })
      expect(res.status).toBe(201)
    }
  })

  it('arrives in several chunks, the records those of ten pages of 100', async () => {
    const page = await streamedPageOf1000(`${GROUPS}?limit=1000&expand=member_count`)
    expect(page.total).toBeGreaterThan(1000)
    const pieces = await recordsOfPagesOf100(`${GROUPS}?limit=100&expand=member_count`, 10)
    expect(JSON.stringify(page.result)).toBe(JSON.stringify(pieces))
  })

  it('breaks the body when a later upstream page fails', async () => {
    failingGroupsSkip = '400'
    try {
      const res = await h.call('GET', `${GROUPS}?limit=1000`, { token })
      expect(res.status).toBe(200)
      await expect(res.text()).rejects.toThrow()
    } finally {
      failingGroupsSkip = null
    }
  })
})

describe('a key rejected on a later page', () => {
  it('breaks the body and turns the connection broken, as a rejection on the first page does', async () => {
    const other = await connectWith(h, SCENARIO_KEYS.large, org.id)
    failingSkip = '700'
    failingStatus = 401
    try {
      const res = await h.call('GET', `${USERS}?limit=1000`, { token: other.token })
      expect(res.status).toBe(200)
      await expect(res.text()).rejects.toThrow()
      // Recorded in the background once the status had gone out.
      let status: string | undefined
      for (let i = 0; i < 100 && status !== 'broken'; i++) {
        status = (await h.store.connections.get(h.hostAppId, other.connectionId))?.status
        if (status !== 'broken') await new Promise((resolve) => setTimeout(resolve, 10))
      }
      expect(status).toBe('broken')
    } finally {
      failingSkip = null
      failingStatus = 400
    }
  })
})

describe('read-ahead', () => {
  /** Until the reads earlier tests started ahead have gone out: none in flight for 20 ms. */
  async function settled() {
    let quietFor = 0
    while (quietFor < 20) {
      const before = calls.length
      await new Promise((resolve) => setTimeout(resolve, 5))
      quietFor = upstream.inFlight === 0 && calls.length === before ? quietFor + 5 : 0
    }
  }

  it('reads ahead of a first page of 1000 only once the connection’s readers have continued', async () => {
    const { token: fresh } = await connectWith(h, SCENARIO_KEYS.large, org.id)
    await settled()
    calls.length = 0
    upstream.maxInFlight = 0
    const pages: { result: { id: string }[] }[] = []
    let cursor: string | null = null
    for (during = 1; during <= 4; during++) {
      // The fourth starts over: a first page again, as a second export would.
      const query: string = cursor && during < 4 ? `&cursor=${encodeURIComponent(cursor)}` : ''
      const res = await h.call('GET', `${USERS}?limit=1000${query}`, { token: fresh })
      const page = JSON.parse((await chunksOf(res)).join('')) as {
        result: { id: string }[]
        next_cursor: string | null
      }
      pages.push(page)
      cursor = page.next_cursor
      await settled()
    }
    during = 0
    const windowOf = (skip: number) => Math.floor(skip / 1000) + 1
    const askedDuring = (request: number, window: number) =>
      calls.filter((c) => c.during === request && windowOf(c.skip) === window).length
    // A fresh connection's first page reads nothing ahead: its reader may stop there.
    expect(askedDuring(1, 1)).toBe(10)
    expect(askedDuring(1, 2)).toBe(0)
    // A cursor reads the next window ahead; the next request takes it, with no call.
    expect(askedDuring(2, 2)).toBe(10)
    expect(askedDuring(2, 3)).toBe(10)
    expect(askedDuring(3, 3)).toBe(0)
    expect(askedDuring(3, 4)).toBe(10)
    // Its readers have continued: now a first page of 1000 reads the next 1000 ahead.
    expect(askedDuring(4, 1)).toBe(10)
    expect(askedDuring(4, 2)).toBe(10)
    expect(calls).toHaveLength(60)
    expect(new Set(pages.slice(0, 3).flatMap((p) => p.result.map((u) => u.id))).size).toBe(3000)
    expect(upstream.maxInFlight).toBeLessThanOrEqual(DEFAULT_DIRECTORY_CONCURRENCY)
  })

  it('reads nothing ahead for a first page of 100, and one page ahead once it continues', async () => {
    await settled()
    calls.length = 0
    during = 1
    const first = await h.call('GET', `${USERS}?limit=100`, { token })
    const { next_cursor: cursor } = (await first.json()) as { next_cursor: string }
    during = 2
    const second = await h.call('GET', `${USERS}?limit=100&cursor=${encodeURIComponent(cursor)}`, {
      token,
    })
    expect(((await second.json()) as { result: unknown[] }).result).toHaveLength(100)
    // Until the read ahead of the second page has gone out (it may outlast its request).
    await vi.waitFor(() => expect(calls).toHaveLength(3), { timeout: 5_000, interval: 1 })
    during = 0
    expect(calls).toEqual([
      { skip: 0, during: 1 },
      { skip: 100, during: 2 },
      { skip: 200, during: 2 },
    ])
  })

  it('a write through the connection drops the page read ahead: the next is read afresh', async () => {
    const { token: writer } = await connectWith(h, SCENARIO_KEYS.large, org.id, {
      permissions: 'read_write',
    })
    await settled()
    calls.length = 0
    const pageOf = async (res: Response) =>
      JSON.parse((await chunksOf(res)).join('')) as {
        result: { id: string; job_title: string | null }[]
        next_cursor: string
      }
    const next = (page: { next_cursor: string }) =>
      h.call('GET', `${USERS}?limit=1000&cursor=${encodeURIComponent(page.next_cursor)}`, {
        token: writer,
      })
    const first = await pageOf(await h.call('GET', `${USERS}?limit=1000`, { token: writer }))
    const second = await pageOf(await next(first))
    await settled()
    const thirdWindow = () => calls.filter((c) => c.skip >= 2000 && c.skip < 3000).length
    expect(thirdWindow()).toBe(10)
    // A user of the third thousand, changed through JumpLink after it was read ahead.
    const target = org.data.users.map((u) => String(u._id)).sort()[2500] ?? ''
    const changed = await h.call('PATCH', `${USERS}/${target}`, {
      token: writer,
      body: { job_title: 'Read afresh' },
    })
    expect(changed.status).toBe(200)
    const third = await pageOf(await next(second))
    expect(thirdWindow()).toBe(20)
    expect(third.result.find((u) => u.id === target)?.job_title).toBe('Read afresh')
    expect(new Set([...first.result, ...third.result].map((u) => u.id)).size).toBe(2000)
  })
})
