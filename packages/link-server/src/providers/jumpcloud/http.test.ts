import { createSandbox, SCENARIO_KEYS } from '@jumplink/sandbox'
import { JumpLinkError } from '@jumplink/shared'
import { describe, expect, it } from 'vitest'
import type { FetchLike } from '../provider'
import { createJumpcloudHttp, type JumpcloudHttpOptions, type JumpcloudSession } from './http'
import { readWindow } from './paging'

/** The JumpCloud client against the sandbox's scenario keys, with every attempt counted. */
function setup(
  sandboxOptions: Parameters<typeof createSandbox>[0] = {},
  options: JumpcloudHttpOptions = {},
) {
  const sandbox = createSandbox(sandboxOptions)
  const stats = { attempts: 0, inFlight: 0, maxInFlight: 0, waits: [] as number[] }
  const fetch: FetchLike = async (url, init) => {
    stats.attempts++
    stats.inFlight++
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight)
    try {
      // A real socket never answers in the same tick; overlapping calls show the cap at work.
      await new Promise((resolve) => setTimeout(resolve, 2))
      return await sandbox.app.request(url, init)
    } finally {
      stats.inFlight--
    }
  }
  const http = createJumpcloudHttp({
    fetch,
    baseUrl: 'http://sandbox.test',
    backoffMs: 10,
    sleep: async (ms) => {
      stats.waits.push(ms)
    },
    ...options,
  })
  const session = (key: string): JumpcloudSession => ({
    connectionId: `conn_${key}`,
    credential: key,
    region: 'us',
    organizationId: sandbox.organizations.single.id,
  })
  return { sandbox, http, stats, session }
}

async function failure(promise: Promise<unknown>): Promise<JumpLinkError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof JumpLinkError) return error
    throw error
  }
  throw new Error('expected a failure')
}

describe('JumpCloud client retries', () => {
  it('retries a rate-limited read three times, waiting as Retry-After says, then gives up', async () => {
    const { http, stats, session } = setup()
    const error = await failure(
      http.json(session(SCENARIO_KEYS.rateLimited), { path: '/api/systemusers' }),
    )
    expect(error.code).toBe('provider_rate_limited')
    expect(error.retryAfter).toBeGreaterThanOrEqual(1)
    expect(stats.attempts).toBe(4)
    expect(stats.waits).toHaveLength(3)
    for (const wait of stats.waits) expect(wait).toBeGreaterThanOrEqual(1000)
  })

  it('waits out a Retry-After without holding a slot: other reads of the connection and other connections go on', async () => {
    let wake = () => {}
    const waits: number[] = []
    const { http, session } = setup(
      { rateLimit: { requestsPerWindow: 1, windowSeconds: 2 } },
      {
        maxConcurrency: 1,
        maxRetries: 1,
        sleep: (ms) => {
          waits.push(ms)
          return new Promise<void>((resolve) => (wake = resolve))
        },
      },
    )
    const limited = session(SCENARIO_KEYS.rateLimited)
    await http.json(limited, { path: '/api/systemusers' })
    // This one is refused with Retry-After and waits (until woken) to try again.
    const waiting = http.json(limited, { path: '/api/systemusers', query: { skip: 1 } }).then(
      () => 'answered',
      (error: JumpLinkError) => error.code,
    )
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(waits).toHaveLength(1)
    expect(waits[0]).toBeGreaterThanOrEqual(1000)
    // Meanwhile, with a cap of one: another connection reads, and so does this connection (its
    // slot is free while the refused read waits; here with a key the directory still answers).
    const other = session(SCENARIO_KEYS.single)
    const sameConnection = { ...other, connectionId: limited.connectionId }
    for (const s of [other, sameConnection]) {
      const { body } = await http.json<{ results: unknown[] }>(s, {
        path: '/api/systemusers',
        query: { limit: 3 },
      })
      expect(body.results).toHaveLength(3)
    }
    wake()
    // Woken, it makes its one retry: answered, or refused again if still in the window.
    expect(['answered', 'provider_rate_limited']).toContain(await waiting)
  })

  it('answers at once with retry_after when Retry-After is beyond the retry budget', async () => {
    const { http, stats, session } = setup(
      { rateLimit: { requestsPerWindow: 1, windowSeconds: 30 } },
      { retryBudgetMs: 5_000 },
    )
    const key = session(SCENARIO_KEYS.rateLimited)
    await http.json(key, { path: '/api/systemusers' })
    const error = await failure(http.json(key, { path: '/api/systemusers' }))
    expect(error.code).toBe('provider_rate_limited')
    expect(error.retryAfter).toBeGreaterThanOrEqual(29)
    expect(stats.attempts).toBe(2)
    expect(stats.waits).toEqual([])
  })

  it('gets through a flaky directory by retrying, and gives up on one that always fails', async () => {
    const flaky = setup({ flakyFailureRate: 0.3 })
    for (let i = 0; i < 20; i++) {
      await flaky.http.json(flaky.session(SCENARIO_KEYS.flaky), { path: '/api/systemusers' })
    }
    expect(flaky.stats.attempts).toBeGreaterThan(20)
    expect(flaky.stats.waits.length).toBe(flaky.stats.attempts - 20)

    const broken = setup({ flakyFailureRate: 1 })
    const error = await failure(
      broken.http.json(broken.session(SCENARIO_KEYS.flaky), { path: '/api/systemusers' }),
    )
    expect(['provider_unavailable', 'provider_timeout']).toContain(error.code)
    expect(error.retryAfter).toBeGreaterThanOrEqual(1)
    expect(broken.stats.attempts).toBe(4)
  })

  it('times out every attempt of a slow directory, then answers provider_timeout', async () => {
    const { http, stats, session } = setup(
      { sleep: () => new Promise(() => {}) },
      { timeoutMs: 40 },
    )
    const started = Date.now()
    const error = await failure(
      http.json(session(SCENARIO_KEYS.slow), { path: '/api/systemusers' }),
    )
    expect(error.code).toBe('provider_timeout')
    expect(error.retryAfter).toBeGreaterThanOrEqual(1)
    expect(stats.attempts).toBe(4)
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('times out a body that stalls after its headers: the timeout covers reading it', async () => {
    const fetch: FetchLike = async (_url, init) =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"results": ['))
            init?.signal?.addEventListener('abort', () => controller.error(init.signal?.reason))
          },
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      )
    const http = createJumpcloudHttp({ fetch, baseUrl: 'http://sandbox.test', timeoutMs: 30 })
    const error = await failure(
      http.json(
        { connectionId: 'c', credential: 'k', region: 'us', organizationId: 'o' },
        {
          path: '/api/systemusers',
        },
      ),
    )
    expect(error.code).toBe('provider_timeout')
  })

  it("ends an attempt's timeout once its body is read: the signal is never aborted after", async () => {
    const signals: AbortSignal[] = []
    const fetch: FetchLike = async (_url, init) => {
      if (init?.signal) signals.push(init.signal)
      return Response.json({ results: [], totalCount: 0 })
    }
    const http = createJumpcloudHttp({ fetch, baseUrl: 'http://sandbox.test', timeoutMs: 20 })
    const { body } = await http.json<{ results: unknown[] }>(
      { connectionId: 'c', credential: 'k', region: 'us', organizationId: 'o' },
      { path: '/api/systemusers' },
    )
    expect(body.results).toEqual([])
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(signals).toHaveLength(1)
    expect(signals[0]?.aborted).toBe(false)
  })

  it("ends a write's and a proxied call's timeout once their body is read, as a read's", async () => {
    const signals: AbortSignal[] = []
    const fetch: FetchLike = async (_url, init) => {
      if (init?.signal) signals.push(init.signal)
      return Response.json({ id: 'u1' })
    }
    const http = createJumpcloudHttp({ fetch, baseUrl: 'http://sandbox.test', timeoutMs: 20 })
    const session = {
      connectionId: 'c',
      credential: 'k',
      region: 'us',
      organizationId: 'o',
    } as const
    const written = await http.send(session, { method: 'PUT', path: '/api/systemusers/u1' })
    expect(await written.json()).toEqual({ id: 'u1' })
    const proxied = await http.passThrough(session, {
      method: 'GET',
      pathAndSearch: '/api/systemusers/u1',
      headers: new Headers(),
      body: undefined,
    })
    expect(await proxied.json()).toEqual({ id: 'u1' })
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(signals).toHaveLength(2)
    expect(signals.map((signal) => signal.aborted)).toEqual([false, false])
  })

  it('never retries what retrying cannot fix', async () => {
    const { http, stats, session } = setup()
    expect(
      (await failure(http.json(session(SCENARIO_KEYS.invalid), { path: '/api/systemusers' }))).code,
    ).toBe('invalid_api_key')
    expect(
      (await failure(http.json(session(SCENARIO_KEYS.forbidden), { path: '/api/systemusers' })))
        .code,
    ).toBe('insufficient_permissions')
    expect(
      (
        await failure(
          http.json(session(SCENARIO_KEYS.single), {
            path: '/api/systemusers/000000000000000000000000',
            context: 'record',
          }),
        )
      ).code,
    ).toBe('resource_not_found')
    expect(stats.attempts).toBe(3)
  })
})

describe('JumpCloud client concurrency cap', () => {
  it('fetches a 1,000-record window as ten pages, never more than the cap in flight', async () => {
    const { http, stats, session, sandbox } = setup({}, { maxConcurrency: 3 })
    const large = {
      ...session(SCENARIO_KEYS.large),
      organizationId: sandbox.organizations.large.id,
    }
    const window = await readWindow<{ _id: string }>(
      http,
      large,
      { path: '/api/systemusers', style: 'v1', query: { sort: '_id' } },
      0,
      1000,
    )
    expect(window.items).toHaveLength(1000)
    expect(new Set(window.items.map((u) => u._id)).size).toBe(1000)
    expect(window.total).toBe(10_000)
    expect(stats.attempts).toBe(10)
    expect(stats.maxInFlight).toBe(3)
  })

  it('asks every page of a window at once when the previous page told the total', async () => {
    const { http, stats, session, sandbox } = setup({}, { maxConcurrency: 10 })
    const large = {
      ...session(SCENARIO_KEYS.large),
      organizationId: sandbox.organizations.large.id,
    }
    const call = { path: '/api/systemusers', style: 'v1', query: { sort: '_id' } } as const
    const planned = await readWindow<{ _id: string }>(http, large, call, 1000, 1000, 10_000)
    // All ten in one round, where without the total the first comes alone.
    expect(stats.attempts).toBe(10)
    expect(stats.maxInFlight).toBe(10)
    const unplanned = await readWindow<{ _id: string }>(http, large, call, 1000, 1000)
    expect(planned).toEqual(unplanned)
    expect(planned.items).toHaveLength(1000)
    // A stale total only plans the calls: the answer says where the list ends.
    const stale = await readWindow<{ _id: string }>(http, large, call, 9900, 1000, 9950)
    expect(stale.items).toHaveLength(100)
    expect(stale.total).toBe(10_000)
  })

  it('holds the cap per connection while other connections run alongside', async () => {
    const { http, stats, session } = setup({}, { maxConcurrency: 2 })
    const a = session(SCENARIO_KEYS.single)
    const b = { ...a, connectionId: 'conn_other' }
    await Promise.all(
      [a, b].flatMap((s) =>
        Array.from({ length: 6 }, (_, i) =>
          http.json(s, { path: '/api/systemusers', query: { skip: i } }),
        ),
      ),
    )
    expect(stats.attempts).toBe(12)
    expect(stats.maxInFlight).toBe(4)
  })

  it('makes one call for identical reads of one connection in flight together, each its own copy', async () => {
    const { http, stats, session } = setup()
    const a = session(SCENARIO_KEYS.single)
    const read = (s: JumpcloudSession) =>
      http.json<{ results: { _id: string }[] }>(s, {
        path: '/api/systemusers',
        query: { limit: 5 },
      })
    const [first, second] = await Promise.all([read(a), read(a)])
    expect(stats.attempts).toBe(1)
    expect(second.body).toEqual(first.body)
    first.body.results.length = 0
    expect(second.body.results).toHaveLength(5)
    // Once answered, nothing is kept; another connection never shares.
    await Promise.all([read(a), read({ ...a, connectionId: 'conn_other' })])
    expect(stats.attempts).toBe(3)
  })
})

describe('JumpCloud hosts', () => {
  it('sends console calls and Directory Insights to each region’s hosts, with x-org-id', async () => {
    const seen: { url: string; org: string | null }[] = []
    const http = createJumpcloudHttp({
      fetch: async (url, init) => {
        seen.push({ url, org: new Headers(init.headers).get('x-org-id') })
        return new Response('[]', { status: 200 })
      },
    })
    for (const region of ['us', 'eu', 'in'] as const) {
      const s = { connectionId: 'c', credential: 'k', region, organizationId: 'org1' }
      await http.json(s, { path: '/api/v2/usergroups' })
      await http.json(s, {
        method: 'POST',
        api: 'insights',
        path: '/insights/directory/v1/events',
        body: {},
      })
    }
    expect(seen.map((s) => new URL(s.url).host)).toEqual([
      'console.jumpcloud.com',
      'api.jumpcloud.com',
      'console.eu.jumpcloud.com',
      'api.eu.jumpcloud.com',
      'console.in.jumpcloud.com',
      'api.in.jumpcloud.com',
    ])
    expect(new Set(seen.map((s) => s.org))).toEqual(new Set(['org1']))
  })
})
