import { beforeEach, describe, expect, it } from 'vitest'
import type { JcSystem, SystemUser } from '../data/types.ts'
import { SCENARIO_KEYS } from '../keys.ts'
import type { Sandbox } from '../public-types.ts'
import { sortRecords } from '../query/list.ts'
import { createSandbox } from '../sandbox.ts'

// Stored lists are sorted and serialised once and remembered (query/stored-views.ts): the
// answers must be the bytes `c.json` wrote before, and a write between two reads must show.

let sandbox: Sandbox
beforeEach(() => {
  sandbox = createSandbox({
    seed: 5,
    now: '2025-06-02T00:00:00.000Z',
    sizes: { single: { users: 60, devices: 30 } },
  })
})

const org = () => sandbox.organizations.single
async function call(method: string, path: string, body?: unknown) {
  const res = await sandbox.app.request(path, {
    method,
    headers: {
      'x-api-key': SCENARIO_KEYS.single,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: res.status, headers: res.headers, text: await res.text() }
}

const pick = (record: object, keys: string[]) =>
  Object.fromEntries(
    keys.filter((k) => k in record).map((k) => [k, (record as Record<string, unknown>)[k]]),
  )
const v1Text = (total: number, results: object[]) => JSON.stringify({ totalCount: total, results })

describe('stored lists', () => {
  it('answer the bytes of the projected, sorted page, as JSON', async () => {
    const path = '/api/systemusers?sort=-created%20_id&skip=7&limit=9&fields=email%20mfa.configured'
    const expected = sortRecords(org().data.users, [
      { field: 'created', descending: true },
      { field: '_id', descending: false },
    ])
      .slice(7, 16)
      .map((u) => pick(u, ['_id', 'id', 'email', 'mfa']))
    for (let read = 0; read < 2; read++) {
      const answer = await call('GET', path)
      expect(answer.status).toBe(200)
      expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8')
      expect(answer.text).toBe(v1Text(org().data.users.length, expected))
    }
  })

  it('filter a list sorted once in the order a sort of the filtered records gives', async () => {
    const path = '/api/systemusers?filter=state:$eq:ACTIVATED&sort=department%20-created&limit=100'
    const activated = org().data.users.filter((u) => u.state === 'ACTIVATED')
    const expected = sortRecords(activated, [
      { field: 'department', descending: false },
      { field: 'created', descending: true },
    ])
    await call('GET', '/api/systemusers?sort=department%20-created&limit=1')
    expect((await call('GET', path)).text).toBe(v1Text(activated.length, expected))
  })

  it('answer v2 and System Insights lists as bare arrays with their total', async () => {
    const groups = await call('GET', '/api/v2/usergroups?sort=-name&fields=name&limit=5')
    expect(groups.headers.get('x-total-count')).toBe(String(org().data.userGroups.length))
    const byName = sortRecords(org().data.userGroups, [{ field: 'name', descending: true }])
    expect(groups.text).toBe(
      JSON.stringify(byName.slice(0, 5).map((g) => pick(g, ['id', 'type', 'name']))),
    )
    const rows = org().insights('os_version')
    const insights = await call('GET', '/api/v2/systeminsights/os_version?limit=3&skip=2')
    expect(insights.headers.get('x-total-count')).toBe(String(rows.length))
    expect(insights.text).toBe(JSON.stringify(rows.slice(2, 5)))
  })
})

describe('a write between two reads shows in the second', () => {
  const usersPage = '/api/systemusers?sort=firstname%20_id&limit=100&fields=firstname%20manager'
  const readUsers = async () =>
    JSON.parse((await call('GET', usersPage)).text).results as Pick<
      SystemUser,
      '_id' | 'firstname' | 'manager'
    >[]

  it('a PUT renames a user and the sorted page moves them', async () => {
    const before = await readUsers()
    const last = before.at(-1)
    if (!last) throw new Error('no users')
    expect((await call('PUT', `/api/systemusers/${last._id}`, { firstname: 'Aaaa' })).status).toBe(
      200,
    )
    const after = await readUsers()
    expect(after[0]).toMatchObject({ _id: last._id, firstname: 'Aaaa' })
  })

  it("a delete clears its reports' manager in the list", async () => {
    const manager = org().data.users.find((u) => org().data.users.some((r) => r.manager === u._id))
    if (!manager) throw new Error('no manager in the organization')
    expect((await readUsers()).some((u) => u.manager === manager._id)).toBe(true)
    const deleted = await call('DELETE', `/api/systemusers/${manager._id}?cascade_manager=null`)
    expect(deleted.status).toBe(200)
    const after = await readUsers()
    expect(after.some((u) => u.manager === manager._id || u._id === manager._id)).toBe(false)
  })

  it('unlock, MFA reset and suspension show in the list', async () => {
    const path = '/api/systemusers?sort=_id&limit=100&fields=account_locked%20mfa%20state'
    const read = async (id: string) =>
      (
        JSON.parse((await call('GET', path)).text).results as Pick<
          SystemUser,
          '_id' | 'account_locked' | 'mfa' | 'state'
        >[]
      ).find((u) => u._id === id)
    const user = org().data.users.find((u) => u.state === 'ACTIVATED' && u.mfa.configured)
    if (!user) throw new Error('no activated user with MFA')
    user.account_locked = true
    await call('POST', `/api/systemusers/${user._id}/unlock`)
    expect(await read(user._id)).toMatchObject({ account_locked: false, mfa: { configured: true } })
    await call('POST', `/api/systemusers/${user._id}/resetmfa`, {})
    expect((await read(user._id))?.mfa.configured).toBe(false)
    sandbox.suspendUser(user._id, org().id)
    expect((await read(user._id))?.state).toBe('SUSPENDED')
  })

  it("a device's posture and a new device show in the systems list", async () => {
    const path = '/api/systems?sort=_id&limit=100&fields=fde%20active'
    const read = async () =>
      JSON.parse((await call('GET', path)).text) as {
        totalCount: number
        results: Pick<JcSystem, '_id' | 'fde'>[]
      }
    const before = await read()
    const system = before.results[0]
    if (!system) throw new Error('no systems')
    const turned = !system.fde.active
    const patched = await sandbox.app.request(
      `/_sandbox/organizations/${org().id}/systems/${system._id}`,
      { method: 'PATCH', body: JSON.stringify({ diskEncryption: turned }) },
    )
    expect(patched.status).toBe(200)
    const after = await read()
    expect(after.results.find((s) => s._id === system._id)?.fde.active).toBe(turned)
    sandbox.addDevice({ organizationId: org().id })
    expect((await read()).totalCount).toBe(before.totalCount + 1)
  })
})
