import { describe, expect, it } from 'vitest'
import { SCENARIO_KEYS } from '../keys.ts'
import { createRandom } from '../random.ts'
import { createSandbox } from '../sandbox.ts'
import { startChurn } from './churn.ts'

const api = (key: string = SCENARIO_KEYS.single) => ({ headers: { 'x-api-key': key } })
const send = (method: string, body?: unknown) => ({
  method,
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  headers: { 'content-type': 'application/json' },
})

async function eventTypes(
  sandbox: ReturnType<typeof createSandbox>,
  key: string,
  since: Date,
): Promise<string[]> {
  const res = await sandbox.app.request('/insights/directory/v1/events', {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify({ service: ['all'], start_time: since.toISOString() }),
  })
  expect(res.status).toBe(200)
  return ((await res.json()) as { event_type: string }[]).map((e) => e.event_type)
}

describe('/_sandbox organization changes', () => {
  it('creates, suspends, regroups, re-postures and deletes, each visible in the API and in Directory Insights', async () => {
    const sandbox = createSandbox()
    const org = sandbox.organizations.single
    const base = `/_sandbox/organizations/${org.id}`
    const since = new Date(Date.now() - 1000)

    const created = await sandbox.app.request(
      `${base}/users`,
      send('POST', { username: 'new.hire', email: 'new.hire@acme.example', password: 'p' }),
    )
    expect(created.status).toBe(201)
    const user = (await created.json()) as { _id: string; state: string }
    expect(user.state).toBe('ACTIVATED')

    const suspended = await sandbox.app.request(
      `${base}/users/${user._id}`,
      send('PATCH', { suspended: true, jobTitle: 'Engineer' }),
    )
    expect(suspended.status).toBe(200)
    const read = (await (
      await sandbox.app.request(`/api/systemusers/${user._id}`, api())
    ).json()) as { state: string; jobTitle: string }
    expect(read).toMatchObject({ state: 'SUSPENDED', jobTitle: 'Engineer' })

    const group = org.data.userGroups[0]
    if (!group) throw new Error('the single organization has groups')
    const added = await sandbox.app.request(
      `${base}/usergroups/${group.id}/members`,
      send('POST', { op: 'add', id: user._id }),
    )
    expect(added.status).toBe(204)
    const members = (await (
      await sandbox.app.request(`/api/v2/usergroups/${group.id}/members?limit=100`, api())
    ).json()) as { to: { id: string } }[]
    expect(members.map((m) => m.to.id)).toContain(user._id)

    const system = org.data.systems.find((s) => s.fde.active)
    if (!system) throw new Error('some device is encrypted')
    const postured = await sandbox.app.request(
      `${base}/systems/${system._id}`,
      send('PATCH', { diskEncryption: false }),
    )
    expect(postured.status).toBe(200)
    const systemRead = (await (
      await sandbox.app.request(`/api/systems/${system._id}`, api())
    ).json()) as { fde: { active: boolean } }
    expect(systemRead.fde.active).toBe(false)

    const deleted = await sandbox.app.request(`${base}/users/${user._id}`, send('DELETE'))
    expect(deleted.status).toBe(200)
    expect((await sandbox.app.request(`/api/systemusers/${user._id}`, api())).status).toBe(404)

    expect(await eventTypes(sandbox, SCENARIO_KEYS.single, since)).toEqual(
      expect.arrayContaining([
        'user_create',
        'user_update',
        'user_suspended',
        'association_change',
        'system_update',
        'user_delete',
      ]),
    )
  })

  it('turns bad changes down with JumpCloud’s 400 and unknown records with 404', async () => {
    const sandbox = createSandbox()
    const base = `/_sandbox/organizations/${sandbox.organizations.single.id}`
    const noEmail = await sandbox.app.request(`${base}/users`, send('POST', { username: 'x' }))
    expect(noEmail.status).toBe(400)
    expect(JSON.stringify(await noEmail.json())).toContain('email')
    const system = sandbox.organizations.single.data.systems[0]
    const badPosture = await sandbox.app.request(
      `${base}/systems/${system?._id}`,
      send('PATCH', { diskEncryption: 'no' }),
    )
    expect(badPosture.status).toBe(400)
    expect(
      (await sandbox.app.request(`${base}/users/${'0'.repeat(24)}`, send('DELETE'))).status,
    ).toBe(404)
    expect(
      (await sandbox.app.request('/_sandbox/organizations/nope/users', send('POST', {}))).status,
    ).toBe(404)
  })

  it('the churning organization changes on its own once its key is used', async () => {
    const sandbox = createSandbox({ churnEveryMs: 20 })
    const org = sandbox.organizations.churning
    const since = new Date(Date.now() - 1000)
    expect(
      (await sandbox.app.request('/api/systemusers', api(SCENARIO_KEYS.churning))).status,
    ).toBe(200)
    const deadline = Date.now() + 10_000
    let types: string[] = []
    while (Date.now() < deadline) {
      types = await eventTypes(sandbox, SCENARIO_KEYS.churning, since)
      if (types.length >= 5) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(types.length).toBeGreaterThanOrEqual(5)
    expect(org.data.users.length).toBeGreaterThan(0)
  })

  it('a churn tick makes every kind of change over enough ticks', () => {
    const sandbox = createSandbox()
    const churn = startChurn(sandbox.organizations.churning, {
      everyMs: 3_600_000,
      random: createRandom(7),
    })
    churn.stop()
    const done = Array.from({ length: 80 }, () => churn.tick().split(' ')[0])
    expect(new Set(done)).toEqual(
      new Set(['suspended', 'reactivated', 'added', 'removed', 'disk', 'created', 'deleted']),
    )
  })
})
