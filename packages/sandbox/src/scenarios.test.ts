import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SCENARIO_KEYS } from './keys.ts'
import { createSandbox } from './sandbox.ts'
import { type RunningSandbox, startSandbox } from './server.ts'

// Each scenario key does what README.md says.

const NOW = '2025-06-02T00:00:00.000Z'
const request = (
  sandbox: ReturnType<typeof createSandbox>,
  key: string,
  path = '/api/systemusers',
  headers: Record<string, string> = {},
) => sandbox.app.request(path, { headers: { 'x-api-key': key, ...headers } })

describe('scenario keys', () => {
  it('single: one organization with its users', async () => {
    const sandbox = createSandbox({ now: NOW })
    const orgs = (await (
      await request(sandbox, SCENARIO_KEYS.single, '/api/organizations')
    ).json()) as { totalCount: number }
    expect(orgs.totalCount).toBe(1)
    const users = (await (await request(sandbox, SCENARIO_KEYS.single)).json()) as {
      totalCount: number
    }
    expect(users.totalCount).toBe(250)
  })

  it('msp: three organizations, each reached with x-org-id, each with its own data', async () => {
    const sandbox = createSandbox({ now: NOW })
    const res = await request(sandbox, SCENARIO_KEYS.msp, '/api/organizations')
    const { results } = (await res.json()) as { results: { _id: string }[] }
    expect(results).toHaveLength(3)
    const firstUsers = new Set<string>()
    for (const { _id } of results) {
      const users = await request(sandbox, SCENARIO_KEYS.msp, '/api/systemusers?limit=100', {
        'x-org-id': _id,
      })
      expect(users.status).toBe(200)
      const body = (await users.json()) as { results: { organization?: string; _id: string }[] }
      // Older records carry no `organization`; every other one names the selected organization.
      expect(body.results.every((u) => (u.organization ?? _id) === _id)).toBe(true)
      expect(body.results.some((u) => u.organization === _id)).toBe(true)
      firstUsers.add(body.results[0]?._id ?? '')
    }
    expect(firstUsers.size).toBe(3)
    expect((await request(sandbox, SCENARIO_KEYS.msp)).status).toBe(401)
  })

  it('msp: Directory Insights accepts several x-org-id values at once', async () => {
    const sandbox = createSandbox({ now: NOW, sizes: { msp: { eventsPerDay: 5, eventDays: 3 } } })
    const [a, b] = sandbox.organizations.msp
    const res = await sandbox.app.request('/insights/directory/v1/events', {
      method: 'POST',
      headers: { 'x-api-key': SCENARIO_KEYS.msp, 'x-org-id': `${a?.id}, ${b?.id}` },
      body: JSON.stringify({ service: ['all'], start_time: '2025-05-01T00:00:00Z', limit: 10_000 }),
    })
    const events = (await res.json()) as { organization: string }[]
    expect(new Set(events.map((e) => e.organization))).toEqual(new Set([a?.id, b?.id]))
  })

  it('large: at least 10,000 users and 5,000 devices', async () => {
    const sandbox = createSandbox({ now: NOW })
    const users = (await (
      await request(sandbox, SCENARIO_KEYS.large, '/api/systemusers?limit=1')
    ).json()) as { totalCount: number }
    const systems = (await (
      await request(sandbox, SCENARIO_KEYS.large, '/api/systems?limit=1')
    ).json()) as { totalCount: number }
    expect(users.totalCount).toBeGreaterThanOrEqual(10_000)
    expect(systems.totalCount).toBeGreaterThanOrEqual(5_000)
  })

  it('invalid: 401', async () => {
    const res = await request(
      createSandbox({ now: NOW }),
      SCENARIO_KEYS.invalid,
      '/api/organizations',
    )
    expect(res.status).toBe(401)
  })

  it('forbidden: 403 on every JumpCloud path', async () => {
    const sandbox = createSandbox({ now: NOW })
    for (const path of ['/api/organizations', '/api/systemusers', '/api/v2/usergroups']) {
      const res = await request(sandbox, SCENARIO_KEYS.forbidden, path)
      expect(res.status).toBe(403)
      expect(await res.json()).toMatchObject({ error: 'Forbidden' })
    }
  })

  it('rateLimited: 429 with Retry-After, by default on every call', async () => {
    const res = await request(createSandbox({ now: NOW }), SCENARIO_KEYS.rateLimited)
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1)
    expect(await res.json()).toEqual({ message: 'Too Many Requests', error: 'Too Many Requests' })
  })

  it('rateLimited: answers within its budget, then 429 until the window ends', async () => {
    const sandbox = createSandbox({
      now: NOW,
      rateLimit: { requestsPerWindow: 2, windowSeconds: 60 },
    })
    const statuses = []
    for (let i = 0; i < 4; i++)
      statuses.push((await request(sandbox, SCENARIO_KEYS.rateLimited)).status)
    expect(statuses).toEqual([200, 200, 429, 429])
  })

  it('slow: waits the configured latency before answering', async () => {
    const waits: number[] = []
    const sandbox = createSandbox({
      now: NOW,
      slowLatencyMs: 750,
      sleep: async (ms) => {
        waits.push(ms)
      },
    })
    const res = await request(sandbox, SCENARIO_KEYS.slow)
    expect(res.status).toBe(200)
    expect(waits).toEqual([750])
    await request(sandbox, SCENARIO_KEYS.single)
    expect(waits).toEqual([750])
  })

  it('latencyMs: delays every JumpCloud call whatever the key, never the admin endpoint', async () => {
    const waits: number[] = []
    const sandbox = createSandbox({
      now: NOW,
      latencyMs: 50,
      sleep: async (ms) => {
        waits.push(ms)
      },
    })
    expect((await request(sandbox, SCENARIO_KEYS.single)).status).toBe(200)
    expect((await request(sandbox, SCENARIO_KEYS.invalid)).status).toBe(401)
    const events = await sandbox.app.request('/insights/directory/v1/events', {
      method: 'POST',
      headers: { 'x-api-key': SCENARIO_KEYS.single, 'content-type': 'application/json' },
      body: JSON.stringify({ service: ['all'], start_time: '2025-05-01T00:00:00Z' }),
    })
    expect(events.status).toBe(200)
    expect(waits).toEqual([50, 50, 50])
    expect((await sandbox.app.request('/_sandbox')).status).toBe(200)
    expect(waits).toEqual([50, 50, 50])
  })

  it('latencyMs: no delay by default', async () => {
    const waits: number[] = []
    const sandbox = createSandbox({ now: NOW, sleep: async (ms) => void waits.push(ms) })
    expect((await request(sandbox, SCENARIO_KEYS.single)).status).toBe(200)
    expect(waits).toEqual([])
  })

  it('flaky (in-process): some calls fail with 5xx, some reject like a dropped connection', async () => {
    const sandbox = createSandbox({ now: NOW, flakyFailureRate: 0.5 })
    const outcomes = { ok: 0, serverError: 0, dropped: 0 }
    for (let i = 0; i < 60; i++) {
      try {
        const res = await request(sandbox, SCENARIO_KEYS.flaky, '/api/organizations')
        if (res.status === 200) outcomes.ok++
        else if (res.status >= 500) outcomes.serverError++
      } catch (error) {
        expect(error).toBeInstanceOf(TypeError)
        outcomes.dropped++
      }
    }
    expect(outcomes.ok).toBeGreaterThan(0)
    expect(outcomes.serverError).toBeGreaterThan(0)
    expect(outcomes.dropped).toBeGreaterThan(0)
    expect(outcomes.ok + outcomes.serverError + outcomes.dropped).toBe(60)
  })

  it('a role change: the same key answers 403 from then on, other keys are unchanged', async () => {
    const sandbox = createSandbox({ now: NOW })
    expect((await request(sandbox, SCENARIO_KEYS.single, '/api/systemusers')).status).toBe(200)
    sandbox.revokeKeyPermissions(SCENARIO_KEYS.single)
    expect((await request(sandbox, SCENARIO_KEYS.single, '/api/systemusers')).status).toBe(403)
    expect((await request(sandbox, SCENARIO_KEYS.msp, '/api/organizations')).status).toBe(200)
  })

  it('rotation: the new key works, the old one turns 401', async () => {
    const sandbox = createSandbox({ now: NOW })
    const newKey = sandbox.rotateKey(SCENARIO_KEYS.single)
    expect(newKey).toMatch(/^jca_[A-Za-z0-9]{36}$/)
    expect(sandbox.keys.single).toBe(newKey)
    expect((await request(sandbox, SCENARIO_KEYS.single)).status).toBe(401)
    expect((await request(sandbox, newKey)).status).toBe(200)
  })
})

describe('flaky key on a real port', () => {
  let running: RunningSandbox
  beforeAll(async () => {
    running = await startSandbox({ now: NOW, flakyFailureRate: 1, flakyDropShare: 1 })
  })
  afterAll(async () => {
    await running.close()
  })

  it('drops the connection with no response', async () => {
    await expect(
      fetch(`${running.url}/api/organizations`, { headers: { 'x-api-key': SCENARIO_KEYS.flaky } }),
    ).rejects.toThrow(TypeError)
    const ok = await fetch(`${running.url}/api/organizations`, {
      headers: { 'x-api-key': SCENARIO_KEYS.single },
    })
    expect(ok.status).toBe(200)
  })
})
