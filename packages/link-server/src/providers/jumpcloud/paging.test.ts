import { createSandbox, SCENARIO_KEYS } from '@jumplink/sandbox'
import { describe, expect, it } from 'vitest'
import { createKeyedSemaphore, type KeyedSemaphore } from '../keyed-semaphore'
import type { FetchLike } from '../provider'
import { createJumpcloudHttp, type JumpcloudSession } from './http'
import { type ListCall, readWindow, streamWindow } from './paging'

const sandbox = createSandbox()
const call: ListCall = { path: '/api/systemusers', style: 'v1', query: { sort: '_id' } }

/** The JumpCloud client on the sandbox's 10,000-user organization, every call counted by URL. */
function setup(maxConcurrency: number, fail?: (url: URL) => boolean, concurrency?: KeyedSemaphore) {
  const stats = { calls: new Map<string, number>(), inFlight: 0, maxInFlight: 0 }
  const fetch: FetchLike = async (url, init) => {
    const key = new URL(url).search
    stats.calls.set(key, (stats.calls.get(key) ?? 0) + 1)
    stats.inFlight++
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight)
    try {
      await new Promise((resolve) => setTimeout(resolve, 2))
      if (fail?.(new URL(url))) return new Response('{}', { status: 400 })
      return await sandbox.app.request(url, init)
    } finally {
      stats.inFlight--
    }
  }
  const http = createJumpcloudHttp({
    fetch,
    baseUrl: 'http://sandbox.test',
    maxConcurrency,
    ...(concurrency ? { concurrency } : {}),
  })
  const session: JumpcloudSession = {
    connectionId: 'conn_paging',
    credential: SCENARIO_KEYS.large,
    region: 'us',
    organizationId: sandbox.organizations.large.id,
  }
  const total = () => [...stats.calls.values()].reduce((a, b) => a + b, 0)
  /**
   * Until `calls` calls were made and none is in flight: read-ahead goes on after the request
   * that started it returned. Then one turn more, for what their answers set off.
   */
  const settled = async (calls = 0) => {
    const turn = () => new Promise((resolve) => setTimeout(resolve, 5))
    do await turn()
    while (stats.inFlight > 0 || total() < calls)
    await turn()
  }
  return { http, session, stats, total, settled }
}

describe('streamed windows', () => {
  it('answers once the first upstream page is in, with the later pages in order', async () => {
    const { http, session } = setup(10)
    const window = await streamWindow<{ _id: string }>(http, session, call, 0, 1000)
    expect(window.first).toHaveLength(100)
    expect(window.rest).toHaveLength(9)
    const streamed = [window.first, ...(await Promise.all(window.rest))].flat()
    const whole = await readWindow<{ _id: string }>(http, session, call, 0, 1000)
    expect(streamed.map((u) => u._id)).toEqual(whole.items.map((u) => u._id))
    expect(window.total).toBe(10_000)
  })

  it('fails on the first page itself, and leaves a later failure to whoever awaits it', async () => {
    const { http, session } = setup(10, (url) => url.searchParams.get('skip') === '500')
    const window = await streamWindow(http, session, call, 0, 1000, 10_000)
    expect(window.first).toHaveLength(100)
    await expect(window.rest[3]).resolves.toHaveLength(100)
    await expect(window.rest[4]).rejects.toMatchObject({ name: 'JumpLinkError' })
    const failing = setup(10, (url) => url.searchParams.get('skip') === '0')
    await expect(
      streamWindow(failing.http, failing.session, call, 0, 1000, 10_000),
    ).rejects.toMatchObject({ name: 'JumpLinkError' })
  })
})

describe('a list that grew since the cursor saw its total', () => {
  // 1,500 users; a client reads 1,000, then 200 are created before it asks for the rest.
  const growing = createSandbox({ seed: 17, sizes: { single: { users: 1500 } } })
  const http = createJumpcloudHttp({
    baseUrl: 'http://sandbox.test',
    fetch: async (url, init) => growing.app.request(url, init),
    maxRetries: 0,
  })
  const session: JumpcloudSession = {
    connectionId: 'conn_growing',
    credential: SCENARIO_KEYS.single,
    region: 'us',
    organizationId: growing.organizations.single.id,
  }

  it('reads the pages past the old total too, so the page is whole and in order', async () => {
    const first = await readWindow<{ _id: string }>(http, session, call, 0, 1000)
    expect(first.total).toBe(1500)
    for (let i = 0; i < 200; i++) {
      const res = await growing.app.request('/api/systemusers', {
        method: 'POST',
        headers: { 'x-api-key': SCENARIO_KEYS.single, 'content-type': 'application/json' },
        body: JSON.stringify({ username: `grown${i}`, email: `grown${i}@acme.example` }),
      })
      expect(res.status).toBe(200)
    }
    const second = await readWindow<{ _id: string }>(http, session, call, 1000, 1000, first.total)
    expect(second.total).toBe(1700)
    expect(second.items).toHaveLength(700)
    const ids = [...first.items, ...second.items].map((u) => u._id)
    expect(new Set(ids).size).toBe(1700)
    expect(ids).toEqual([...ids].sort())
  })
})

describe('read-ahead', () => {
  it('reads nothing ahead unless asked to (the caller decides: see user-directory.ts)', async () => {
    const { http, session, total, settled } = setup(10)
    await readWindow(http, session, call, 0, 1000)
    expect(http.readsAheadKept()).toBe(0)
    await settled(10)
    expect(total()).toBe(10)
  })

  it('serves the next page of a continued cursor with no new upstream call, within the cap', async () => {
    const { http, session, stats, total, settled } = setup(10)
    const first = await readWindow<{ _id: string }>(http, session, call, 0, 1000)
    const second = await readWindow<{ _id: string }>(http, session, call, 1000, 1000, 10_000, {
      readAhead: true,
    })
    // The third window's ten pages were asked for while the second was being answered.
    expect(http.readsAheadKept()).toBe(10)
    await settled(30)
    expect(total()).toBe(30)
    const third = await readWindow<{ _id: string }>(http, session, call, 2000, 1000, 10_000)
    expect(total()).toBe(30)
    expect(http.readsAheadKept()).toBe(0)
    expect(third.items).toHaveLength(1000)
    const ids = [first, second, third].flatMap((w) => w.items.map((u) => u._id))
    expect(new Set(ids).size).toBe(3000)
    // Every page was asked for once, and never more calls at once than the cap.
    expect([...stats.calls.values()].every((n) => n === 1)).toBe(true)
    expect(stats.maxInFlight).toBeLessThanOrEqual(10)
  })

  it('reads nothing ahead when the cap is shared between instances (no priority there)', async () => {
    // As the Redis cap: other instances' calls would not let reads ahead go last.
    const local = createKeyedSemaphore(10)
    const shared: KeyedSemaphore = { byPriority: false, run: local.run }
    const { http, session, total, settled } = setup(10, undefined, shared)
    await readWindow(http, session, call, 1000, 1000, 10_000, { readAhead: true })
    expect(http.readsAheadKept()).toBe(0)
    await settled(10)
    expect(total()).toBe(10)
  })

  it('holds a smaller cap while a window is read and the next read ahead', async () => {
    const { http, session, stats, settled } = setup(3)
    await readWindow(http, session, call, 1000, 1000, 10_000, { readAhead: true })
    await readWindow(http, session, call, 2000, 1000, 10_000, { readAhead: true })
    await settled(30)
    expect(stats.maxInFlight).toBe(3)
    expect(stats.calls.size).toBe(30)
  })

  it('asks a window’s last page, and its read-ahead’s, only for the records still wanted', async () => {
    const { http, session, stats, settled } = setup(10)
    const window = await readWindow(http, session, call, 1000, 250, 10_000, { readAhead: true })
    expect(window.items).toHaveLength(250)
    await settled(6)
    // This window: 1000+100, 1100+100, 1200+50; the next, read ahead: 1250+100, 1350+100, 1450+50.
    expect([...stats.calls.keys()].sort()).toEqual(
      [
        '?sort=_id&skip=1000&limit=100',
        '?sort=_id&skip=1100&limit=100',
        '?sort=_id&skip=1200&limit=50',
        '?sort=_id&skip=1250&limit=100',
        '?sort=_id&skip=1350&limit=100',
        '?sort=_id&skip=1450&limit=50',
      ].sort(),
    )
  })

  it('reads nothing past the end of the list', async () => {
    const { http, session, total, settled } = setup(10)
    await readWindow(http, session, call, 9000, 1000, 10_000, { readAhead: true })
    expect(http.readsAheadKept()).toBe(0)
    await settled(10)
    expect(total()).toBe(10)
  })

  it('keeps one window per connection, and drops it unused once its time is up', async () => {
    const { http, session, stats, settled } = setup(10)
    const page = (skip: number) => ({ path: '/api/systemusers', query: { skip, limit: 100 } })
    http.readAhead(session, [page(0), page(100)], 60_000)
    http.readAhead(session, [page(200)], 60_000)
    expect(http.readsAheadKept()).toBe(1)
    http.readAhead({ ...session, connectionId: 'conn_other' }, [page(300)], 0)
    expect(http.readsAheadKept()).toBe(2)
    await settled(1)
    expect(http.readsAheadKept()).toBe(1)
    // The dropped ones were stopped before they called.
    expect(stats.calls.get('?skip=0&limit=100')).toBeUndefined()
    expect(stats.calls.get('?skip=100&limit=100')).toBeUndefined()
  })

  it('drops what was read ahead when the connection writes, or is forgotten', async () => {
    const { http, session, stats, settled } = setup(10)
    const req = { path: '/api/systemusers', query: { skip: 0, limit: 100 } }
    http.readAhead(session, [req], 60_000)
    await http.send(session, { method: 'PUT', path: '/api/systemusers/nobody', body: {} })
    expect(http.readsAheadKept()).toBe(0)
    http.readAhead(session, [{ ...req, query: { skip: 100, limit: 100 } }], 60_000)
    http.forgetReadAhead(session.connectionId)
    expect(http.readsAheadKept()).toBe(0)
    await settled(1)
    await http.json(session, req)
    // Dropped at once, neither read ahead called: the one call is the read's own.
    expect(stats.calls.get('?skip=0&limit=100')).toBe(1)
    expect(stats.calls.get('?skip=100&limit=100')).toBeUndefined()
  })

  it('drops what was read ahead on a write through the proxy, not on a proxied read', async () => {
    const { http, session, settled } = setup(10)
    const req = { path: '/api/systemusers', query: { skip: 0, limit: 100 } }
    const proxied = (method: string) =>
      http.passThrough(session, {
        method,
        pathAndSearch: '/api/systemusers/nobody',
        headers: new Headers(),
        body: undefined,
      })
    http.readAhead(session, [req], 60_000)
    await proxied('GET')
    expect(http.readsAheadKept()).toBe(1)
    await proxied('DELETE')
    expect(http.readsAheadKept()).toBe(0)
    await settled()
  })

  it('stops a dropped read ahead where it is: no call made with the key once it is dropped', async () => {
    const { http, session, total, settled } = setup(1)
    const pages = [0, 100, 200].map((skip) => ({
      path: '/api/systemusers',
      query: { skip, limit: 100 },
    }))
    // Dropped before any started (the connection revoked at once): not one call.
    http.readAhead(session, pages, 60_000)
    http.forgetReadAhead(session.connectionId)
    await settled()
    expect(total()).toBe(0)
    // One in flight, two waiting for the cap of 1: the two never go out.
    http.readAhead(session, pages, 60_000)
    while (total() === 0) await new Promise((resolve) => setTimeout(resolve, 1))
    http.forgetReadAhead(session.connectionId)
    await settled()
    expect(total()).toBe(1)
    expect(http.readsAheadKept()).toBe(0)
  })

  it('drops a read ahead that failed, so that the request that wanted it calls again', async () => {
    let failing = true
    const { http, session, stats, settled } = setup(10, () => failing)
    const req = { path: '/api/systemusers', query: { skip: 0, limit: 100 } }
    http.readAhead(session, [req], 60_000)
    expect(http.readsAheadKept()).toBe(1)
    await settled(1)
    expect(http.readsAheadKept()).toBe(0)
    failing = false
    const { body } = await http.json<{ results: unknown[] }>(session, req)
    expect(body.results).toHaveLength(100)
    expect(stats.calls.get('?skip=0&limit=100')).toBe(2)
  })
})

describe('read-ahead after a write or a revocation', () => {
  /**
   * The client on the sandbox, every call counted by URL; a call `hold` matches waits, its
   * request not yet answered (and, for a write, not yet done), until `release`.
   */
  function gated() {
    const calls: string[] = []
    let hold: ((url: URL, method: string) => boolean) | undefined
    let held: (() => void)[] = []
    let inFlight = 0
    const fetch: FetchLike = async (url, init) => {
      const parsed = new URL(url)
      calls.push(`${init?.method ?? 'GET'} ${parsed.pathname}${parsed.search}`)
      inFlight++
      try {
        if (hold?.(parsed, init?.method ?? 'GET')) {
          await new Promise<void>((resolve) => held.push(resolve))
        }
        return await sandbox.app.request(url, init)
      } finally {
        inFlight--
      }
    }
    const http = createJumpcloudHttp({ fetch, baseUrl: 'http://sandbox.test', maxConcurrency: 10 })
    const session: JumpcloudSession = {
      connectionId: 'conn_moved',
      credential: SCENARIO_KEYS.large,
      region: 'us',
      organizationId: sandbox.organizations.large.id,
    }
    const until = async (what: () => boolean) => {
      const deadline = Date.now() + 5_000
      while (!what()) {
        if (Date.now() > deadline) throw new Error('timed out waiting on the directory calls')
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
    }
    return {
      http,
      session,
      calls,
      holdWhile: (matches: typeof hold) => {
        hold = matches
      },
      heldCount: () => held.length,
      release: () => {
        hold = undefined
        for (const resolve of held) resolve()
        held = []
      },
      /** Until nothing is in flight or held, for two turns in a row. */
      settled: () => until(() => inFlight === 0).then(() => until(() => inFlight === 0)),
      until,
    }
  }
  const secondWindow = (calls: string[]) =>
    calls.filter((c) => /^GET .*skip=1\d{3}&/.test(c)).length

  it('reads afresh a page read ahead while a write was in flight: it shows the write', async () => {
    const { http, session, calls, holdWhile, heldCount, release, until, settled } = gated()
    const target = sandbox.organizations.large.data.users.map((u) => String(u._id)).sort()[1050]
    // The write is held until the first page has answered and the next window was read ahead.
    holdWhile((_, method) => method === 'PUT')
    const write = http.send(session, {
      method: 'PUT',
      path: `/api/systemusers/${target}`,
      body: { jobTitle: 'Written while read ahead' },
    })
    await until(() => heldCount() === 1)
    // A list request that begins during the write: its read ahead reads the old record.
    const first = await streamWindow(http, http.begin(session), call, 0, 1000, undefined, {
      readAhead: true,
    })
    await Promise.all(first.rest)
    await until(() => secondWindow(calls) === 10)
    await new Promise((resolve) => setTimeout(resolve, 20))
    release()
    expect((await write).status).toBe(200)
    // The next request, after the write answered, sees it: its window is read again.
    const next = await readWindow<{ _id: string; jobTitle?: string }>(
      http,
      http.begin(session),
      call,
      1000,
      1000,
      first.total,
    )
    expect(secondWindow(calls)).toBe(20)
    expect(next.items.find((u) => u._id === target)?.jobTitle).toBe('Written while read ahead')
    await settled()
  })

  it('reads nothing ahead for a request that began before the connection was revoked', async () => {
    const { http, session, calls, holdWhile, heldCount, release, until, settled } = gated()
    // The request began (its key read) before the revocation; its first page answers after.
    holdWhile((url) => url.searchParams.get('skip') === '0')
    const began = http.begin(session)
    const window = streamWindow(http, began, call, 0, 1000, undefined, { readAhead: true })
    await until(() => heldCount() === 1)
    http.forgetReadAhead(session.connectionId)
    release()
    await Promise.all((await window).rest)
    await settled()
    expect(calls).toHaveLength(10)
    expect(secondWindow(calls)).toBe(0)
    // Nor does a read ahead asked for by that request later, on its own.
    http.readAhead(began, [{ path: '/api/systemusers', query: { skip: 5000, limit: 100 } }], 60_000)
    expect(http.readsAheadKept()).toBe(0)
    await settled()
    expect(calls).toHaveLength(10)
    // A request that begins after the revocation (a relinked key) reads ahead again.
    await streamWindow(http, http.begin(session), call, 0, 1000, undefined, { readAhead: true })
    await until(() => secondWindow(calls) === 10)
    await settled()
  })

  it('reads nothing ahead for a request that began before a write that has answered', async () => {
    const { http, session, calls, holdWhile, heldCount, release, until, settled } = gated()
    holdWhile((url) => url.searchParams.get('skip') === '0')
    const window = streamWindow(http, http.begin(session), call, 0, 1000, undefined, {
      readAhead: true,
    })
    await until(() => heldCount() === 1)
    const target = sandbox.organizations.large.data.users.map((u) => String(u._id)).sort()[1060]
    holdWhile(undefined)
    const written = await http.send(session, {
      method: 'PUT',
      path: `/api/systemusers/${target}`,
      body: { jobTitle: 'Written first' },
    })
    expect(written.status).toBe(200)
    release()
    await Promise.all((await window).rest)
    await settled()
    expect(secondWindow(calls)).toBe(0)
  })
})

describe('a first page reads ahead only when the connection’s readers continue', () => {
  /** Calls of the second thousand (`skip` 1000–1999), by the `?skip=…` of `setup`'s fetch. */
  const secondWindowCalls = (calls: Map<string, number>) =>
    [...calls].filter(([search]) => /skip=1\d{3}&/.test(search)).reduce((n, [, c]) => n + c, 0)

  it('reads nothing ahead of a first page of 1000 on a fresh connection', async () => {
    const { http, session, stats, total, settled } = setup(10)
    await readWindow(http, http.begin(session), call, 0, 1000, undefined, {
      readAhead: 'if-continued',
    })
    await settled(10)
    expect(total()).toBe(10)
    expect(secondWindowCalls(stats.calls)).toBe(0)
    expect(http.readsAheadKept()).toBe(0)
  })

  it('reads ahead of a first page of 1000 once a window was taken, not once one expired', async () => {
    const { http, session, stats, settled } = setup(10)
    // A cursor's window read ahead, then taken by the request that continues.
    const first = await readWindow(http, http.begin(session), call, 0, 1000, undefined, {
      readAhead: true,
    })
    await readWindow(http, http.begin(session), call, 1000, 1000, first.total)
    await settled(20)
    expect(secondWindowCalls(stats.calls)).toBe(10)
    // Its readers continue: a first page of 1000 reads the next 1000 ahead.
    await readWindow(http, http.begin(session), call, 0, 1000, undefined, {
      readAhead: 'if-continued',
    })
    await settled(40)
    expect(secondWindowCalls(stats.calls)).toBe(20)
    // That window expires untaken (as a reader that stopped leaves it): no more read ahead.
    http.readAhead(http.begin(session), [{ ...call, query: { skip: 9900, limit: 100 } }], 0)
    await settled(41)
    expect(http.readsAheadKept()).toBe(0)
    await readWindow(http, http.begin(session), call, 0, 1000, undefined, {
      readAhead: 'if-continued',
    })
    await settled(51)
    expect(secondWindowCalls(stats.calls)).toBe(20)
    // Forgotten (relinked) once its readers continue again: it starts over as a fresh one.
    await readWindow(http, http.begin(session), call, 0, 1000, undefined, { readAhead: true })
    await readWindow(http, http.begin(session), call, 1000, 1000, first.total)
    await settled(71)
    http.forgetReadAhead(session.connectionId)
    await readWindow(http, http.begin(session), call, 0, 1000, undefined, {
      readAhead: 'if-continued',
    })
    await settled()
    expect(http.readsAheadKept()).toBe(0)
  })
})
