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
    '/applications/{application_id}/users',
    () => `/api/v2/applications/${data().applications[0]?._id}/users?limit=100`,
  ),
  v2(
    '/applications/{application_id}/usergroups',
    () => `/api/v2/applications/${data().applications[0]?._id}/usergroups`,
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
