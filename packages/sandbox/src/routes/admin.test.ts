import { describe, expect, it } from 'vitest'
import { SCENARIO_DESCRIPTIONS, SCENARIO_KEYS } from '../keys.ts'
import { createSandbox } from '../sandbox.ts'

const NOW = '2025-06-02T00:00:00.000Z'
const api = (key: string = SCENARIO_KEYS.single) => ({ headers: { 'x-api-key': key } })
const post = (body: unknown) => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
})

describe('/_sandbox admin endpoint', () => {
  it('lists the keys and organizations', async () => {
    const sandbox = createSandbox({ now: NOW })
    const body = (await (await sandbox.app.request('/_sandbox')).json()) as {
      keys: Record<string, string>
      organizations: unknown[]
    }
    expect(body.keys.single).toBe(SCENARIO_KEYS.single)
    // single, three msp, large, churning, and the 150 of mspMany.
    expect(body.organizations).toHaveLength(156)
  })

  it('rotates a key: the old one turns 401, the new one answers', async () => {
    const sandbox = createSandbox({ now: NOW })
    const res = await sandbox.app.request('/_sandbox/keys/rotate', post({ key: SCENARIO_KEYS.msp }))
    const { key } = (await res.json()) as { key: string }
    expect((await sandbox.app.request('/api/organizations', api(SCENARIO_KEYS.msp))).status).toBe(
      401,
    )
    expect((await sandbox.app.request('/api/organizations', api(key))).status).toBe(200)
    expect(
      (await sandbox.app.request('/_sandbox/keys/rotate', post({ key: SCENARIO_KEYS.msp }))).status,
    ).toBe(404)
  })

  it('suspends a user, and the API shows it', async () => {
    const sandbox = createSandbox({ now: NOW })
    const org = sandbox.organizations.single
    const user = org.data.users.find((u) => u.state === 'ACTIVATED')
    const res = await sandbox.app.request(
      `/_sandbox/organizations/${org.id}/users/${user?._id}/suspend`,
      { method: 'POST' },
    )
    expect(res.status).toBe(200)
    const after = (await (
      await sandbox.app.request(`/api/systemusers/${user?._id}`, api())
    ).json()) as { state: string; suspended: boolean }
    expect(after).toMatchObject({ state: 'SUSPENDED', suspended: true })
  })

  it('adds a device that shows in /api/systems, its platform group and System Insights', async () => {
    const sandbox = createSandbox({ now: NOW })
    const org = sandbox.organizations.single
    const owner = org.data.users[5]
    const before = (
      (await (await sandbox.app.request('/api/systems?limit=1', api())).json()) as {
        totalCount: number
      }
    ).totalCount
    const res = await sandbox.app.request(
      `/_sandbox/organizations/${org.id}/systems`,
      post({ platform: 'windows', ownerId: owner?._id }),
    )
    expect(res.status).toBe(201)
    const device = (await res.json()) as {
      _id: string
      osFamily: string
      primarySystemUser: { id: string }
    }
    expect(device).toMatchObject({ osFamily: 'windows', primarySystemUser: { id: owner?._id } })
    const after = (
      (await (await sandbox.app.request('/api/systems?limit=1', api())).json()) as {
        totalCount: number
      }
    ).totalCount
    expect(after).toBe(before + 1)
    const groups = (await (
      await sandbox.app.request(`/api/v2/systems/${device._id}/memberof`, api())
    ).json()) as { id: string }[]
    expect(groups.length).toBeGreaterThan(0)
    const rows = (await (
      await sandbox.app.request(
        `/api/v2/systeminsights/bitlocker_info?filter=system_id:eq:${device._id}`,
        api(),
      )
    ).json()) as unknown[]
    expect(rows).toHaveLength(1)
  })

  it('refuses an unknown platform or organization', async () => {
    const sandbox = createSandbox({ now: NOW })
    const org = sandbox.organizations.single
    expect(
      (
        await sandbox.app.request(
          `/_sandbox/organizations/${org.id}/systems`,
          post({ platform: 'beos' }),
        )
      ).status,
    ).toBe(400)
    expect(
      (
        await sandbox.app.request(
          '/_sandbox/organizations/000000000000000000000000/systems',
          post({}),
        )
      ).status,
    ).toBe(404)
  })
})

describe('the root page', () => {
  it('lists every scenario key with what it does, as a page', async () => {
    const sandbox = createSandbox({ sizes: { single: { users: 5, devices: 2, eventDays: 1 } } })
    const response = await sandbox.app.request('http://127.0.0.1:4010/')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await response.text()
    for (const [name, key] of Object.entries(SCENARIO_KEYS)) {
      expect(html).toContain(key)
      expect(html).toContain(SCENARIO_DESCRIPTIONS[name as keyof typeof SCENARIO_KEYS])
    }
    expect(html).toContain('http://127.0.0.1:4010/_sandbox')
    expect(html).not.toMatch(/<script/i)
  })
})
