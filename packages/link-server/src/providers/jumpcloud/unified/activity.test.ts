import { createSandbox, SCENARIO_KEYS } from '@jumplink/sandbox'
import { describe, expect, it } from 'vitest'
import { createJumpcloudHttp } from '../http'
import { lastLogin, lastLogins, readLoginIndex } from './activity'
import type { LoginIndex, ReadContext } from './context'

const NOW = new Date('2025-06-02T00:00:00.000Z')
const sandbox = createSandbox({ seed: 4, now: NOW.toISOString() })
const org = sandbox.organizations.single
const counted = { events: 0 }
const http = createJumpcloudHttp({
  baseUrl: 'http://sandbox.test',
  fetch: (url, init) => {
    if (url.includes('/insights/directory/v1/events')) counted.events++
    return Promise.resolve(sandbox.app.request(url, init))
  },
  maxRetries: 0,
})

const NO_MEMBERSHIPS = {
  groupsOf: async () => new Map(),
  read: async () => ({ byUser: new Map(), groupIds: [] }),
  forget() {},
}

function contextFor(loginIndex: (ctx: ReadContext) => Promise<LoginIndex>): ReadContext {
  return {
    http,
    now: () => NOW,
    memberships: NO_MEMBERSHIPS,
    deviceMemberships: NO_MEMBERSHIPS,
    deviceUsers: { usersOf: async () => ({ links: new Map(), usernames: new Map() }), forget() {} },
    adminRoles: () => Promise.resolve(new Map()),
    appleMdmDevices: () => Promise.resolve(new Map()),
    loginIndex,
    session: {
      connectionId: 'conn_1',
      credential: SCENARIO_KEYS.single,
      region: 'us',
      organizationId: org.id,
    },
  }
}

describe('login index', () => {
  it('gives every user the last login their own query gives, from one read of the log', async () => {
    const ids = org.data.users.map((u) => u._id)
    const ctx = contextFor(readLoginIndex)
    counted.events = 0
    const index = await readLoginIndex(ctx)
    expect(counted.events).toBe(1)
    expect(index.complete).toBe(true)
    let withLogin = 0
    for (const id of ids) {
      const single = await lastLogin(ctx, id)
      expect(index.newest.get(id) ?? null, id).toBe(single)
      if (single !== null) withLogin++
    }
    // Most users logged in within the window; some did not (their null is exact too).
    expect(withLogin).toBeGreaterThan(ids.length / 2)
    expect(withLogin).toBeLessThan(ids.length)
  })

  it('asks one by one only for the users an incomplete index could not tell', async () => {
    const ids = org.data.users.map((u) => u._id)
    const full = await readLoginIndex(contextFor(readLoginIndex))
    const [seen, notSeen] = [
      ids.find((id) => full.newest.has(id)) as string,
      ids.filter((id) => !full.newest.has(id)).slice(0, 2),
    ]
    const partial: LoginIndex = { newest: new Map([[seen, 'from the index']]), complete: false }
    const ctx = contextFor(async () => partial)
    counted.events = 0
    const logins = await lastLogins(ctx, [seen, ...notSeen])
    expect(logins.get(seen)).toBe('from the index')
    expect(counted.events).toBe(notSeen.length)
    for (const id of notSeen) expect(logins.get(id)).toBeNull()

    counted.events = 0
    const complete = await lastLogins(
      contextFor(async () => full),
      notSeen,
    )
    expect(counted.events).toBe(0)
    expect([...complete.values()]).toEqual(notSeen.map(() => null))
  })
})
