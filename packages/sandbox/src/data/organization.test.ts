import { describe, expect, it } from 'vitest'
import { DEFAULT_SIZES } from '../sandbox.ts'
import { Organization, type OrgSpec } from './organization.ts'

const NOW = new Date('2025-06-02T00:00:00.000Z')
const spec: OrgSpec = {
  label: 'test',
  displayName: 'Test Co',
  domain: 'test.example',
  sizes: { ...DEFAULT_SIZES.single, users: 300, devices: 200 },
}

describe('Organization data', () => {
  it('is identical for the same seed and differs for another', () => {
    const a = new Organization(spec, 5, NOW)
    const b = new Organization(spec, 5, NOW)
    const c = new Organization(spec, 6, NOW)
    expect(JSON.stringify(a.data.users)).toBe(JSON.stringify(b.data.users))
    expect(JSON.stringify(a.data.systems)).toBe(JSON.stringify(b.data.systems))
    expect(JSON.stringify(a.events())).toBe(JSON.stringify(b.events()))
    expect(c.data.users[0]?.email).not.toBe(a.data.users[0]?.email)
  })

  it('has realistic people: all states, mixed MFA, managers, ids, unique emails', () => {
    const { users } = new Organization(spec, 1, NOW).data
    expect(new Set(users.map((u) => u.state))).toEqual(
      new Set(['STAGED', 'ACTIVATED', 'SUSPENDED', undefined]),
    )
    expect(new Set(users.map((u) => u.mfa.configured))).toEqual(new Set([true, false]))
    expect(new Set(users.map((u) => u.email)).size).toBe(users.length)
    const ids = new Set(users.map((u) => u._id))
    const managed = users.filter((u) => u.manager !== '' && u.manager !== undefined)
    expect(managed.every((u) => ids.has(u.manager ?? ''))).toBe(true)
    expect(users.filter((u) => u.manager === '')).toHaveLength(1)
    expect(users.some((u) => u.employeeIdentifier === null)).toBe(true)
    expect(new Set(users.map((u) => u.department)).size).toBeGreaterThanOrEqual(5)
    for (const u of users) if (u.state) expect(u.suspended).toBe(u.state === 'SUSPENDED')
  })

  it('has the record shapes real tenants showed: older records and stale booleans', () => {
    const { users } = new Organization(spec, 1, NOW).data
    for (const u of users) {
      expect(u.external_dn).toBe('')
      expect(u.external_source_type).toBe('')
    }
    const legacy = users.filter((u) => !('state' in u))
    expect(legacy.length).toBeGreaterThan(5)
    for (const u of legacy) {
      for (const field of [
        'organization',
        'mfaEnrollment',
        'manager',
        'alternateEmail',
        'password_date',
        'password_expiration_date',
      ])
        expect(u).not.toHaveProperty(field)
      expect(u.activated).toBe(false)
    }
    expect(legacy.some((u) => u.suspended)).toBe(true)
    expect(users.some((u) => u.state === 'ACTIVATED' && u.activated === false)).toBe(true)
  })

  it('has devices on every platform with varied encryption and contact', () => {
    const { systems } = new Organization(spec, 1, NOW).data
    expect(new Set(systems.map((s) => s.os))).toEqual(
      expect.objectContaining(new Set(['Mac OS X', 'Windows', 'iOS', 'iPadOS'])),
    )
    expect(new Set(systems.map((s) => s.osFamily))).toEqual(
      new Set(['darwin', 'windows', 'linux', 'ios']),
    )
    expect(new Set(systems.map((s) => s.fde.active))).toEqual(new Set([true, false]))
    expect(systems.some((s) => s.primarySystemUser.id === null)).toBe(true)
    const stale = systems.filter(
      (s) => s.lastContact && NOW.getTime() - Date.parse(s.lastContact) > 14 * 86_400_000,
    )
    expect(stale.length).toBeGreaterThan(0)
    expect(new Set(systems.map((s) => s.version)).size).toBeGreaterThan(5)
  })

  it('has nested groups, SSO apps with group and user assignments, and weeks of events', () => {
    const org = new Organization(spec, 1, NOW)
    const { graph, applications } = org.data
    const nested = [...graph.members.values()].flat().filter((m) => m.type === 'user_group')
    expect(nested.length).toBeGreaterThan(0)
    const bound = applications.flatMap((a) => graph.associations.get(a._id) ?? [])
    expect(new Set(bound.map((b) => b.type))).toEqual(new Set(['user_group', 'user']))
    const events = org.events()
    const days = new Set(events.map((e) => e.timestamp.slice(0, 10)))
    expect(days.size).toBeGreaterThanOrEqual(21)
    expect(new Set(events.map((e) => e.event_type))).toEqual(
      expect.objectContaining(new Set(['user_login_attempt', 'sso_auth'])),
    )
    expect(events.every((e) => Date.parse(e.timestamp) <= NOW.getTime())).toBe(true)
  })

  it('has installed software for macOS and Windows devices', () => {
    const org = new Organization(spec, 1, NOW)
    expect(org.insights('apps').length).toBeGreaterThan(0)
    expect(org.insights('programs').length).toBeGreaterThan(0)
    const mobile = new Set(org.data.systems.filter((s) => s.osFamily === 'ios').map((s) => s._id))
    expect(org.insights('os_version').some((r) => mobile.has(r.system_id))).toBe(false)
  })
})
