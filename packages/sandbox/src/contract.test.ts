import { beforeAll, describe, expect, it } from 'vitest'
import { definitionErrors, responseErrors, type SpecName } from './fixtures/spec-validator.ts'
import { SCENARIO_KEYS } from './keys.ts'
import type { Sandbox } from './public-types.ts'
import { createSandbox } from './sandbox.ts'

// Every endpoint's 2xx body against the matching operation in JumpCloud's specs, and the error
// cases of jumpcloud-api.md §11.

const NOW = '2025-06-02T00:00:00.000Z'
let sandbox: Sandbox

beforeAll(() => {
  sandbox = createSandbox({ seed: 7, now: NOW })
})

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await sandbox.app.request(path, {
    headers: { 'x-api-key': SCENARIO_KEYS.single, ...headers },
  })
  return { res, body: (await res.json()) as unknown }
}

const data = () => sandbox.organizations.single.data

interface Case {
  path: () => string
  spec: SpecName
  operation: string
}

const v1 = (operation: string, path: () => string): Case => ({ spec: 'V1', operation, path })
const v2 = (operation: string, path: () => string): Case => ({ spec: 'V2', operation, path })

const CASES: Case[] = [
  v1('/organizations', () => '/api/organizations'),
  v1('/organizations/{id}', () => `/api/organizations/${sandbox.organizations.single.id}`),
  v1('/systemusers', () => '/api/systemusers?limit=100'),
  v1('/systemusers/{id}', () => `/api/systemusers/${data().users[3]?._id}`),
  v1('/systems', () => '/api/systems?limit=100'),
  v1('/systems/{id}', () => `/api/systems/${data().systems[0]?._id}`),
  v1('/applications', () => '/api/applications?limit=100'),
  v1('/applications/{id}', () => `/api/applications/${data().applications[0]?._id}`),
  v2('/usergroups', () => '/api/v2/usergroups?limit=100'),
  v2('/usergroups/{id}', () => `/api/v2/usergroups/${data().userGroups[1]?.id}`),
  v2(
    '/usergroups/{group_id}/members',
    () => `/api/v2/usergroups/${data().userGroups[1]?.id}/members?limit=100`,
  ),
  v2(
    '/usergroups/{group_id}/membership',
    () => `/api/v2/usergroups/${data().userGroups[0]?.id}/membership?limit=100`,
  ),
  v2('/systemgroups', () => '/api/v2/systemgroups?limit=100'),
  v2('/systemgroups/{id}', () => `/api/v2/systemgroups/${data().systemGroups[1]?.id}`),
  v2(
    '/systemgroups/{group_id}/members',
    () => `/api/v2/systemgroups/${data().systemGroups[0]?.id}/members`,
  ),
  v2(
    '/systemgroups/{group_id}/membership',
    () => `/api/v2/systemgroups/${data().systemGroups[0]?.id}/membership?limit=100`,
  ),
  v2('/users/{user_id}/memberof', () => `/api/v2/users/${ownerOfLinuxServer()}/memberof`),
  v2('/users/{user_id}/systems', () => `/api/v2/users/${ownerOfLinuxServer()}/systems`),
  v2('/systems/{system_id}/users', () => `/api/v2/systems/${linuxServer()}/users?limit=100`),
  v2('/systems/{system_id}/memberof', () => `/api/v2/systems/${linuxServer()}/memberof`),
  v2(
    '/systems/{system_id}/associations',
    () => `/api/v2/systems/${linuxServer()}/associations?targets=user`,
  ),
  v2(
    '/users/{user_id}/associations',
    () => `/api/v2/users/${ownerOfLinuxServer()}/associations?targets=system`,
  ),
  v2(
    '/usergroups/{group_id}/associations',
    () => `/api/v2/usergroups/${groupNamed('Server Admins')}/associations?targets=system_group`,
  ),
  v2(
    '/systemgroups/{group_id}/associations',
    () => `/api/v2/systemgroups/${groupNamed('Linux Servers')}/associations?targets=user_group`,
  ),
  v2(
    '/applications/{application_id}/users',
    () => `/api/v2/applications/${data().applications[0]?._id}/users?limit=100`,
  ),
  v2(
    '/applications/{application_id}/usergroups',
    () => `/api/v2/applications/${data().applications[0]?._id}/usergroups`,
  ),
  v2('/applemdms', () => '/api/v2/applemdms'),
  v2(
    '/applemdms/{apple_mdm_id}/devices',
    () => `/api/v2/applemdms/${sandbox.organizations.single.appleMdm.id}/devices?limit=100`,
  ),
  ...[
    'apps',
    'programs',
    'disk_encryption',
    'bitlocker_info',
    'os_version',
    'system_info',
    'alf',
    'windows_security_products',
  ].map((table) =>
    v2(`/systeminsights/${table}`, () => `/api/v2/systeminsights/${table}?limit=1000`),
  ),
]

function linuxServer(): string {
  const server = data().systems.find((s) => s.osFamily === 'linux' && s.primarySystemUser.id)
  if (!server) throw new Error('the data set has no owned Linux device')
  return server._id
}
function groupNamed(name: string): string {
  const group = [...data().userGroups, ...data().systemGroups].find((g) => g.name === name)
  if (!group) throw new Error(`the data set has no group ${name}`)
  return group.id
}
function ownerOfLinuxServer(): string {
  return data().systems.find((s) => s._id === linuxServer())?.primarySystemUser.id ?? ''
}

describe('2xx bodies follow the reference specs', () => {
  for (const { spec, operation, path } of CASES) {
    it(`GET ${operation} (${spec})`, async () => {
      const { res, body } = await get(path())
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
      expect(responseErrors(spec, 'get', operation, body)).toEqual([])
      const records = Array.isArray(body)
        ? body
        : ((body as { results?: unknown[] }).results ?? [body])
      expect(records.length).toBeGreaterThan(0)
      if (spec === 'V1')
        for (const r of records as { _id: string; id: string }[]) expect(r.id).toBe(r._id)
      if (Array.isArray(body)) expect(res.headers.get('x-total-count')).toMatch(/^\d+$/)
    })
  }

  it('GET /api/users (admins; a documented but method-less path) follows userreturn', async () => {
    const { res, body } = await get('/api/users')
    expect(res.status).toBe(200)
    const { totalCount, results } = body as { totalCount: number; results: unknown[] }
    expect(totalCount).toBe(results.length)
    for (const admin of results) {
      expect(definitionErrors('V1', 'userreturn', admin)).toEqual([])
      expect((admin as { roleName: string }).roleName).toBeTruthy()
    }
  })

  it('POST /insights/directory/v1/events follows Event_Get and sets the paging headers', async () => {
    const res = await sandbox.app.request('/insights/directory/v1/events', {
      method: 'POST',
      headers: { 'x-api-key': SCENARIO_KEYS.single, 'content-type': 'application/json' },
      body: JSON.stringify({ service: ['all'], start_time: '2025-05-01T00:00:00Z', limit: 50 }),
    })
    const body = await res.json()
    expect(res.status).toBe(200)
    expect(responseErrors('DirectoryInsights', 'post', '/events', body)).toEqual([])
    expect(res.headers.get('X-Result-Count')).toBe('50')
    expect(res.headers.get('X-Limit')).toBe('50')
    expect(JSON.parse(res.headers.get('X-Search_after') ?? '')).toHaveLength(2)
  })

  it('writes unset user strings as "" and ids as 24 lowercase hex', async () => {
    const { body } = await get('/api/systemusers?limit=100')
    const users = (body as { results: Record<string, unknown>[] }).results
    for (const user of users) {
      expect(user._id).toMatch(/^[0-9a-f]{24}$/)
      expect(typeof user.description).toBe('string')
      expect(typeof user.middlename).toBe('string')
      expect(user.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    }
    expect(users.some((u) => u.middlename === '')).toBe(true)
  })
})

describe('the shapes recorded real tenants showed (issue 19) are served and follow the specs', () => {
  it('systemusers carry external_dn/external_source_type; older records lack state and more', async () => {
    const { body } = await get('/api/systemusers?limit=100')
    const users = (body as { results: Record<string, unknown>[] }).results
    expect(responseErrors('V1', 'get', '/systemusers', body)).toEqual([])
    for (const user of users) {
      expect(user.external_dn).toBe('')
      expect(user.external_source_type).toBe('')
    }
    const legacy = users.filter((u) => !('state' in u))
    expect(legacy.length).toBeGreaterThan(0)
    for (const user of legacy) {
      for (const field of ['organization', 'mfaEnrollment', 'manager', 'alternateEmail'])
        expect(user).not.toHaveProperty(field)
      expect(user).not.toHaveProperty('password_date')
      expect(user).not.toHaveProperty('password_expiration_date')
      expect(definitionErrors('V1', 'systemuserreturn', user)).toEqual([])
    }
    const all = data().users
    expect(all.some((u) => u.state === 'ACTIVATED' && u.activated === false)).toBe(true)
  })

  it('lists an organization with displayName null; GET by id answers its settings', async () => {
    const msp = { 'x-api-key': SCENARIO_KEYS.msp }
    const { body } = await get('/api/organizations', msp)
    expect(responseErrors('V1', 'get', '/organizations', body)).toEqual([])
    const listed = (body as { results: { _id: string; displayName: string | null }[] }).results
    const unnamed = listed.find((o) => o.displayName === null)
    expect(unnamed).toBeDefined()
    const one = await get(`/api/organizations/${unnamed?._id}`, {
      ...msp,
      'x-org-id': unnamed?._id ?? '',
    })
    expect(one.res.status).toBe(200)
    expect(responseErrors('V1', 'get', '/organizations/{id}', one.body)).toEqual([])
    const details = one.body as { displayName: null; settings: { name: string } }
    expect(details.displayName).toBeNull()
    expect(details.settings.name).toBe('Umbrella Health')
    expect(details).not.toEqual(listed.find((o) => o._id === unnamed?._id))
  })

  it('the mspMany key reaches 150 organizations, two pages of /api/organizations', async () => {
    const headers = { 'x-api-key': SCENARIO_KEYS.mspMany }
    const first = await get('/api/organizations?limit=100&skip=0', headers)
    const second = await get('/api/organizations?limit=100&skip=100', headers)
    const ids = [first, second].flatMap(
      ({ body }) => (body as { results: { _id: string }[] }).results,
    )
    expect((first.body as { totalCount: number }).totalCount).toBe(150)
    expect(new Set(ids.map((o) => o._id)).size).toBe(150)
    expect(responseErrors('V1', 'get', '/organizations', second.body)).toEqual([])
  })

  it('user groups mostly carry no membershipMethod (nor membershipAutomated)', async () => {
    const { body } = await get('/api/v2/usergroups?limit=100')
    const groups = body as Record<string, unknown>[]
    expect(groups.some((g) => !('membershipMethod' in g) && !('membershipAutomated' in g))).toBe(
      true,
    )
    expect(groups.some((g) => g.membershipMethod === 'DYNAMIC_AUTOMATED')).toBe(true)
  })

  it('applications carry color: null when no colour was picked', async () => {
    const { body } = await get('/api/applications?limit=100')
    const apps = (body as { results: Record<string, unknown>[] }).results
    expect(apps.every((a) => 'color' in a && a.color === null)).toBe(true)
  })

  it('graph results carry compiledAttributes; hops carry attributes where set', async () => {
    const { body } = await get(`/api/v2/systems/${linuxServer()}/users?limit=100`)
    const results = body as {
      compiledAttributes: unknown
      paths: { attributes: unknown }[][]
    }[]
    expect(responseErrors('V2', 'get', '/systems/{system_id}/users', body)).toEqual([])
    for (const result of results) expect(typeof result.compiledAttributes).toBe('object')
    const hops = results.flatMap((r) => r.paths.flat())
    expect(hops.some((hop) => hop.attributes !== null && typeof hop.attributes === 'object')).toBe(
      true,
    )
    expect(results.some((r) => JSON.stringify(r.compiledAttributes).includes('"sudo"'))).toBe(true)
  })

  it('Apple MDM lists its devices, iPhones and iPads among them, with DEP enrollment', async () => {
    const managers = await get('/api/v2/applemdms')
    const [manager] = managers.body as { id: string }[]
    const { res, body } = await get(`/api/v2/applemdms/${manager?.id}/devices?limit=100`)
    expect(res.status).toBe(200)
    expect(res.headers.get('x-total-count')).toMatch(/^\d+$/)
    const devices = body as { modelFamily: string; serialNumber: string; depRegistered: boolean }[]
    const families = new Set(devices.map((d) => d.modelFamily))
    expect(families).toEqual(new Set(['Mac', 'iPhone', 'iPad']))
    expect(new Set(devices.map((d) => d.depRegistered))).toEqual(new Set([true, false]))
    const serials = new Set(data().systems.map((s) => s.serialNumber))
    expect(devices.every((d) => serials.has(d.serialNumber))).toBe(true)
    const unknown = await get('/api/v2/applemdms/000000000000000000000000/devices')
    expect(unknown.res.status).toBe(404)
  })
})

describe('the query forms the link server sends, and the specs’ own samples, are accepted', () => {
  it('takes the empty sort=, fields= and x-org-id: of the code samples', async () => {
    const { res, body } = await get('/api/systemusers?limit=10&skip=0&sort=&fields=', {
      'x-org-id': '',
    })
    expect(res.status).toBe(200)
    expect((body as { results: unknown[] }).results).toHaveLength(10)
  })

  it('takes x-org-id of its own organization from a single-tenant key', async () => {
    const { res } = await get('/api/v2/usergroups?limit=5', {
      'x-org-id': sandbox.organizations.single.id,
    })
    expect(res.status).toBe(200)
  })

  it('takes sort=_id, fields, repeated v1 $eq filters, and v2 id:eq: on a traversal', async () => {
    const user = data().users[4]
    const v1 = await get(
      `/api/systemusers?sort=_id&fields=username%20email&filter=_id:$eq:${user?._id}&filter=email:$eq:${user?.email}`,
    )
    expect(v1.res.status).toBe(200)
    expect((v1.body as { results: { _id: string }[] }).results.map((u) => u._id)).toEqual([
      user?._id,
    ])
    const app = data().applications[0]?._id
    const all = await get(`/api/v2/applications/${app}/users?limit=100`)
    const [first] = all.body as { id: string }[]
    const one = await get(`/api/v2/applications/${app}/users?filter=id:eq:${first?.id}`)
    expect(one.res.status).toBe(200)
    expect((one.body as { id: string }[]).map((u) => u.id)).toEqual([first?.id])
  })

  it('takes sort=-created _id (newest first, ties by id), as created_after reads lists', async () => {
    for (const path of ['/api/systemusers', '/api/systems', '/api/applications']) {
      const { res, body } = await get(`${path}?limit=100&sort=-created%20_id`)
      expect(res.status, path).toBe(200)
      const results = (body as { results: { _id: string; created: string }[] }).results
      expect(results.length, path).toBeGreaterThan(1)
      for (const [i, r] of results.entries()) {
        const before = results[i - 1]
        if (!before) continue
        const order = Date.parse(before.created) - Date.parse(r.created)
        expect(order > 0 || (order === 0 && before._id < r._id), path).toBe(true)
      }
    }
  })
})

async function post(path: string, body: unknown) {
  const res = await sandbox.app.request(path, {
    method: 'POST',
    headers: { 'x-api-key': SCENARIO_KEYS.single, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { res, body: (await res.json()) as unknown }
}

describe('v1 search (User_Search, System_Search) as the V1 spec documents it', () => {
  it('finds records by an "or" of ids, in spec shape, projected to fields', async () => {
    const [a, b] = [data().users[5], data().users[2]]
    const found = await post('/api/search/systemusers', {
      filter: { or: [{ _id: a?._id }, { _id: b?._id }] },
      fields: 'username email',
      limit: 2,
    })
    expect(found.res.status).toBe(200)
    expect(responseErrors('V1', 'post', '/search/systemusers', found.body)).toEqual([])
    const { totalCount, results } = found.body as {
      totalCount: number
      results: Record<string, unknown>[]
    }
    expect(totalCount).toBe(2)
    expect(sandbox.writeRequests().filter((w) => w.path.startsWith('/api/search/'))).toEqual([])
    expect(results.map((u) => u._id).sort()).toEqual([a?._id, b?._id].sort())
    expect(results.every((u) => 'username' in u && !('firstname' in u))).toBe(true)
    const system = data().systems[1]
    const systems = await post('/api/search/systems', { filter: { or: [{ _id: system?._id }] } })
    expect(responseErrors('V1', 'post', '/search/systems', systems.body)).toEqual([])
    expect((systems.body as { results: { _id: string }[] }).results.map((s) => s._id)).toEqual([
      system?._id,
    ])
  })

  it('ANDs an array of exact matches, pages with limit/skip, and text-searches fields', async () => {
    const user = data().users[7]
    const exact = await post('/api/search/systemusers', { filter: [], fields: '' })
    expect(exact.res.status).toBe(200)
    const both = await post('/api/search/systemusers', {
      filter: [{ email: user?.email }, { username: user?.username }],
    })
    expect((both.body as { results: { _id: string }[] }).results.map((u) => u._id)).toEqual([
      user?._id,
    ])
    const none = await post('/api/search/systemusers', {
      filter: { and: [{ email: user?.email }, { username: `${user?.username}-not` }] },
    })
    expect((none.body as { totalCount: number }).totalCount).toBe(0)
    const all = data().users.length
    const second = await post('/api/search/systemusers', { limit: 3, skip: 3 })
    expect(second.body).toMatchObject({ totalCount: all })
    expect((second.body as { results: unknown[] }).results).toHaveLength(3)
    const term = (user?.email ?? '').slice(1, 6).toUpperCase()
    const text = await post('/api/search/systemusers', {
      searchFilter: { searchTerm: [term], fields: ['email'] },
    })
    const emails = (text.body as { results: { email: string }[] }).results.map((u) => u.email)
    expect(emails.length).toBeGreaterThan(0)
    expect(emails.every((e) => e.toLowerCase().includes(term.toLowerCase()))).toBe(true)
  })

  it('refuses operator objects, bad bodies and the query $in with a v1 400', async () => {
    for (const body of [
      { filter: { created: { $gt: '2024-01-01' } } },
      { filter: { not: [{ state: 'ACTIVATED' }] } },
      { limit: 101 },
      '{not json',
    ]) {
      const refused = await post('/api/search/systemusers', body)
      expect(refused.res.status).toBe(400)
      expect(refused.body).toMatchObject({ error: 'Bad Request' })
    }
    const user = data().users[4]
    const query = await get(`/api/systemusers?filter=_id:$in:${user?._id}`)
    expect(query.res.status).toBe(400)
    expect(query.body).toMatchObject({
      error: 'Bad Request',
      message: expect.stringContaining('$in'),
    })
  })

  it('refuses the query ranges and negations the V1 spec does not show ($gt, $nin, …)', async () => {
    for (const [path, op] of [
      ['/api/systemusers?filter=created:$gt:2024-01-01T00:00:00.000Z', '$gt'],
      ['/api/systems?filter=lastContact:$gt:2024-01-01T00:00:00.000Z', '$gt'],
      ['/api/systems?filter=osFamily:$nin:darwin|windows', '$nin'],
      ['/api/applications?filter=created:$gt:2024-01-01T00:00:00.000Z', '$gt'],
      ['/api/systemusers?filter=created:$gte:2024-01-01', '$gte'],
      ['/api/systemusers?filter=state:$ne:ACTIVATED', '$ne'],
      ['/api/systems?filter[or][0]=created:$lt:2024-01-01', '$lt'],
    ] as const) {
      const { res, body } = await get(path)
      expect(res.status, path).toBe(400)
      expect(body, path).toMatchObject({
        error: 'Bad Request',
        message: expect.stringContaining(op),
      })
    }
  })
})

describe('direct bindings (…/associations) as the V2 spec documents them', () => {
  const linuxGroup = () => `/api/v2/systemgroups/${groupNamed('Linux Servers')}/associations`

  it('require targets from the operation’s enum; one not modelled has no bindings', async () => {
    expect((await get(linuxGroup())).res.status).toBe(400)
    expect((await get(`${linuxGroup()}?targets=application`)).res.status).toBe(400)
    const commands = await get(`${linuxGroup()}?targets=command`)
    expect(commands.res.status).toBe(200)
    expect(commands.body).toEqual([])
    const missing = await get('/api/v2/systems/000000000000000000000000/associations?targets=user')
    expect(missing.res.status).toBe(404)
  })

  it('page with limit and skip, the total in x-total-count, the binding attributes on each', async () => {
    const all = await get(`${linuxGroup()}?targets=user_group&limit=100`)
    const bound = all.body as { attributes: unknown; to: { id: string; type: string } }[]
    expect(all.res.headers.get('x-total-count')).toBe('2')
    expect(bound.map((b) => b.to.id).sort()).toEqual(
      [groupNamed('Server Admins'), groupNamed('Engineering')].sort(),
    )
    expect(bound.find((b) => b.to.id === groupNamed('Server Admins'))?.attributes).toEqual({
      sudo: { enabled: true, withoutPassword: false },
    })
    const second = await get(`${linuxGroup()}?targets=user_group&limit=1&skip=1`)
    expect(second.res.headers.get('x-total-count')).toBe('2')
    expect(second.body).toEqual([bound[1]])
  })

  it('POST adds a binding seen from both sides, refuses it twice, and removes it', async () => {
    const system = data().systems.find((s) => s.osFamily === 'darwin')?._id
    const user = data().users[9]?._id
    const send = (body: unknown) =>
      sandbox.app.request(`/api/v2/systems/${system}/associations`, {
        method: 'POST',
        headers: { 'x-api-key': SCENARIO_KEYS.single, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const bind = (op: string) =>
      send({
        op,
        type: 'user',
        id: user,
        attributes: { sudo: { enabled: true, withoutPassword: true } },
      })
    expect((await bind('add')).status).toBe(204)
    expect((await bind('add')).status).toBe(409)
    const fromUser = await get(`/api/v2/users/${user}/associations?targets=system`)
    expect(fromUser.body).toContainEqual({
      attributes: { sudo: { enabled: true, withoutPassword: true } },
      to: { attributes: null, id: system, type: 'system' },
    })
    const traversed = await get(`/api/v2/systems/${system}/users?limit=100`)
    expect((traversed.body as { id: string }[]).map((u) => u.id)).toContain(user)
    expect((await bind('remove')).status).toBe(204)
    const after = await get(`/api/v2/users/${user}/associations?targets=system`)
    expect((after.body as { to: { id: string } }[]).map((b) => b.to.id)).not.toContain(system)
    const wrong = await post(`/api/v2/systems/${system}/associations`, {
      op: 'add',
      type: 'system',
    })
    expect(wrong.res.status).toBe(400)
  })
})

describe('errors follow jumpcloud-api.md §11', () => {
  it('answers an unknown or missing key with the recorded 401 body', async () => {
    for (const headers of [{ 'x-api-key': SCENARIO_KEYS.invalid }, { 'x-api-key': '' }]) {
      const { res, body } = await get('/api/systemusers', headers)
      expect(res.status).toBe(401)
      expect(body).toEqual({
        error: 'Unauthorized',
        message: 'Unauthorized: api key user not found',
      })
    }
  })

  it('answers an MSP key without x-org-id with 401 except on /api/organizations', async () => {
    const msp = { 'x-api-key': SCENARIO_KEYS.msp }
    const orgs = await get('/api/organizations', msp)
    expect(orgs.res.status).toBe(200)
    expect((orgs.body as { totalCount: number }).totalCount).toBe(3)
    const users = await get('/api/systemusers', msp)
    expect(users.res.status).toBe(401)
    expect(users.body).toEqual({
      error: 'Unauthorized',
      message: 'Unauthorized: no organization selected',
    })
    const groups = await get('/api/v2/usergroups', msp)
    expect(groups.res.status).toBe(401)
    const events = await sandbox.app.request('/insights/directory/v1/events', {
      method: 'POST',
      headers: msp,
      body: JSON.stringify({ service: ['all'], start_time: '2025-05-01T00:00:00Z' }),
    })
    expect(events.status).toBe(401)
    expect(await events.json()).toEqual({ message: 'Unauthorized: no organization selected' })
  })

  it('answers a malformed x-org-id with 400 and an unknown one with 404', async () => {
    const msp = { 'x-api-key': SCENARIO_KEYS.msp }
    const malformed = await get('/api/systemusers', { ...msp, 'x-org-id': 'not-an-id' })
    expect(malformed.res.status).toBe(400)
    const unknown = await get('/api/systemusers', {
      ...msp,
      'x-org-id': sandbox.organizations.single.id,
    })
    expect(unknown.res.status).toBe(404)
    expect(unknown.body).toMatchObject({ error: 'Not Found' })
  })

  it('answers an unknown id with 404 {message, error}', async () => {
    for (const path of [
      '/api/systemusers/000000000000000000000000',
      '/api/v2/usergroups/000000000000000000000000/members',
    ]) {
      const { res, body } = await get(path)
      expect(res.status).toBe(404)
      expect(body).toEqual({ message: expect.any(String), error: 'Not Found' })
    }
  })

  it('answers bad paging and filters with 400: v1 {message, error}, v2 ErrorDetails', async () => {
    const tooMany = await get('/api/systemusers?limit=101')
    expect(tooMany.res.status).toBe(400)
    expect(tooMany.body).toMatchObject({ error: 'Bad Request' })
    const badFilter = await get('/api/systemusers?filter=state:$like:x')
    expect(badFilter.res.status).toBe(400)
    const v2 = await get('/api/v2/usergroups?filter=name:$eq:x')
    expect(v2.res.status).toBe(400)
    expect(definitionErrors('V2', 'ErrorDetails', v2.body)).toEqual([])
    expect(v2.body).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' })
    const insights = await get('/api/v2/systeminsights/apps?filter=name:ne:Slack')
    expect(insights.res.status).toBe(400)
  })

  it('refuses the eventually-consistent v1 operators without their header', async () => {
    expect((await get('/api/systemusers?filter=email:$sw:a')).res.status).toBe(400)
    const ok = await get('/api/systemusers?filter=email:$sw:a', {
      'x-eventually-consistent': 'true',
    })
    expect(ok.res.status).toBe(200)
  })

  it('answers bad Directory Insights queries with 400', async () => {
    const post = (body: unknown) =>
      sandbox.app.request('/insights/directory/v1/events', {
        method: 'POST',
        headers: { 'x-api-key': SCENARIO_KEYS.single },
        body: JSON.stringify(body),
      })
    const unknownService = await post({ service: ['nope'], start_time: '2025-05-01T00:00:00Z' })
    expect(unknownService.status).toBe(400)
    expect(JSON.stringify(await unknownService.json())).toContain('directory')
    expect((await post({ service: ['all'] })).status).toBe(400)
    expect(
      (
        await post({
          service: ['all'],
          start_time: '2025-05-02T00:00:00Z',
          end_time: '2025-05-01T00:00:00Z',
        })
      ).status,
    ).toBe(400)
    expect((await post({ service: ['all'], start_time: '2999-01-01T00:00:00Z' })).status).toBe(400)
    expect(
      (await post({ service: ['all'], start_time: '2025-05-01T00:00:00Z', fields: [] })).status,
    ).toBe(400)
  })
})
