import { createSandbox, SCENARIO_KEYS } from '@jumplink/sandbox'
import { describe, expect, it } from 'vitest'
import { createJumpcloudHttp } from '../http'
import { namedGraphRefs } from '../mappers/common'
import type { ReadContext } from './context'
import { createDeviceUsersIndex } from './device-users'
import { groupNames, traversal } from './lookups'
import { createMembershipIndex, groupsOfUser } from './memberships'

const sandbox = createSandbox({ seed: 4, now: '2025-06-02T00:00:00.000Z' })
const org = sandbox.organizations.single
let calls = 0
let failing = false
const http = createJumpcloudHttp({
  baseUrl: 'http://sandbox.test',
  fetch: (url, init) => {
    calls++
    if (failing) return Promise.resolve(new Response('{}', { status: 500 }))
    return Promise.resolve(sandbox.app.request(url, init))
  },
  maxRetries: 0,
})

function contextFor(
  memberships: ReturnType<typeof createMembershipIndex>,
  connectionId = 'conn_1',
): ReadContext {
  return {
    http,
    now: () => new Date(),
    memberships,
    deviceMemberships: memberships,
    deviceUsers: createDeviceUsersIndex(),
    adminRoles: () => Promise.resolve(new Map()),
    appleMdmDevices: () => Promise.resolve(new Map()),
    loginIndex: () => Promise.resolve({ newest: new Map(), complete: true }),
    session: {
      connectionId,
      credential: SCENARIO_KEYS.single,
      region: 'us',
      organizationId: org.id,
    },
  }
}

describe('membership index', () => {
  it('gives every user the groups their own memberof gives, nested ones included', async () => {
    const ctx = contextFor(createMembershipIndex())
    const ids = org.data.users.map((u) => u._id)
    const indexed = await ctx.memberships.groupsOf(ctx, ids)
    const names = await groupNames(ctx, 'usergroups')
    let nested = 0
    for (const id of ids) {
      const single = await groupsOfUser(ctx, id, names)
      expect(indexed.get(id), id).toEqual(single)
      // The same groups as the raw traversal, only ordered by id.
      const raw = namedGraphRefs(
        await traversal(ctx, `/api/v2/users/${id}/memberof`),
        'user_group',
        names,
      )
      expect(single).toEqual([...raw].sort((a, b) => (a.id < b.id ? -1 : 1)))
      if (single.length >= 3) nested++
    }
    expect(nested).toBeGreaterThan(0)
  })

  it('gives every device the device groups its own memberof gives, from the group side', async () => {
    const devices = createMembershipIndex({ kind: 'systemgroups' })
    const ctx = contextFor(createMembershipIndex())
    const ids = org.data.systems.map((s) => s._id)
    const names = await groupNames(ctx, 'systemgroups')
    calls = 0
    const indexed = await devices.groupsOf(ctx, ids)
    // The group list and one members read per group: far fewer calls than devices.
    expect(calls).toBe(names.size + 1)
    expect(calls).toBeLessThan(ids.length / 4)
    let grouped = 0
    for (const id of ids) {
      const raw = namedGraphRefs(
        await traversal(ctx, `/api/v2/systems/${id}/memberof`),
        'system_group',
        names,
      )
      expect(indexed.get(id), id).toEqual([...raw].sort((a, b) => (a.id < b.id ? -1 : 1)))
      if (raw.length > 0) grouped++
    }
    expect(grouped).toBeGreaterThan(0)
  })

  it('is read once per connection for a minute, and a failed read is not kept', async () => {
    let clock = 0
    const index = createMembershipIndex({ now: () => clock, ttlMs: 60_000, maxEntries: 2 })
    const ctx = contextFor(index)
    const someone = [org.data.users[0]?._id ?? '']
    calls = 0
    await Promise.all([index.groupsOf(ctx, someone), index.groupsOf(ctx, someone)])
    const perRead = calls
    expect(perRead).toBeGreaterThan(1)
    clock = 59_000
    await index.groupsOf(ctx, someone)
    expect(calls).toBe(perRead)
    clock = 61_000
    await index.groupsOf(ctx, someone)
    expect(calls).toBe(2 * perRead)

    // Bounded: a third connection pushes out the oldest.
    await index.groupsOf(contextFor(index, 'conn_2'), someone)
    await index.groupsOf(contextFor(index, 'conn_3'), someone)
    calls = 0
    await index.groupsOf(ctx, someone)
    expect(calls).toBe(perRead)

    failing = true
    clock = 200_000
    await expect(index.groupsOf(ctx, someone)).rejects.toMatchObject({ code: expect.any(String) })
    failing = false
    calls = 0
    expect((await index.groupsOf(ctx, someone)).get(someone[0] ?? '')).toEqual(
      await groupsOfUser(ctx, someone[0] ?? '', await groupNames(ctx, 'usergroups')),
    )
  })
})
