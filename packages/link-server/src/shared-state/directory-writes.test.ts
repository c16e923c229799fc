import { createSandbox, SCENARIO_KEYS } from '@jumplink/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from '../fixtures/harness'
import { connectWith } from '../fixtures/sandbox-connection'
import { createInProcessState } from './in-process'
import type { SharedEvent } from './shared-state'

// Memberships and devices' users are kept a minute per connection on each instance; a write
// through one instance must reach what the others keep, through the shared state's events.

const sandbox = createSandbox({ sizes: { single: { users: 40, devices: 10 } } })
const org = sandbox.organizations.single
const shared = createInProcessState()
const heard: SharedEvent[] = []
shared.subscribe((event) => heard.push(event))
/** Upstream reads of user groups (where memberships are read from). */
let groupReads = 0
let h: Harness
let token: string
let connectionId: string

beforeAll(async () => {
  h = await createHarness({
    fetch: async (url, init) => {
      if (new URL(url).pathname.startsWith('/api/v2/usergroups')) groupReads++
      return sandbox.app.request(url, init)
    },
    deps: { shared },
  })
  ;({ token, connectionId } = await connectWith(h, SCENARIO_KEYS.single, org.id, {
    permissions: 'read_write',
  }))
})
afterAll(() => h.close())

const USERS = '/v1/unified/user-directory/users?expand=groups&limit=100'
const nextTurn = () => new Promise((resolve) => setImmediate(resolve))

describe('a directory write, across instances', () => {
  it('is announced to every instance', async () => {
    const group = (await (
      await h.call('POST', '/v1/unified/user-directory/groups', {
        token,
        body: { name: 'Announced' },
      })
    ).json()) as { id: string }
    heard.length = 0
    const res = await h.call('POST', `/v1/unified/user-directory/groups/${group.id}/members`, {
      token,
      body: { user_id: org.data.users[3]?._id },
    })
    expect(res.status).toBe(200)
    await nextTurn()
    expect(heard).toContainEqual({ type: 'directory.written', connectionId })
  })

  it('announced by another instance, makes this one read memberships afresh', async () => {
    expect((await h.call('GET', USERS, { token })).status).toBe(200)
    const before = groupReads
    // Kept: a second read makes no group call.
    expect((await h.call('GET', USERS, { token })).status).toBe(200)
    expect(groupReads).toBe(before)
    await shared.publish({ type: 'directory.written', connectionId })
    await nextTurn()
    expect((await h.call('GET', USERS, { token })).status).toBe(200)
    expect(groupReads).toBeGreaterThan(before)
  })
})
