import { createSandbox, SCENARIO_KEYS } from '@jumplink/sandbox'
import { UNIFIED_WRITES } from '@jumplink/shared'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { expectError } from '../fixtures/flow'
import { createHarness, type Harness } from '../fixtures/harness'
import { connectWith } from '../fixtures/sandbox-connection'

/** The unified API's writes over the sandbox's Acme Corp, in-process; writes counted at the sandbox. */
let h: Harness
const sandbox = createSandbox({ sizes: { single: { users: 60 } } })
const org = sandbox.organizations.single
let writer: string
let reader: string
let writerConnection: string
let readerConnection: string

const USERS = '/v1/unified/user-directory/users'
const GROUPS = '/v1/unified/user-directory/groups'

beforeAll(async () => {
  h = await createHarness({ fetch: async (url, init) => sandbox.app.request(url, init) })
  ;({ token: writer, connectionId: writerConnection } = await connectWith(
    h,
    SCENARIO_KEYS.single,
    org.id,
    { permissions: 'read_write' },
  ))
  ;({ token: reader, connectionId: readerConnection } = await connectWith(
    h,
    SCENARIO_KEYS.single,
    org.id,
  ))
})
afterAll(() => h.close())
beforeEach(() => sandbox.resetWriteRequests())

type Json = Record<string, unknown>
async function send(
  method: string,
  path: string,
  options: { body?: unknown; token?: string; key?: string; endUser?: string } = {},
) {
  const res = await h.call(method, path, {
    token: options.token ?? writer,
    ...(options.body === undefined ? {} : { body: options.body }),
    headers: {
      ...(options.key ? { 'idempotency-key': options.key } : {}),
      ...(options.endUser ? { 'x-end-user-id': options.endUser } : {}),
    },
  })
  return res
}
async function ok(res: Response, status = 200): Promise<Json> {
  const body = (await res.json()) as Json
  expect(res.status, JSON.stringify(body)).toBe(status)
  return body
}
const read = async (path: string) => ok(await send('GET', path, { token: reader }))
const upstreamWrites = () => sandbox.writeRequests().length
let serial = 0
const fresh = () => {
  serial++
  return {
    username: `new user ${serial}`,
    email: `new.user.${serial}@acme.example`,
    first_name: 'New',
    last_name: `User${serial}`,
  }
}

describe('user lifecycle', () => {
  it('creates a user pending until activation (spaces in the username become dots); a read agrees', async () => {
    const body = {
      ...fresh(),
      job_title: 'Analyst',
      department: 'Finance',
      employee_number: `E9${serial}`,
    }
    const created = await ok(await send('POST', USERS, { body }), 201)
    expect(created).toMatchObject({
      username: `new.user.${serial}`,
      email: body.email,
      first_name: 'New',
      job_title: 'Analyst',
      department: 'Finance',
      employee_number: body.employee_number,
      status: 'invited',
    })
    expect(upstreamWrites()).toBe(1)
    expect(await read(`${USERS}/${created.id}`)).toEqual(created)
  })

  it('updates only the fields sent, clears with null, and sets a manager', async () => {
    const user = await ok(
      await send('POST', USERS, { body: { ...fresh(), location: 'Berlin', company: 'Acme' } }),
      201,
    )
    const manager = org.data.users[0]?._id
    const updated = await ok(
      await send('PATCH', `${USERS}/${user.id}`, {
        body: { job_title: 'Lead', location: null, manager_id: manager },
      }),
    )
    expect(updated).toMatchObject({
      job_title: 'Lead',
      location: null,
      company: 'Acme',
      manager: { id: manager },
    })
    expect(await read(`${USERS}/${user.id}`)).toEqual(updated)
  })

  it('suspends, reactivates, unlocks and resets MFA; each read agrees', async () => {
    const target = org.data.users.find((u) => u.state === 'ACTIVATED' && u.mfa.configured)
    if (!target) throw new Error('no enrolled active user')
    target.account_locked = true
    const path = `${USERS}/${target._id}`
    expect((await ok(await send('POST', `${path}/suspend`))).status).toBe('inactive')
    expect((await read(path)).status).toBe('inactive')
    expect((await ok(await send('POST', `${path}/reactivate`))).status).toBe('active')
    expect((await ok(await send('POST', `${path}/unlock`))).is_locked).toBe(false)
    const reset = await ok(await send('POST', `${path}/reset-mfa`))
    expect(reset).toMatchObject({ mfa_status: 'not_enrolled', is_mfa_enabled: false })
    expect(await read(path)).toEqual(reset)
    expect(
      sandbox.writeRequests().map((w) => `${w.method} ${w.path.replace(target._id, ':id')}`),
    ).toEqual([
      'PUT /api/systemusers/:id',
      'PUT /api/systemusers/:id',
      'POST /api/systemusers/:id/unlock',
      'POST /api/systemusers/:id/resetmfa',
    ])
  })

  it('deletes a user; the read is then a 404', async () => {
    const user = await ok(await send('POST', USERS, { body: fresh() }), 201)
    expect(await ok(await send('DELETE', `${USERS}/${user.id}`))).toEqual({
      id: user.id,
      deleted: true,
    })
    await expectError(
      await send('GET', `${USERS}/${user.id}`, { token: reader }),
      'resource_not_found',
    )
    await expectError(await send('DELETE', `${USERS}/${user.id}`), 'resource_not_found')
  })
})

describe('refusals name the field', () => {
  it('a duplicate email or username is a 409 resource_conflict', async () => {
    const taken = org.data.users[3]
    if (!taken) throw new Error('no user')
    const email = await expectError(
      await send('POST', USERS, { body: { ...fresh(), email: taken.email } }),
      'resource_conflict',
    )
    expect(email.details).toEqual({ issues: [{ path: 'email', message: 'already exists' }] })
    const username = await expectError(
      await send('POST', USERS, { body: { ...fresh(), username: taken.username } }),
      'resource_conflict',
    )
    expect(username.message).toContain('`username`')
  })

  it('a bad manager id, or reactivating a user who never activated, is a 422 invalid_field_value', async () => {
    const manager = await expectError(
      await send('POST', USERS, { body: { ...fresh(), manager_id: 'ffffffffffffffffffffffff' } }),
      'invalid_field_value',
    )
    expect(manager.details).toMatchObject({ issues: [{ path: 'manager_id' }] })
    const pending = await ok(await send('POST', USERS, { body: fresh() }), 201)
    const status = await expectError(
      await send('POST', `${USERS}/${pending.id}/reactivate`),
      'invalid_field_value',
    )
    expect(status.details).toMatchObject({ issues: [{ path: 'status' }] })
  })

  it('a username JumpCloud would refuse is refused before any call', async () => {
    const res = await send('POST', USERS, { body: { ...fresh(), username: 'ada@acme.example' } })
    const error = await expectError(res, 'invalid_field_value')
    expect(error.details).toMatchObject({ issues: [{ path: 'username' }] })
    expect(upstreamWrites()).toBe(0)
  })

  it('a missing required field is a 400 invalid_request naming it, with no call', async () => {
    const error = await expectError(
      await send('POST', USERS, { body: { username: 'x' } }),
      'invalid_request',
    )
    expect(error.details).toMatchObject({ issues: [{ path: 'email' }] })
    await expectError(
      await send('PATCH', `${USERS}/${org.data.users[4]?._id}`, { body: {} }),
      'invalid_request',
    )
    expect(upstreamWrites()).toBe(0)
  })

  it('deleting a user who manages others is a 409', async () => {
    const error = await expectError(
      await send('DELETE', `${USERS}/${org.data.users[0]?._id}`),
      'resource_conflict',
    )
    expect(error.message).toMatch(/manages other users/)
  })
})

describe('groups', () => {
  it('creates a group, adds and removes a member (reads agree), and deletes it', async () => {
    const group = await ok(
      await send('POST', GROUPS, { body: { name: 'Access Reviewers', description: 'Q3 review' } }),
      201,
    )
    expect(group).toMatchObject({ name: 'Access Reviewers', description: 'Q3 review' })
    await expectError(
      await send('POST', GROUPS, { body: { name: 'access reviewers' } }),
      'resource_conflict',
    )
    const user = org.data.users[8]?._id
    const members = `${GROUPS}/${group.id}/members`
    expect(await ok(await send('POST', members, { body: { user_id: user } }))).toEqual({
      group_id: group.id,
      user_id: user,
      is_member: true,
      changed: true,
    })
    expect(
      ((await read(members)).result as { user: { id: string } }[]).map((m) => m.user.id),
    ).toEqual([user])
    // The user's groups (an index kept a minute per connection) show it at once.
    const withGroups = await read(`${USERS}/${user}?expand=groups`)
    expect((withGroups.groups as { id: string }[]).map((g) => g.id)).toContain(group.id)
    expect((await ok(await send('POST', members, { body: { user_id: user } }))).changed).toBe(false)
    expect(await ok(await send('DELETE', `${members}/${user}`))).toMatchObject({
      is_member: false,
      changed: true,
    })
    expect((await read(members)).result).toEqual([])
    expect(await ok(await send('DELETE', `${GROUPS}/${group.id}`))).toEqual({
      id: group.id,
      deleted: true,
    })
    await expectError(
      await send('GET', `${GROUPS}/${group.id}`, { token: reader }),
      'resource_not_found',
    )
  })
})

describe('Idempotency-Key', () => {
  it('a retry with the same key answers the first result and makes no second change', async () => {
    const body = fresh()
    const first = await send('POST', USERS, { body, key: `create-${serial}` })
    const firstBody = await ok(first, 201)
    const again = await send('POST', USERS, { body, key: `create-${serial}` })
    expect(await ok(again, 201)).toEqual(firstBody)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(upstreamWrites()).toBe(1)
  })

  it('a refusal is replayed too, and the key reused for another request is a 422', async () => {
    const taken = org.data.users[5]
    const body = { ...fresh(), email: taken?.email }
    const first = await expectError(
      await send('POST', USERS, { body, key: 'dup-email' }),
      'resource_conflict',
    )
    const replay = await send('POST', USERS, { body, key: 'dup-email' })
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    const again = await expectError(replay, 'resource_conflict')
    expect(again.details).toEqual(first.details)
    await expectError(
      await send('POST', USERS, { body: fresh(), key: 'dup-email' }),
      'idempotency_key_reused',
    )
    expect(upstreamWrites()).toBe(1)
  })

  it('concurrent requests with one key make one upstream call and all get its answer', async () => {
    const body = fresh()
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        send('POST', USERS, { body, key: 'race-1' }).then((r) => ok(r, 201)),
      ),
    )
    expect(new Set(answers.map((a) => a.id)).size).toBe(1)
    expect(upstreamWrites()).toBe(1)
  })

  it('rejects a malformed key with invalid_request', async () => {
    await expectError(
      await send('POST', `${USERS}/${org.data.users[4]?._id}/unlock`, { key: 'x'.repeat(256) }),
      'invalid_request',
    )
    expect(upstreamWrites()).toBe(0)
  })
})

describe('read-only connections', () => {
  it.each([
    ['POST', USERS, { email: 'ro@acme.example', username: 'ro' }],
    ['PATCH', `${USERS}/:user`, { job_title: 'x' }],
    ['POST', `${USERS}/:user/suspend`, undefined],
    ['POST', `${USERS}/:user/reactivate`, undefined],
    ['POST', `${USERS}/:user/unlock`, undefined],
    ['POST', `${USERS}/:user/reset-mfa`, undefined],
    ['DELETE', `${USERS}/:user`, undefined],
    ['POST', GROUPS, { name: 'RO' }],
    ['DELETE', `${GROUPS}/:group`, undefined],
    ['POST', `${GROUPS}/:group/members`, { user_id: 'u' }],
    ['DELETE', `${GROUPS}/:group/members/:user`, undefined],
  ])(
    '%s %s answers write_not_permitted naming read_write, and nothing reaches the directory',
    async (method, template, body) => {
      const path = template
        .replace(':user', org.data.users[6]?._id ?? '')
        .replace(':group', org.data.userGroups[2]?.id ?? '')
      const error = await expectError(
        await send(method, path, { token: reader, ...(body ? { body } : {}) }),
        'write_not_permitted',
      )
      expect(error.message).toContain('read_write')
      expect(error.details).toEqual({ required_permission: 'read_write', permission: 'read' })
      expect(upstreamWrites()).toBe(0)
    },
  )
})

describe('audit trail', () => {
  it('records each write with the acting end user, action, target, outcome and request id', async () => {
    const target = org.data.users.find((u) => u.state === 'ACTIVATED')?._id
    const done = await send('POST', `${USERS}/${target}/suspend`, {
      endUser: 'reviewer-7',
      key: 'audit-1',
    })
    await ok(done)
    await send('POST', `${USERS}/${target}/suspend`, { endUser: 'reviewer-7', key: 'audit-1' })
    const refused = await send('POST', `${USERS}/${target}/suspend`, {
      token: reader,
      endUser: 'reviewer-8',
    })
    const audit = await ok(
      await h.call('GET', `/v1/connections/${writerConnection}/audit?limit=2`, { token: h.secret }),
    )
    const [replayed, succeeded] = audit.result as Json[]
    expect(succeeded).toMatchObject({
      type: 'unified.write',
      action: 'user.suspend',
      target: { type: 'user', id: target },
      outcome: 'succeeded',
      error_code: null,
      end_user_id: 'reviewer-7',
      idempotency_key: 'audit-1',
      request_id: done.headers.get('x-request-id'),
    })
    expect(replayed).toMatchObject({ action: 'user.suspend', outcome: 'replayed' })
    expect(audit.next_cursor).toEqual(expect.any(String))
    const next = await ok(
      await h.call(
        'GET',
        `/v1/connections/${writerConnection}/audit?limit=1&cursor=${audit.next_cursor}`,
        { token: h.secret },
      ),
    )
    expect((next.result as Json[])[0]?.id).not.toBe(succeeded?.id)
    const ro = await ok(
      await h.call('GET', `/v1/connections/${readerConnection}/audit`, { token: h.secret }),
    )
    expect((ro.result as Json[])[0]).toMatchObject({
      action: 'user.suspend',
      outcome: 'failed',
      error_code: 'write_not_permitted',
      end_user_id: 'reviewer-8',
      request_id: refused.headers.get('x-request-id'),
    })
  })

  it('is not readable with another credential or for an unknown connection', async () => {
    await expectError(
      await h.call('GET', `/v1/connections/${writerConnection}/audit`, { token: writer }),
      'invalid_secret_key',
    )
    await expectError(
      await h.call('GET', '/v1/connections/conn_unknownunknownunknown1/audit', { token: h.secret }),
      'connection_not_found',
    )
    await expectError(
      await h.call('GET', `/v1/connections/${writerConnection}/audit?cursor=abc`, {
        token: h.secret,
      }),
      'invalid_cursor',
    )
  })
})

describe('OpenAPI', () => {
  it('documents every write with its body, success status and refusals', async () => {
    const doc = (await (await h.call('GET', '/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>
      >
    }
    for (const endpoint of Object.values(UNIFIED_WRITES)) {
      const operation =
        doc.paths[endpoint.path.replace(/:(\w+)/g, '{$1}')]?.[endpoint.method.toLowerCase()]
      expect(operation, `${endpoint.method} ${endpoint.path}`).toBeDefined()
      expect(Object.keys(operation?.responses ?? {})).toEqual(
        expect.arrayContaining([String(endpoint.status), '403', '409', '422']),
      )
      expect(operation?.requestBody !== undefined).toBe(endpoint.body !== undefined)
    }
  })
})
