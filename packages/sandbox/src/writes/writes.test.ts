import { beforeEach, describe, expect, it } from 'vitest'
import { definitionErrors, responseErrors } from '../fixtures/spec-validator.ts'
import { SCENARIO_KEYS } from '../keys.ts'
import type { Sandbox } from '../public-types.ts'
import { createSandbox } from '../sandbox.ts'

// JumpCloud's write semantics (jumpcloud-api.md §10): what a write answers, and that the reads
// that follow agree with it.

let sandbox: Sandbox
beforeEach(() => {
  sandbox = createSandbox({
    seed: 3,
    now: '2025-06-02T00:00:00.000Z',
    sizes: { single: { users: 40 } },
  })
})

const org = () => sandbox.organizations.single
async function call(
  method: string,
  path: string,
  body?: unknown,
  key: string = SCENARIO_KEYS.single,
) {
  const res = await sandbox.app.request(path, {
    method,
    headers: {
      'x-api-key': key,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> }
}
const violation = (body: Record<string, unknown>) =>
  (body.details as { fieldViolationsList: { field: string; description: string }[] }[])[0]
    ?.fieldViolationsList[0]

const newUser = {
  username: 'ada.lovelace',
  email: 'ada@acme.example',
  firstname: 'Ada',
  lastname: 'Lovelace',
}

describe('system users', () => {
  it('creates a user (200, the spec shape) who stays STAGED without a password, and reads agree', async () => {
    const created = await call('POST', '/api/systemusers', { ...newUser, jobTitle: 'Analyst' })
    expect(created.status).toBe(200)
    expect(responseErrors('V1', 'post', '/systemusers', created.body)).toEqual([])
    expect(created.body).toMatchObject({
      state: 'STAGED',
      activated: false,
      suspended: false,
      displayname: 'Ada Lovelace',
    })
    const read = await call('GET', `/api/systemusers/${created.body._id}`)
    expect(read.body).toEqual(created.body)
    const list = await call('GET', '/api/systemusers?filter=username:$eq:ada.lovelace')
    expect(list.body.totalCount).toBe(1)
  })

  it('creates an ACTIVATED user when a password is given', async () => {
    const created = await call('POST', '/api/systemusers', { ...newUser, password: 'Secr3t-pass!' })
    expect(created.body).toMatchObject({ state: 'ACTIVATED', activated: true })
    expect(created.body).not.toHaveProperty('password')
  })

  it.each([
    ['a missing username', { email: 'x@acme.example' }, 'username', 'is required'],
    ['a missing email', { username: 'x' }, 'email', 'is required'],
    [
      'a username with a space',
      { ...newUser, username: 'ada lovelace' },
      'username',
      'may contain',
    ],
    [
      'an email as username',
      { ...newUser, username: 'ada@acme.example' },
      'username',
      'may contain',
    ],
    ['a bad email', { ...newUser, email: 'not-an-email' }, 'email', 'is not a valid'],
    [
      'an unknown manager',
      { ...newUser, manager: 'ffffffffffffffffffffffff' },
      'manager',
      'must be the id',
    ],
    ['a number as a name', { ...newUser, firstname: 7 }, 'firstname', 'must be a string'],
  ])(
    'refuses %s with a 400 naming the field, and stores nothing',
    async (_label, body, field, description) => {
      const before = org().data.users.length
      const res = await call('POST', '/api/systemusers', body)
      expect(res.status).toBe(400)
      expect(res.body).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' })
      expect(violation(res.body)?.field).toBe(field)
      expect(violation(res.body)?.description).toContain(description)
      expect(org().data.users.length).toBe(before)
    },
  )

  it('refuses duplicate usernames, emails and employee ids (case-insensitively) with a 400', async () => {
    const existing = org().data.users[5]
    if (!existing) throw new Error('no user')
    for (const [body, field] of [
      [{ ...newUser, username: existing.username.toUpperCase() }, 'username'],
      [{ ...newUser, email: existing.email.toUpperCase() }, 'email'],
      [
        {
          ...newUser,
          employeeIdentifier: org().data.users.find((u) => u.employeeIdentifier)
            ?.employeeIdentifier,
        },
        'employeeIdentifier',
      ],
    ] as const) {
      const res = await call('POST', '/api/systemusers', body)
      expect(res.status).toBe(400)
      expect(violation(res.body)).toEqual({ field, description: 'already exists' })
    }
  })

  it('updates only the fields sent, and a rejected update changes nothing', async () => {
    const user = org().data.users[7]
    if (!user) throw new Error('no user')
    const before = structuredClone(user)
    const updated = await call('PUT', `/api/systemusers/${user._id}`, {
      department: 'Finance',
      jobTitle: 'Controller',
    })
    expect(updated.status).toBe(200)
    expect(updated.body).toEqual({ ...before, department: 'Finance', jobTitle: 'Controller' })
    const bad = await call('PUT', `/api/systemusers/${user._id}`, {
      department: 'Legal',
      email: 'nope',
    })
    expect(bad.status).toBe(400)
    expect((await call('GET', `/api/systemusers/${user._id}`)).body.department).toBe('Finance')
  })

  it('moves between states: suspend and reactivate; a pending user cannot be activated by PUT', async () => {
    const active = org().data.users.find((u) => u.state === 'ACTIVATED')
    if (!active) throw new Error('no active user')
    const suspended = await call('PUT', `/api/systemusers/${active._id}`, { state: 'SUSPENDED' })
    expect(suspended.body).toMatchObject({ state: 'SUSPENDED', suspended: true, activated: true })
    const back = await call('PUT', `/api/systemusers/${active._id}`, { state: 'ACTIVATED' })
    expect(back.body).toMatchObject({ state: 'ACTIVATED', suspended: false })

    const pending = (await call('POST', '/api/systemusers', newUser)).body
    const refused = await call('PUT', `/api/systemusers/${pending._id}`, { state: 'ACTIVATED' })
    expect(refused.status).toBe(400)
    expect(violation(refused.body)?.field).toBe('state')
    expect(
      (await call('PUT', `/api/systemusers/${pending._id}`, { state: 'SUSPENDED' })).body.state,
    ).toBe('SUSPENDED')
    // Reactivating someone who never activated puts them back to pending.
    expect(
      (await call('PUT', `/api/systemusers/${pending._id}`, { suspended: false })).body.state,
    ).toBe('STAGED')
    expect((await call('PUT', `/api/systemusers/${pending._id}`, { state: 'STAGED' })).status).toBe(
      400,
    )
  })

  it('unlocks a user and resets their MFA (200, empty body)', async () => {
    const user = org().data.users.find((u) => u.mfa.configured)
    if (!user) throw new Error('no enrolled user')
    user.account_locked = true
    const unlocked = await call('POST', `/api/systemusers/${user._id}/unlock`)
    expect(unlocked).toEqual({ status: 200, body: null })
    const reset = await call('POST', `/api/systemusers/${user._id}/resetmfa`, {})
    expect(reset.status).toBe(200)
    const read = (await call('GET', `/api/systemusers/${user._id}`)).body
    expect(read).toMatchObject({
      account_locked: false,
      totp_enabled: false,
      mfa: { configured: false },
    })
    expect((read.mfaEnrollment as Record<string, string>).overallStatus).toBe('NOT_ENROLLED')
  })

  it('deletes a user (200 with the user); 409 while they manage others unless cascade_manager=null', async () => {
    const manager = org().data.users[0]
    if (!manager) throw new Error('no ceo')
    const blocked = await call('DELETE', `/api/systemusers/${manager._id}`)
    expect(blocked.status).toBe(409)
    const removed = await call('DELETE', `/api/systemusers/${manager._id}?cascade_manager=null`)
    expect(removed.status).toBe(200)
    expect(removed.body._id).toBe(manager._id)
    expect((await call('GET', `/api/systemusers/${manager._id}`)).status).toBe(404)
    expect(org().data.users.some((u) => u.manager === manager._id)).toBe(false)
    const memberOf = await call('GET', `/api/v2/users/${manager._id}/memberof`)
    expect(memberOf.status).toBe(404)
    expect((await call('DELETE', `/api/systemusers/${manager._id}`)).status).toBe(404)
  })

  it('answers 404 for writes to unknown users, and 400 for a body that is not a JSON object', async () => {
    for (const [method, path] of [
      ['PUT', '/api/systemusers/ffffffffffffffffffffffff'],
      ['POST', '/api/systemusers/ffffffffffffffffffffffff/unlock'],
      ['POST', '/api/systemusers/ffffffffffffffffffffffff/resetmfa'],
    ]) {
      expect((await call(method ?? '', path ?? '', {})).status).toBe(404)
    }
    expect((await call('POST', '/api/systemusers', [1, 2])).status).toBe(400)
  })
})

describe('user groups', () => {
  it('creates a group (201, the spec shape); a duplicate name is a 400 naming `name`', async () => {
    const created = await call('POST', '/api/v2/usergroups', {
      name: 'Auditors',
      description: 'Read-only',
    })
    expect(created.status).toBe(201)
    expect(definitionErrors('V2', 'UserGroup', created.body)).toEqual([])
    expect((await call('GET', `/api/v2/usergroups/${created.body.id}`)).body).toEqual(created.body)
    const duplicate = await call('POST', '/api/v2/usergroups', { name: 'auditors' })
    expect(duplicate.status).toBe(400)
    expect(violation(duplicate.body)).toEqual({ field: 'name', description: 'already exists' })
    expect(violation((await call('POST', '/api/v2/usergroups', {})).body)?.field).toBe('name')
  })

  it('adds and removes members with op add|remove (204); the graph reads agree', async () => {
    const group = (await call('POST', '/api/v2/usergroups', { name: 'Reviewers' })).body
    const user = org().data.users[9]
    if (!user) throw new Error('no user')
    const path = `/api/v2/usergroups/${group.id}/members`
    expect((await call('POST', path, { op: 'add', type: 'user', id: user._id })).status).toBe(204)
    expect((await call('GET', path)).body).toEqual([
      { attributes: null, to: { attributes: null, id: user._id, type: 'user' } },
    ])
    const memberOf = (await call('GET', `/api/v2/users/${user._id}/memberof`)).body as unknown as {
      id: string
    }[]
    expect(memberOf.map((g) => g.id)).toContain(group.id)
    expect((await call('POST', path, { op: 'add', type: 'user', id: user._id })).status).toBe(409)
    expect((await call('POST', path, { op: 'remove', type: 'user', id: user._id })).status).toBe(
      204,
    )
    expect((await call('GET', path)).body).toEqual([])
    expect((await call('POST', path, { op: 'remove', type: 'user', id: user._id })).status).toBe(
      204,
    )
    expect(
      violation((await call('POST', path, { op: 'replace', type: 'user', id: user._id })).body)
        ?.field,
    ).toBe('op')
    expect(
      (await call('POST', path, { op: 'add', type: 'user', id: 'ffffffffffffffffffffffff' }))
        .status,
    ).toBe(404)
  })

  it('deletes a group: gone from the list, from its parents and from users', async () => {
    const group = org().data.userGroups.find((g) =>
      (org().data.graph.members.get(g.id) ?? []).some((m) => m.type === 'user'),
    )
    if (!group) throw new Error('no group with users')
    const member = org()
      .data.graph.members.get(group.id)
      ?.find((m) => m.type === 'user')
    const deleted = await call('DELETE', `/api/v2/usergroups/${group.id}`)
    expect(deleted.status).toBe(200)
    expect((await call('GET', `/api/v2/usergroups/${group.id}`)).status).toBe(404)
    const memberOf = (await call('GET', `/api/v2/users/${member?.id}/memberof`))
      .body as unknown as { id: string }[]
    expect(memberOf.map((g) => g.id)).not.toContain(group.id)
    const list = (await call('GET', '/api/v2/usergroups?limit=100')).body as unknown as {
      id: string
    }[]
    expect(list.map((g) => g.id)).not.toContain(group.id)
    expect((await call('DELETE', `/api/v2/usergroups/${group.id}`)).status).toBe(404)
  })
})

describe('write recorder', () => {
  it('counts every write that reaches the JumpCloud paths, refused ones included, and no reads', async () => {
    await call('GET', '/api/systemusers')
    await call('POST', '/api/systemusers', newUser)
    await call('POST', '/api/systemusers', newUser, 'jca_unknown')
    expect(sandbox.writeRequests()).toEqual([
      { method: 'POST', path: '/api/systemusers' },
      { method: 'POST', path: '/api/systemusers' },
    ])
    const over = await sandbox.app.request('/_sandbox/write-requests')
    expect(((await over.json()) as { count: number }).count).toBe(2)
    sandbox.resetWriteRequests()
    expect(sandbox.writeRequests()).toEqual([])
  })
})
