import { readFileSync } from 'node:fs'
import { createSandbox, SCENARIO_KEYS } from '@jumplink/sandbox'
import {
  CreateGroupRequestSchema,
  CreateUserRequestSchema,
  DeviceSchema,
  type UnifiedCollectionName,
  UpdateUserRequestSchema,
  UserSchema,
} from '@jumplink/shared'
import { describe, expect, it } from 'vitest'
import type { DirectorySession, UnifiedListRequest, UnifiedWriteRequest } from '../../provider'
import { createJumpcloudHttp, type UpstreamFailure } from '../http'
import { createProvider } from '../index'
import { companyFromOrganization } from '../mappers/company'
import type { OrganizationRecord } from '../records'
import { createDirectoryAccess, createDirectoryReader } from './index'

// What replaying real JumpCloud responses showed (issue 19), each against the sandbox, which
// now produces the same shapes.

const sandbox = createSandbox({
  seed: 19,
  now: '2025-06-02T00:00:00.000Z',
  sizes: { single: { users: 180, devices: 90 } },
})
const org = sandbox.organizations.single
const calls: string[] = []
/** Every call as sent: method, URL, organization header and body, for item 9. */
const sent: { method: string; url: URL; orgHeader: string | null; body: unknown }[] = []
const failures: UpstreamFailure[] = []
let failWhen: ((url: URL) => number | undefined) | undefined
const http = createJumpcloudHttp({
  onUpstreamFailure: (failure) => failures.push(failure),
  baseUrl: 'http://sandbox.test',
  fetch: (url, init) => {
    const parsed = new URL(url)
    calls.push(`${init.method ?? 'GET'} ${parsed.pathname}${parsed.search}`)
    sent.push({
      method: init.method ?? 'GET',
      url: parsed,
      orgHeader: new Headers(init.headers).get('x-org-id'),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    })
    const status = failWhen?.(parsed)
    if (status !== undefined) return Promise.resolve(new Response('{"secret":"x"}', { status }))
    return Promise.resolve(sandbox.app.request(url, init))
  },
  maxRetries: 0,
})
const reader = createDirectoryReader(http)
let connection = 0
/** A fresh connection id per call, so per-connection caches never carry over between tests. */
const session = (): DirectorySession => ({
  connectionId: `conn_${++connection}`,
  credential: SCENARIO_KEYS.single,
  region: 'us',
  organizationId: org.id,
})

function request(
  collection: UnifiedCollectionName,
  extra: Partial<UnifiedListRequest> = {},
): UnifiedListRequest {
  return { collection, filters: {}, limit: 100, expand: [], includeRemoteData: false, ...extra }
}

/** Every record of a collection, page by page as a client would. */
async function listAll<T>(
  collection: UnifiedCollectionName,
  filters: Record<string, unknown> = {},
  limit = 100,
): Promise<T[]> {
  const s = session()
  const all: T[] = []
  let position: unknown
  for (let pages = 0; pages < 100; pages++) {
    const page = await reader.list(s, request(collection, { filters, limit, position }))
    all.push(...(page.result as T[]))
    if (page.next === null) return all
    position = page.next
  }
  throw new Error('did not reach the end')
}

describe('1. status follows state; every user is found by the filter for its status', () => {
  it('shows older records by `suspended` and stale `activated: false` by `state`', async () => {
    const users = await listAll<{ id: string; status: string }>('users')
    const byId = new Map(users.map((u) => [u.id, u.status]))
    const legacy = org.data.users.filter((u) => u.state === undefined)
    expect(legacy.length).toBeGreaterThan(0)
    for (const u of legacy) expect(byId.get(u._id)).toBe(u.suspended ? 'inactive' : 'active')
    const stale = org.data.users.filter((u) => u.state === 'ACTIVATED' && !u.activated)
    expect(stale.length).toBeGreaterThan(0)
    for (const u of stale) expect(byId.get(u._id)).toBe('active')
  })

  it('users: each status filter returns exactly the users shown with that status', async () => {
    const users = await listAll<{ id: string; status: string }>('users')
    for (const status of ['active', 'inactive', 'invited']) {
      const filtered = await listAll<{ id: string; status: string }>('users', { status })
      const expected = users.filter((u) => u.status === status).map((u) => u.id)
      expect(filtered.map((u) => u.id).sort(), status).toEqual([...expected].sort())
      expect(expected.length, status).toBeGreaterThan(0)
    }
  })

  it('employees: the same for employment_status', async () => {
    const employees = await listAll<{ id: string; employment_status: string }>('employees')
    for (const status of ['active', 'inactive', 'pending']) {
      const filtered = await listAll<{ id: string }>('employees', { status }, 50)
      const expected = employees.filter((e) => e.employment_status === status).map((e) => e.id)
      expect(filtered.map((e) => e.id).sort(), status).toEqual([...expected].sort())
    }
  })
})

describe('2. an organization listed with displayName null is named from its settings', () => {
  const [, , unnamed] = sandbox.organizations.msp
  const provider = createProvider({
    baseUrl: 'http://sandbox.test',
    fetch: (url, init) => Promise.resolve(sandbox.app.request(url, init)),
  })

  it('the link flow lists and verifies it by settings.name', async () => {
    expect(unnamed?.record.displayName).toBeNull()
    const listed = await provider.listOrganizations({ credential: SCENARIO_KEYS.msp, region: 'us' })
    expect(listed.find((o) => o.id === unnamed?.id)?.name).toBe('Umbrella Health')
    expect(listed.every((o) => typeof o.name === 'string')).toBe(true)
    const verified = await provider.verifyOrganization({
      credential: SCENARIO_KEYS.msp,
      region: 'us',
      organizationId: unnamed?.id ?? '',
    })
    // An MSP key sees several organizations: the connection will send x-org-id.
    expect(verified).toEqual({ id: unnamed?.id, name: 'Umbrella Health', multiOrganization: true })
  })

  it('the unified organization and the fallback company carry the same name', async () => {
    const mspSession = {
      ...session(),
      credential: SCENARIO_KEYS.msp,
      organizationId: unnamed?.id ?? '',
    }
    const page = await reader.list(mspSession, request('organizations'))
    expect(page.result).toEqual([
      expect.objectContaining({ id: unnamed?.id, name: 'Umbrella Health' }),
    ])
    const details = (await (
      await sandbox.app.request(`/api/organizations/${unnamed?.id}`, {
        headers: { 'x-api-key': SCENARIO_KEYS.msp, 'x-org-id': unnamed?.id ?? '' },
      })
    ).json()) as OrganizationRecord
    expect(companyFromOrganization(details).display_name).toBe('Umbrella Health')
  })
})

describe('3. remote_data drops secrets only, not password flags', () => {
  it('keeps passwordless_sudo, password_never_expires and password_expired', async () => {
    const page = await reader.list(session(), request('users', { includeRemoteData: true }))
    const remote = (page.result as { remote_data: Record<string, unknown> }[]).map(
      (u) => u.remote_data,
    )
    for (const raw of remote) {
      expect(raw).toHaveProperty('passwordless_sudo')
      expect(raw).toHaveProperty('password_never_expires')
      expect(raw).toHaveProperty('password_expired')
      expect(raw).not.toHaveProperty('recoveryEmail')
      expect(raw).not.toHaveProperty('public_key')
    }
  })
})

describe('6. user groups without a membership method are unknown, not static', () => {
  it('maps membership_automated to null when JumpCloud does not say', async () => {
    const page = await reader.list(session(), request('groups'))
    const groups = page.result as { name: string; membership_automated: boolean | null }[]
    const raw = new Map(org.data.userGroups.map((g) => [g.name, g.membershipMethod]))
    for (const group of groups) {
      const method = raw.get(group.name)
      expect(group.membership_automated, group.name).toBe(
        method === undefined ? null : method === 'DYNAMIC_AUTOMATED',
      )
    }
    expect(groups.some((g) => g.membership_automated === null)).toBe(true)
    expect(groups.some((g) => g.membership_automated === true)).toBe(true)
    expect(groups.some((g) => g.membership_automated === false)).toBe(true)
  })
})

describe('4. a large limit stops at the total', () => {
  it('limit=1000 over one matching user is one upstream call', async () => {
    const email = org.data.users[5]?.email ?? ''
    calls.length = 0
    const page = await reader.list(session(), request('users', { limit: 1000, filters: { email } }))
    expect(page.result).toHaveLength(1)
    expect(calls.filter((c) => c.startsWith('GET /api/systemusers'))).toHaveLength(1)
  })

  it('limit=1000 over the user groups asks only for the pages the total needs', async () => {
    calls.length = 0
    const page = await reader.list(session(), request('groups', { limit: 1000 }))
    expect(page.total).toBe(org.data.userGroups.length)
    expect(page.result).toHaveLength(org.data.userGroups.length)
    expect(calls.filter((c) => c.startsWith('GET /api/v2/usergroups?'))).toHaveLength(1)
  })
})

describe('5. a failed admin list degrades roles; failures name the call, not the key', () => {
  it('users come back with roles unknown and a warning; employees are untouched', async () => {
    failures.length = 0
    failWhen = (url) => (url.pathname === '/api/users' ? 503 : undefined)
    try {
      const users = await reader.list(session(), request('users'))
      expect(users.result).toHaveLength(100)
      expect(users.warnings).toEqual([expect.objectContaining({ code: 'roles_unavailable' })])
      for (const user of users.result as { roles_unknown?: boolean }[]) {
        expect(user.roles_unknown).toBe(true)
        expect(UserSchema.parse(user)).toEqual(user)
      }
      const one = (await reader.get(session(), {
        collection: 'users',
        id: org.data.users[0]?._id ?? '',
        expand: [],
        includeRemoteData: false,
      })) as { roles_unknown?: boolean }
      expect(one.roles_unknown).toBe(true)
      const employees = await reader.list(session(), request('employees'))
      expect(employees.result).toHaveLength(100)
    } finally {
      failWhen = undefined
    }
    expect(failures.length).toBeGreaterThan(0)
    for (const failure of failures) {
      expect(failure).toEqual({
        method: 'GET',
        path: '/api/users',
        status: 503,
        code: 'provider_unavailable',
        attempts: 1,
      })
    }
  })

  it('a healthy admin list gives roles without the flag', async () => {
    const users = await reader.list(session(), request('users', { limit: 300 }))
    expect(users.warnings).toEqual([])
    const withRoles = (users.result as { roles: unknown[]; roles_unknown?: boolean }[]).filter(
      (u) => u.roles.length > 0,
    )
    expect(withRoles.length).toBeGreaterThan(0)
    expect(users.result.every((u) => !('roles_unknown' in (u as object)))).toBe(true)
  })

  it('names the failed call without the query values', async () => {
    failures.length = 0
    failWhen = (url) => (url.pathname === '/api/systemusers' ? 502 : undefined)
    try {
      await expect(
        reader.list(session(), request('users', { filters: { email: 'someone@acme.example' } })),
      ).rejects.toMatchObject({ code: 'provider_unavailable' })
    } finally {
      failWhen = undefined
    }
    expect(failures).toContainEqual(
      expect.objectContaining({ method: 'GET', path: '/api/systemusers', status: 502 }),
    )
    expect(JSON.stringify(failures)).not.toContain('someone')
    expect(JSON.stringify(failures)).not.toContain(SCENARIO_KEYS.single)
  })
})

describe('7. an MSP key with 150 organizations', () => {
  it('the link flow lists all of them, paging GET /api/organizations to the end', async () => {
    const seen: string[] = []
    const provider = createProvider({
      baseUrl: 'http://sandbox.test',
      fetch: (url, init) => {
        seen.push(new URL(url).pathname + new URL(url).search)
        return Promise.resolve(sandbox.app.request(url, init))
      },
    })
    const listed = await provider.listOrganizations({
      credential: SCENARIO_KEYS.mspMany,
      region: 'us',
    })
    const expected = sandbox.organizations.mspMany
    expect(listed).toHaveLength(150)
    expect(new Set(listed.map((o) => o.id))).toEqual(new Set(expected.map((o) => o.id)))
    // Every one named, the ones listed with displayName null from their settings.
    for (const org of expected) {
      expect(listed.find((o) => o.id === org.id)?.name).toBe(org.spec.displayName)
    }
    expect(seen.filter((p) => p.startsWith('/api/organizations?'))).toEqual([
      '/api/organizations?limit=100&skip=0',
      '/api/organizations?limit=100&skip=100',
    ])
    const unnamed = expected.filter((o) => o.record.displayName === null)
    expect(unnamed.length).toBeGreaterThan(0)
    expect(seen.filter((p) => /^\/api\/organizations\/[0-9a-f]{24}$/.test(p))).toHaveLength(
      unnamed.length,
    )
  })
})

describe('8. Apple MDM enrollment, iPhones and iPads typed mobile', () => {
  it('devices carry their MDM enrollment (DEP / ADE), mobile ones included', async () => {
    // Enrolled the way an admin would: an iPad and an iPhone join the generated devices.
    sandbox.addDevice({ platform: 'ipados' })
    sandbox.addDevice({ platform: 'ios' })
    const devices = await listAll<{
      id: string
      platform: string
      device_type: string
      serial_number: string | null
      mdm: { enrolled: boolean; dep: boolean | null; enrollment: Record<string, unknown> | null }
    }>('devices')
    for (const device of devices) DeviceSchema.parse(device)
    const mdmBySerial = new Map(org.appleMdmDevices().map((d) => [d.serialNumber, d]))
    const mobile = devices.filter((d) => d.platform === 'ios' || d.platform === 'ipados')
    expect(mobile.some((d) => d.platform === 'ipados')).toBe(true)
    expect(mobile.some((d) => d.platform === 'ios')).toBe(true)
    for (const device of mobile) expect(device.device_type).toBe('mobile')
    for (const device of devices.filter((d) => d.platform === 'macos'))
      expect(device.device_type).toBe('computer')
    let automated = 0
    for (const device of devices) {
      const record = mdmBySerial.get(device.serial_number ?? '')
      if (!record) {
        expect(device.mdm.enrollment).toBeNull()
        continue
      }
      const method = record.securityInfo.enrolledViaDep
        ? 'automated'
        : record.securityInfo.isUserEnrollment
          ? 'user'
          : 'device'
      expect(device.mdm.enrollment).toEqual({
        method,
        supervised: record.deviceInformation.isSupervised,
        enrolled_at: record.createdAt,
      })
      if (method === 'automated') automated++
    }
    expect(automated).toBeGreaterThan(0)
    expect(mobile.filter((d) => d.mdm.enrollment !== null).length).toBe(mobile.length)
  })

  it('a key whose role cannot read Apple MDM still gets its devices, with a warning', async () => {
    failWhen = (url) => (url.pathname.startsWith('/api/v2/applemdms') ? 403 : undefined)
    try {
      const page = await reader.list(session(), request('devices'))
      expect(page.result.length).toBeGreaterThan(0)
      expect(page.warnings).toContainEqual(expect.objectContaining({ code: 'partial_record' }))
      for (const d of page.result as { mdm: { enrollment: unknown } }[])
        expect(d.mdm.enrollment).toBeNull()
    } finally {
      failWhen = undefined
    }
  })
})

// Item 9: every call a tour of the unified API makes is checked against JumpCloud's own specs.
interface SwaggerParameter {
  name?: string
  in?: string
  $ref?: string
  schema?: SwaggerSchema & { $ref?: string }
}
interface SwaggerSchema {
  properties?: Record<string, unknown>
  allOf?: (SwaggerSchema & { $ref?: string })[]
}
interface Swagger {
  basePath: string
  parameters?: Record<string, SwaggerParameter>
  definitions: Record<string, SwaggerSchema>
  paths: Record<string, Record<string, { operationId?: string; parameters?: SwaggerParameter[] }>>
}
const specOf = (name: string): Swagger =>
  JSON.parse(
    readFileSync(
      new URL(
        `../../../../../../reference/jumpcloud-openapi/JumpCloud.SDK.${name}.json`,
        import.meta.url,
      ),
      'utf8',
    ),
  ) as Swagger

interface Operation {
  spec: Swagger
  method: string
  template: string
  pattern: RegExp
  operationId: string
  query: Set<string>
  body: Set<string> | undefined
}

/** A definition's property names, through `allOf` and its `$ref`s. */
function propertiesOf(spec: Swagger, schema: SwaggerSchema & { $ref?: string }): string[] {
  if (schema.$ref) {
    const target = spec.definitions[schema.$ref.replace('#/definitions/', '')]
    return target ? propertiesOf(spec, target) : []
  }
  return [
    ...Object.keys(schema.properties ?? {}),
    ...(schema.allOf ?? []).flatMap((part) => propertiesOf(spec, part)),
  ]
}

function operationsOf(spec: Swagger): Operation[] {
  const base = spec.basePath.replace(/\/$/, '')
  const resolve = (p: SwaggerParameter) =>
    p.$ref ? (spec.parameters?.[p.$ref.replace('#/parameters/', '')] ?? {}) : p
  return Object.entries(spec.paths).flatMap(([template, item]) =>
    Object.entries(item).flatMap(([method, op]) => {
      if (typeof op !== 'object' || !op.operationId) return []
      const params = (op.parameters ?? []).map(resolve)
      const bodySchema = params.find((p) => p.in === 'body')?.schema
      const body = bodySchema ? new Set(propertiesOf(spec, bodySchema)) : undefined
      const source = `${base}${template}`
        .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
        .replace(/\\?\{[^}]+\\?\}/g, '[^/]+')
      return [
        {
          spec,
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${source}$`),
          operationId: op.operationId,
          query: new Set(params.filter((p) => p.in === 'query').map((p) => p.name ?? '')),
          body,
        },
      ]
    }),
  )
}

describe('9. every query form sent is one JumpCloud’s specs document', () => {
  const [v1, v2, insights] = ['V1', 'V2', 'DirectoryInsights'].map(specOf) as [
    Swagger,
    Swagger,
    Swagger,
  ]
  const operations = [v1, v2, insights].flatMap(operationsOf)
  /** The operation a call is: the documented path with the most literal text. */
  const operationOf = (method: string, path: string) =>
    operations
      .filter((o) => o.method === method && o.pattern.test(path))
      .sort(
        (a, b) =>
          b.template.replace(/\{[^}]+\}/g, '').length - a.template.replace(/\{[^}]+\}/g, '').length,
      )[0]
  const fieldsOf = (spec: Swagger) =>
    new Set(Object.values(spec.definitions).flatMap((d) => propertiesOf(spec, d)))

  /** Checks each call against its documented operation; the operations met, by id. */
  function checkAgainstSpecs(calls: typeof sent): Set<string> {
    const v1Fields = fieldsOf(v1)
    const v2Fields = fieldsOf(v2)
    const seenOperations = new Set<string>()
    // The admin list, read for roles only: `paths./users` is in the V1 spec (tagged admin) but
    // without a GET, and no documented list gives admins' roles; its failure degrades roles only
    // (item 5). The README's table says so.
    const adminList = (call: (typeof sent)[number]) =>
      call.method === 'GET' &&
      call.url.pathname === '/api/users' &&
      v1.paths['/users'] !== undefined
    // The System Insights `screenlock` table (macOS screen lock) is in JumpCloud's newer API,
    // not in the V2 file; a tenant without it answers 404 and screen lock stays null. The
    // README's table says so too.
    const screenlock = (call: (typeof sent)[number]) =>
      call.method === 'GET' &&
      call.url.pathname === '/api/v2/systeminsights/screenlock' &&
      v2.paths['/systeminsights/screenlock'] === undefined
    for (const call of calls.filter((c) => !adminList(c) && !screenlock(c))) {
      const where = `${call.method} ${call.url.pathname}${call.url.search}`
      const op = operationOf(call.method, call.url.pathname)
      expect(op, where).toBeDefined()
      if (!op) continue
      seenOperations.add(op.operationId)
      expect(call.orgHeader, where).toBeNull()
      for (const [name, value] of call.url.searchParams) {
        expect(op.query.has(name), `${where}: ${name} of ${op.operationId}`).toBe(true)
        if (name === 'filter' && op.spec === v1) expect(value, where).toMatch(/^[^:]+:\$eq:/)
        if (name === 'filter' && op.spec === v2) {
          expect(value, where).toMatch(/^[^:]+:(eq|ne|gt|ge|lt|le|between|search|in):/)
        }
        if (name === 'sort' || name === 'fields') {
          const known = op.spec === v1 ? v1Fields : v2Fields
          for (const field of value.split(op.spec === v1 ? ' ' : ',')) {
            if (field !== '')
              expect(known.has(field.replace(/^-/, '')), `${where}: ${field}`).toBe(true)
          }
        }
      }
      if (call.body !== undefined) {
        expect(op.body, where).toBeDefined()
        for (const key of Object.keys(call.body as object)) {
          expect(op.body?.has(key), `${where}: body ${key}`).toBe(true)
        }
        if (op.operationId === 'User_Search' || op.operationId === 'System_Search') {
          // "an object with a single property, either and or or", of exact matches.
          const filter = (call.body as { filter: Record<string, unknown[]> }).filter
          expect(Object.keys(filter), where).toEqual(['or'])
          for (const term of filter.or ?? []) {
            for (const v of Object.values(term as object)) expect(typeof v, where).toBe('string')
          }
        }
      }
    }
    return seenOperations
  }

  it('a tour of every collection, filter and expand sends only documented operations, parameters and operators, and no x-org-id for a one-organization key', async () => {
    const user = org.data.users.find((u) => u.state === 'ACTIVATED')
    const group = org.data.userGroups[0]
    const system = org.data.systems.find((d) => d.osFamily === 'darwin')
    const app = org.data.applications[0]
    const cutoff = '2025-05-01T00:00:00.000Z'
    const tour: [UnifiedCollectionName, Record<string, unknown>, string[]?, string?][] = [
      ['users', {}, ['groups', 'last_login']],
      ['users', { created_after: cutoff, status: 'active' }],
      ['users', { email: user?.email, status: 'invited' }],
      ['users', { group_id: group?.id, status: 'inactive' }],
      ['groups', {}, ['member_count']],
      ['groupMembers', {}, [], group?.id],
      ['organizations', {}],
      ['roles', {}],
      ['employees', { created_after: cutoff, status: 'pending' }],
      ['companies', {}],
      ['hrisGroups', {}],
      ['devices', {}, ['users', 'groups']],
      ['devices', { created_after: cutoff, platform: 'macos', status: 'active' }],
      ['devices', { updated_after: cutoff, platform: 'unknown' }],
      ['devices', { user_id: user?._id, group_id: undefined }],
      ['deviceGroups', {}],
      ['deviceGroupMembers', {}, [], org.data.systemGroups[0]?.id],
      ['installedApps', { device_id: system?._id, updated_after: cutoff }],
      ['installedApps', { platform: 'windows' }],
      ['applications', { created_after: '2020-01-01T00:00:00.000Z' }, ['last_used']],
      ['applicationAssignments', { user_id: user?._id }, ['last_used'], app?._id],
      ['events', { user_id: user?._id }],
    ]
    const s = { ...session(), multiOrganization: false }
    sent.length = 0
    for (const [collection, filters, expand = [], parentId] of tour) {
      await reader.list(s, {
        ...request(collection, { filters, expand, limit: 150 }),
        ...(parentId ? { parentId } : {}),
      })
    }
    for (const collection of ['users', 'devices', 'applications'] as const) {
      const id = { users: user?._id, devices: system?._id, applications: app?._id }[collection]
      await reader.get(s, { collection, id: id ?? '', expand: [], includeRemoteData: true })
    }
    expect(sent.length).toBeGreaterThan(40)
    expect(sent.some((c) => c.url.pathname === '/api/users')).toBe(true)
    const seenOperations = checkAgainstSpecs(sent)
    // The tour reached the reads item 9 is about.
    for (const id of [
      'User_List',
      'System_List',
      'Application_List',
      'User_Search',
      'System_Search',
    ]) {
      expect(seenOperations.has(id), id).toBe(true)
    }
    const queries = sent.map((c) => c.url.search).join(' ')
    expect(queries).not.toMatch(/%24(gt|gte|lt|lte|ne|nin|in)%3A/)
  })

  it('writes and the change hint use documented operations too', async () => {
    const access = createDirectoryAccess(http)
    const s = { ...session(), multiOrganization: false }
    const group = org.data.userGroups[1]?.id ?? ''
    sent.length = 0
    const created = (await access.writer.write(s, {
      action: 'user.create',
      body: CreateUserRequestSchema.parse({
        username: 'tour.nine',
        email: 'tour.nine@acme.example',
      }),
    })) as { id: string }
    const writes: UnifiedWriteRequest[] = [
      {
        action: 'user.update',
        id: created.id,
        body: UpdateUserRequestSchema.parse({ job_title: 'Tester' }),
      },
      { action: 'user.suspend', id: created.id },
      { action: 'user.reactivate', id: created.id },
      { action: 'user.unlock', id: created.id },
      { action: 'user.reset_mfa', id: created.id },
      { action: 'group.add_member', id: group, body: { user_id: created.id } },
      { action: 'group.remove_member', id: group, userId: created.id },
      { action: 'user.delete', id: created.id },
    ]
    for (const write of writes) await access.writer.write(s, write)
    const made = (await access.writer.write(s, {
      action: 'group.create',
      body: CreateGroupRequestSchema.parse({ name: 'Tour nine' }),
    })) as { id: string }
    await access.writer.write(s, { action: 'group.delete', id: made.id })
    await access.reader.newestChangeSince?.(s, new Date('2025-05-01T00:00:00.000Z'))
    const operations = checkAgainstSpecs(sent)
    for (const id of [
      'User_Create',
      'User_Set',
      'User_Delete',
      'User_Unlock',
      'UserMfa_Reset',
      'UserGroupMembers_Set',
      'UserGroup_Create',
      'UserGroup_Delete',
      'Event_Get',
    ]) {
      expect(operations.has(id), id).toBe(true)
    }
  })
})
