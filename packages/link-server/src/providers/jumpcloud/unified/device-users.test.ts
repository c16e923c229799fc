import { createSandbox, SCENARIO_KEYS } from '@jumplink/sandbox'
import type { Device } from '@jumplink/shared'
import { describe, expect, it } from 'vitest'
import type { DirectorySession } from '../../provider'
import { createJumpcloudHttp } from '../http'
import type { SystemRecord } from '../records'
import type { ReadContext } from './context'
import { createDeviceUsersIndex } from './device-users'
import { createDirectoryAccess, createDirectoryReader } from './index'
import { createMembershipIndex } from './memberships'

// A page of devices' users from the device users index, against the per-device traversal
// (`/systems/{id}/users`) that `GET /devices/:id` still reads.

const sandbox = createSandbox({
  seed: 17,
  now: '2025-06-02T00:00:00.000Z',
  sizes: { single: { users: 140, devices: 120 }, msp: { users: 40, devices: 30 } },
})
const calls: string[] = []
/** The `skip` of every traversal call (`/systems/{id}/users`). */
const traversalSkips: string[] = []
/** Every call's path, ids left in. */
const paths: string[] = []
let failWhen: ((url: URL) => boolean) | undefined
const http = createJumpcloudHttp({
  baseUrl: 'http://sandbox.test',
  fetch: (url, init) => {
    const parsed = new URL(url)
    calls.push(`${init.method ?? 'GET'} ${parsed.pathname.replace(/[0-9a-f]{24}/g, '{id}')}`)
    paths.push(parsed.pathname)
    if (/^\/api\/v2\/systems\/[^/]+\/users$/.test(parsed.pathname)) {
      traversalSkips.push(parsed.searchParams.get('skip') ?? '0')
    }
    if (failWhen?.(parsed)) return Promise.resolve(new Response('{}', { status: 500 }))
    return Promise.resolve(sandbox.app.request(url, init))
  },
  maxRetries: 0,
})
let connection = 0
const sessionOf = (organizationId: string, credential: string): DirectorySession => ({
  connectionId: `conn_${++connection}`,
  credential,
  region: 'us',
  organizationId,
})
const countOf = (call: string) => calls.filter((c) => c === call).length

/** Binds two graph objects through the sandbox's JumpCloud API (`POST …/associations`). */
async function bind(
  kind: 'systems' | 'users' | 'usergroups' | 'systemgroups',
  id: string,
  type: string,
  targetId: string,
  attributes?: Record<string, unknown>,
) {
  const res = await sandbox.app.request(`/api/v2/${kind}/${id}/associations`, {
    method: 'POST',
    headers: { 'x-api-key': SCENARIO_KEYS.single, 'content-type': 'application/json' },
    body: JSON.stringify({ op: 'add', type, id: targetId, ...(attributes ? { attributes } : {}) }),
  })
  expect(res.status, await res.text()).toBe(204)
}

/** Every device of the session's organization, page by page, with their users. */
async function listDevices(
  reader: ReturnType<typeof createDirectoryReader>,
  session: DirectorySession,
  limit = 100,
) {
  const devices: Device[] = []
  let position: unknown
  do {
    const page = await reader.list(session, {
      collection: 'devices',
      filters: {},
      limit,
      expand: ['users', 'groups'],
      includeRemoteData: false,
      ...(position === undefined ? {} : { position }),
    })
    devices.push(...(page.result as Device[]))
    position = page.next ?? undefined
  } while (position !== undefined)
  return devices
}

describe('device users index', () => {
  it('gives every device the users its own /systems/{id}/users gives, however bound', async () => {
    const org = sandbox.organizations.single
    const { systems, users, userGroups, systemGroups } = org.data
    const windows = systems.filter((s) => s.osFamily === 'windows' && s.primarySystemUser.id)
    const macs = systemGroups.find((g) => g.name === 'macOS Devices')
    const windowsGroup = systemGroups.find((g) => g.name === 'Windows Devices')
    const everyone = userGroups.find((g) => g.name === 'All Employees')
    const contractors = userGroups.find((g) => g.name === 'Contractors')
    const [first, second] = windows
    if (!first || !second || !macs || !windowsGroup || !everyone || !contractors) {
      throw new Error('the data set lacks a group or device this test binds')
    }
    // Beside the generated bindings (owners to their devices; two user groups to the Linux
    // servers' group, one with sudo): a user to a device with sudo, a nested user group to a
    // device, a user and a user group to device groups, and an owner reached a second way.
    const outsider = users.find((u) => u._id !== first.primarySystemUser.id)
    await bind('systems', first._id, 'user', outsider?._id ?? '', {
      sudo: { enabled: true, withoutPassword: false },
    })
    await bind('usergroups', everyone.id, 'system', second._id)
    await bind('systemgroups', macs.id, 'user', users[5]?._id ?? '')
    await bind('usergroups', contractors.id, 'system_group', windowsGroup.id)
    await bind('systemgroups', windowsGroup.id, 'user', first.primarySystemUser.id ?? '')
    // The device past a traversal page gets sudo bindings too: a user's, and a group's.
    const sudo = { sudo: { enabled: true, withoutPassword: false } }
    const admins = userGroups.find((g) => g.name === 'Server Admins')
    await bind('systems', second._id, 'user', users[7]?._id ?? '', sudo)
    await bind('usergroups', admins?.id ?? '', 'system', second._id, sudo)

    for (const [organization, key] of [
      [org, SCENARIO_KEYS.single],
      [sandbox.organizations.msp[0], SCENARIO_KEYS.msp],
    ] as const) {
      if (!organization) throw new Error('no MSP organization')
      const reader = createDirectoryReader(http)
      const session = sessionOf(organization.id, key)
      const listed = await listDevices(reader, session)
      expect(listed).toHaveLength(organization.data.systems.length)
      const seen = { direct: 0, group: 0, both: 0, admin: 0, local: 0 }
      for (const device of listed) {
        const one = (await reader.get(session, {
          collection: 'devices',
          id: device.id,
          expand: ['users'],
          includeRemoteData: false,
        })) as Device
        expect(device.users, device.id).toEqual(one.users)
        for (const user of device.users ?? []) {
          seen[user.via]++
          if (user.is_admin === true) seen.admin++
          if (user.local_username !== null) seen.local++
        }
      }
      if (organization === org) {
        // Each kind of path was exercised, and the answers carry what the mapping derives.
        expect(seen.direct).toBeGreaterThan(0)
        expect(seen.group).toBeGreaterThan(seen.direct)
        expect(seen.admin).toBeGreaterThan(0)
        expect(seen.local).toBeGreaterThan(0)
        const byId = new Map(listed.map((d) => [d.id, d]))
        const firstUsers = byId.get(first._id)?.users ?? []
        expect(firstUsers).toContainEqual(
          expect.objectContaining({ id: outsider?._id, via: 'direct', is_admin: true }),
        )
        // The owner is bound directly and through a device group: direct wins.
        expect(firstUsers).toContainEqual(
          expect.objectContaining({ id: first.primarySystemUser.id, via: 'direct' }),
        )
        const secondUsers = byId.get(second._id)?.users ?? []
        expect(secondUsers.length).toBeGreaterThan(100)
        expect(secondUsers).toContainEqual(
          expect.objectContaining({ id: users[7]?._id, via: 'direct', is_admin: true }),
        )
        expect(secondUsers.filter((u) => u.is_admin === true).length).toBeGreaterThan(1)
      }
    }
  }, 120_000)

  it('reads a page of 100 devices with one traversal page each, then none for a minute', async () => {
    const org = sandbox.organizations.large
    const reader = createDirectoryReader(http)
    const session = sessionOf(org.id, SCENARIO_KEYS.large)
    const request = {
      collection: 'devices' as const,
      filters: {},
      limit: 100,
      expand: ['users', 'groups'],
      includeRemoteData: false,
    }
    calls.length = 0
    traversalSkips.length = 0
    const page = await reader.list(session, request)
    const devices = page.result as Device[]
    expect(devices).toHaveLength(100)
    // Each device's first traversal page, never a second: a device with more users than a page
    // holds is read by its direct bindings and the groups' bindings, each group's once.
    expect(traversalSkips).toEqual(Array.from({ length: 100 }, () => '0'))
    const large = devices.filter((d) => (d.users?.length ?? 0) > 100).length
    expect(large).toBeGreaterThan(0)
    expect(countOf('GET /api/v2/systems/{id}/associations')).toBe(large)
    expect(countOf('GET /api/v2/usergroups/{id}/associations')).toBe(org.data.userGroups.length)
    expect(countOf('GET /api/v2/systemgroups/{id}/associations')).toBe(
      2 * org.data.systemGroups.length,
    )
    const first = calls.length

    calls.length = 0
    const again = await reader.list(session, request)
    expect(again.result).toEqual(page.result)
    const graph = calls.filter((c) =>
      /associations|members|membership|\/users$|search\/systemusers/.test(c),
    )
    expect(graph).toEqual([])
    expect(calls.length).toBeLessThan(first / 10)

    // The servers past a page carry what their own traversal gives.
    for (const device of devices.filter((d) => (d.users?.length ?? 0) > 100)) {
      const one = (await reader.get(session, {
        collection: 'devices',
        id: device.id,
        expand: ['users'],
        includeRemoteData: false,
      })) as Device
      expect(device.users, device.id).toEqual(one.users)
    }
  }, 120_000)

  it('is rebuilt after its lifetime, and a failed read fails the page and is not kept', async () => {
    const org = sandbox.organizations.large
    let clock = 0
    const options = { now: () => clock, ttlMs: 60_000 }
    const deviceUsers = createDeviceUsersIndex(options)
    const ctx: ReadContext = {
      http,
      now: () => new Date(),
      memberships: createMembershipIndex(options),
      deviceMemberships: createMembershipIndex({ ...options, kind: 'systemgroups' }),
      deviceUsers,
      adminRoles: () => Promise.resolve(new Map()),
      appleMdmDevices: () => Promise.resolve(new Map()),
      loginIndex: () => Promise.resolve({ newest: new Map(), complete: true }),
      session: sessionOf(org.id, SCENARIO_KEYS.large),
    }
    // Eight devices and two Linux servers (more users than a traversal page holds), as
    // `/api/systems` serves them.
    const servers = org.data.systems.filter((s) => s.osFamily === 'linux').slice(0, 2)
    const others = org.data.systems.filter((s) => s.osFamily !== 'linux').slice(0, 8)
    const systems = [...others, ...servers] as unknown as SystemRecord[]
    const [server] = servers
    const [other] = others
    if (!server || !other) throw new Error('no Linux server or other device')
    calls.length = 0
    const read = await deviceUsers.usersOf(ctx, systems)
    const perRead = calls.length
    expect(countOf('GET /api/v2/systems/{id}/users')).toBe(10)
    expect(countOf('GET /api/v2/systems/{id}/associations')).toBe(2)
    expect(read.links.get(server._id)?.length).toBeGreaterThan(100)

    clock = 59_000
    calls.length = 0
    expect(await deviceUsers.usersOf(ctx, systems)).toEqual(read)
    expect(calls).toEqual([])

    clock = 61_000
    calls.length = 0
    expect(await deviceUsers.usersOf(ctx, systems)).toEqual(read)
    expect(calls.length).toBe(perRead)

    // One device's traversal fails: the page fails; the next read asks for that one again.
    clock = 200_000
    failWhen = (url) => url.pathname === `/api/v2/systems/${other._id}/users`
    await expect(deviceUsers.usersOf(ctx, systems)).rejects.toMatchObject({
      code: 'provider_unavailable',
    })
    failWhen = undefined
    paths.length = 0
    expect(await deviceUsers.usersOf(ctx, systems)).toEqual(read)
    const traversed = paths.filter((path) => /^\/api\/v2\/systems\/[^/]+\/users$/.test(path))
    expect(traversed).toEqual([`/api/v2/systems/${other._id}/users`])

    // A server's direct bindings fail the same way; the groups' bindings are kept meanwhile.
    clock = 300_000
    const [, second] = servers
    await deviceUsers.usersOf(ctx, systems.slice(0, 9))
    failWhen = (url) => url.pathname === `/api/v2/systems/${second?._id}/associations`
    await expect(deviceUsers.usersOf(ctx, systems)).rejects.toMatchObject({
      code: 'provider_unavailable',
    })
    failWhen = undefined
    paths.length = 0
    expect(await deviceUsers.usersOf(ctx, systems)).toEqual(read)
    expect(paths.filter((path) => path.endsWith('/associations'))).toEqual([
      `/api/v2/systems/${second?._id}/associations`,
    ])

    // The groups' bindings fail: the page fails, and they are read again once they answer.
    clock = 400_000
    failWhen = (url) => url.pathname.startsWith('/api/v2/systemgroups/')
    await expect(deviceUsers.usersOf(ctx, systems)).rejects.toMatchObject({
      code: 'provider_unavailable',
    })
    failWhen = undefined
    expect(await deviceUsers.usersOf(ctx, systems)).toEqual(read)
  }, 120_000)

  it('is forgotten when a write through the link server changes a group’s members', async () => {
    const org = sandbox.organizations.single
    const engineering = org.data.userGroups.find((g) => g.name === 'Engineering')
    const server = org.data.systems.find((s) => s.osFamily === 'linux')
    if (!engineering || !server) throw new Error('no Engineering group or Linux server')
    const { reader, writer } = createDirectoryAccess(http)
    const session = sessionOf(org.id, SCENARIO_KEYS.single)
    const usersOf = async () =>
      (await listDevices(reader, session)).find((d) => d.id === server._id)?.users ?? []
    const before = await usersOf()
    const newcomer = org.data.users.find((u) => !before.some((b) => b.id === u._id))
    if (!newcomer) throw new Error('everyone may already use the server')
    await writer.write(session, {
      action: 'group.add_member',
      id: engineering.id,
      body: { user_id: newcomer._id },
    })
    // Bound through Engineering to the Linux servers' group, at once rather than in a minute.
    expect(await usersOf()).toContainEqual(
      expect.objectContaining({ id: newcomer._id, via: 'group' }),
    )
  })
})
