import { readFileSync } from 'node:fs'
import { UserSchema } from '@jumplink/shared'
import { describe, expect, it } from 'vitest'
import { admins, at, graph, systemUsers, userGroups } from '../fixtures'
import type { SystemUserRecord } from '../records'
import { JumpcloudMappingError, namedGraphRefs } from './common'
import { indexAdminRoles } from './role'
import { mapUser, USER_FIELDS } from './user'

const orgId = '64b0c1d2e3f4a5b6c7d8e9f0'
const groupNames = new Map(userGroups.map((g) => [g.id ?? '', g.name ?? '']))

describe('mapUser', () => {
  it('maps every field of a complete systemuser', () => {
    const user = mapUser(at(systemUsers, 0), {
      adminRolesByEmail: indexAdminRoles(admins),
      groups: namedGraphRefs(graph.userMemberOf, 'user_group', groupNames),
      lastLoginAt: '2025-02-01T08:20:00.000Z',
    })
    expect(UserSchema.parse(user)).toEqual(user)
    expect(user).toEqual({
      id: '65a1f0c2b7e4d90012ab34cd',
      username: 'jane.doe',
      email: 'Jane.Doe@example.test',
      emails: [
        { email: 'Jane.Doe@example.test', type: 'work', is_primary: true },
        { email: 'jane.personal@example.invalid', type: 'alternate', is_primary: false },
      ],
      first_name: 'Jane',
      middle_name: 'Q',
      last_name: 'Doe',
      display_name: 'Jane Q. Doe',
      status: 'active',
      is_locked: false,
      is_mfa_enabled: true,
      mfa_status: 'enrolled',
      job_title: 'Site Reliability Engineer',
      department: 'Engineering',
      cost_center: 'CC-12',
      company: 'Acme Corp',
      location: 'Remote - Denver',
      employee_number: 'E1042',
      employee_type: 'Full-time',
      manager: { id: '65a1f0c2b7e4d90012ab0001' },
      phones: [
        { number: '+1 555 0100', type: 'mobile' },
        { number: '+1 555 0199', type: null },
      ],
      organization: { id: orgId },
      // The admin sharing her email (case-insensitively) holds two roles.
      roles: [
        { id: 'help-desk', name: 'Help Desk' },
        { id: 'read-only', name: 'Read Only' },
      ],
      // Secret-named and secret-flagged attributes never leave; numbers become strings.
      custom_attributes: { team: 'platform', startDate: '2021-04-12', badgeNumber: '4411' },
      password_expires_at: '2025-03-01T10:00:00.000Z',
      created_at: '2024-01-13T10:01:02.345Z',
      updated_at: null,
      groups: [
        { id: '65c0aa01b2c3d4e5f6a7b8c9', name: 'Engineering' },
        { id: '65c0aa01b2c3d4e5f6a7b8cc', name: 'Platform Team' },
        { id: '65c0aa01b2c3d4e5f6a7b8ff', name: null },
      ],
      last_login_at: '2025-02-01T08:20:00.000Z',
    })
  })

  it('leaves expand-only fields out unless asked for', () => {
    const user = mapUser(at(systemUsers, 0))
    expect(user).not.toHaveProperty('groups')
    expect(user).not.toHaveProperty('last_login_at')
    expect(mapUser(at(systemUsers, 0), { lastLoginAt: null }).last_login_at).toBeNull()
  })

  it('reads roles from the record’s own admin field, locking, and a never-expiring password', () => {
    const user = mapUser(at(systemUsers, 1))
    expect(user.roles).toEqual([
      { id: 'administrator-with-billing', name: 'Administrator with Billing' },
    ])
    expect(user.display_name).toBe('Ravi Kumar')
    expect(user.is_locked).toBe(true)
    expect(user.is_mfa_enabled).toBe(false)
    expect(user.mfa_status).toBe('not_enrolled')
    expect(user.password_expires_at).toBeNull()
    expect(user.manager).toBeNull()
    expect(user.location).toBeNull()
    expect(user.emails).toHaveLength(1)
  })

  it('turns a staged record full of "" and nulls into nulls, with no mfa objects', () => {
    const user = mapUser(at(systemUsers, 2))
    expect(UserSchema.parse(user)).toEqual(user)
    expect(user).toMatchObject({
      status: 'invited',
      first_name: null,
      middle_name: null,
      last_name: null,
      display_name: null,
      job_title: null,
      department: null,
      cost_center: null,
      company: null,
      location: null,
      employee_number: null,
      employee_type: null,
      manager: null,
      // totp_enabled:false alone does not rule out push or WebAuthn.
      is_mfa_enabled: null,
      mfa_status: null,
      custom_attributes: {},
      password_expires_at: null,
      created_at: '2025-01-05T12:00:00.000Z',
      roles: [],
    })
  })

  it('handles a record with only `id`, a blank organization and an offset timestamp', () => {
    const user = mapUser(at(systemUsers, 3), { organizationId: orgId })
    expect(UserSchema.parse(user)).toEqual(user)
    expect(user.id).toBe('65a1f0c2b7e4d90012ab34cf')
    expect(user.status).toBe('inactive')
    expect(user.organization).toEqual({ id: orgId })
    expect(user.created_at).toBe('2024-07-01T07:30:00.000Z')
    // The alternate email equal to the primary is not listed twice.
    expect(user.emails).toEqual([
      { email: 'sam@contractor.example.test', type: 'work', is_primary: true },
    ])
    expect(user.is_mfa_enabled).toBe(true)
    expect(user.mfa_status).toBe('enrollment_expired')
    expect(user.password_expires_at).toBeNull()
    expect(user.phones).toEqual([{ number: '+49 30 1234567', type: 'home' }])
  })

  it('survives missing arrays, blank strings of spaces and unknown enum values', () => {
    const user = mapUser(at(systemUsers, 4))
    expect(UserSchema.parse(user)).toEqual(user)
    expect(user.email).toBeNull()
    expect(user.emails).toEqual([])
    expect(user.job_title).toBeNull()
    expect(user.phones).toEqual([])
    expect(user.mfa_status).toBeNull()
  })

  it('falls back to `suspended` when `state` is missing; `activated: false` alone is not invited', () => {
    const base = at(systemUsers, 2)
    const { state: _state, ...rest } = base
    expect(mapUser({ ...rest, suspended: true }).status).toBe('inactive')
    expect(mapUser({ ...rest, suspended: false, activated: false }).status).toBe('active')
    expect(mapUser({ ...rest, activated: true }).status).toBe('active')
  })

  it('follows `state` over stale booleans', () => {
    const base = at(systemUsers, 2)
    expect(mapUser({ ...base, state: 'ACTIVATED', activated: false }).status).toBe('active')
    expect(mapUser({ ...base, state: 'STAGED', activated: true }).status).toBe('invited')
    expect(mapUser({ ...base, state: 'SUSPENDED', suspended: false }).status).toBe('inactive')
  })

  it('agrees with JumpCloud’s SCIM attribute mapping (jumpcloud-api.md §15)', () => {
    const record = at(systemUsers, 0)
    const user = mapUser(record)
    const scim: [keyof SystemUserRecord, unknown][] = [
      ['username', user.username],
      ['firstname', user.first_name],
      ['lastname', user.last_name],
      ['email', user.emails.find((e) => e.is_primary)?.email],
      ['jobTitle', user.job_title],
      ['department', user.department],
      ['costCenter', user.cost_center],
      ['employeeType', user.employee_type],
      ['company', user.company],
      ['employeeIdentifier', user.employee_number],
    ]
    for (const [field, value] of scim) expect(value).toBe(record[field])
    // SCIM's `active` is !suspended && !passwordExpired; an active status never contradicts it.
    for (const r of systemUsers) {
      if (r.suspended === true)
        expect(mapUser(r, { organizationId: orgId }).status).not.toBe('active')
    }
  })

  it('throws a typed error rather than guessing a missing id or creation time', () => {
    expect(() => mapUser({ username: 'x', created: '2024-01-01T00:00:00Z' })).toThrow(
      JumpcloudMappingError,
    )
    expect(() => mapUser({ _id: 'a', username: 'x', organization: orgId, created: '' })).toThrow(
      /created/,
    )
  })
})

describe('mapUser names and roles', () => {
  const base = { _id: 'u1', username: 'u', organization: orgId, created: '2024-01-01T00:00:00Z' }

  it('names a user from displayname, else first and last name, else either one', () => {
    expect(
      mapUser({ ...base, displayname: ' Shown ', firstname: 'A', lastname: 'B' }).display_name,
    ).toBe('Shown')
    expect(
      mapUser({ ...base, displayname: '', firstname: ' Ann ', lastname: 'Lee' }).display_name,
    ).toBe('Ann Lee')
    expect(mapUser({ ...base, firstname: 'Ann', lastname: ' ' }).display_name).toBe('Ann')
    expect(mapUser({ ...base, lastname: 'Lee' }).display_name).toBe('Lee')
    expect(mapUser({ ...base }).display_name).toBeNull()
  })

  it('joins the record’s own roles and its admin’s, each once, own first', () => {
    const user = mapUser(
      {
        ...base,
        email: 'Ann@Example.test',
        admin: { roleName: 'Manager', roleNames: ['Help Desk'] },
      },
      { adminRolesByEmail: new Map([['ann@example.test', ['Help Desk', 'Administrator']]]) },
    )
    expect(user.roles.map((r) => r.name)).toEqual(['Manager', 'Help Desk', 'Administrator'])
    expect(mapUser({ ...base, email: 'x@example.test' }).roles).toEqual([])
  })
})

describe('USER_FIELDS', () => {
  /** The top-level fields `read` touches on each record. */
  function fieldsRead(records: readonly SystemUserRecord[], read: (r: SystemUserRecord) => void) {
    const touched = new Set<string>()
    for (const record of records) {
      read(
        new Proxy(record, {
          get(target, key, receiver) {
            if (typeof key === 'string') touched.add(key)
            return Reflect.get(target, key, receiver)
          },
        }),
      )
    }
    return touched
  }

  it('lists every field mapUser reads, so a projected record maps as the whole one does', () => {
    const records = systemUsers.filter((r) => r._id !== undefined)
    expect(records.length).toBeGreaterThan(3)
    const read = fieldsRead(records, (r) => {
      try {
        mapUser(r, { organizationId: orgId, adminRolesByEmail: indexAdminRoles(admins) })
      } catch (error) {
        if (!(error instanceof JumpcloudMappingError)) throw error
      }
    })
    expect([...read].filter((f) => !(USER_FIELDS as readonly string[]).includes(f))).toEqual([])
    for (const record of records) {
      const projected = Object.fromEntries(
        Object.entries(record).filter(([k]) => (USER_FIELDS as readonly string[]).includes(k)),
      )
      let whole: unknown
      try {
        whole = mapUser(record, { organizationId: orgId })
      } catch (error) {
        whole = error
      }
      if (whole instanceof Error) expect(() => mapUser(projected)).toThrow()
      else expect(mapUser(projected, { organizationId: orgId })).toEqual(whole)
    }
  })

  it('names only fields of the V1 systemuserreturn schema (what `fields` may ask for)', () => {
    const spec = JSON.parse(
      readFileSync(
        new URL(
          '../../../../../../reference/jumpcloud-openapi/JumpCloud.SDK.V1.json',
          import.meta.url,
        ),
        'utf8',
      ),
    ) as { definitions: { systemuserreturn: { properties: Record<string, unknown> } } }
    const documented = Object.keys(spec.definitions.systemuserreturn.properties)
    expect(USER_FIELDS.filter((f) => !documented.includes(f))).toEqual([])
  })
})
