import { createSandbox } from '@jumplink/sandbox'
import {
  ApplicationSchema,
  CompanySchema,
  DeviceGroupSchema,
  DeviceSchema,
  DirectoryEventSchema,
  EmployeeSchema,
  GroupSchema,
  HrisGroupSchema,
  InstalledAppSchema,
  OrganizationSchema,
  RoleSchema,
  UserSchema,
} from '@jumplink/shared'
import { describe, expect, it } from 'vitest'
import type {
  AdminRecord,
  ApplicationRecord,
  DirectoryEventRecord,
  InsightRowBase,
  OrganizationRecord,
  SystemGroupRecord,
  SystemRecord,
  SystemUserRecord,
  UserGroupRecord,
} from '../records'
import { mapApplication } from './application'
import { mapCompanies } from './company'
import { insightsBySystem, mapDevice } from './device'
import { mapDeviceGroup } from './device-group'
import { indexUserNames, mapEmployee } from './employee'
import { latestLogins, latestSsoUse, mapEvent } from './event'
import { mapGroup } from './group'
import { mapHrisGroups } from './hris-group'
import { mapInstalledApps } from './installed-app'
import { mapOrganization } from './organization'
import { deviceRemoteData, isDeniedKey, withRemoteData } from './remote-data'
import { indexAdminRoles, mapRoles } from './role'
import { mapUser } from './user'

// The sandbox generates realistic JumpCloud records; every mapper must accept all of them.
const sandbox = createSandbox({
  seed: 11,
  now: '2025-06-02T00:00:00.000Z',
  sizes: { single: { users: 120, devices: 60, applications: 8, admins: 4, eventsPerDay: 30 } },
})
const org = sandbox.organizations.single
const data = org.data
const loose = <T>(value: unknown) => value as T

const TABLES = [
  'apps',
  'programs',
  'disk_encryption',
  'bitlocker_info',
  'os_version',
  'system_info',
  'alf',
  'windows_security_products',
] as const

describe('mappers over a sandbox organization', () => {
  const users = loose<SystemUserRecord[]>(data.users)
  const events = loose<DirectoryEventRecord[]>(org.events())

  it('maps every user and employee', () => {
    const roles = indexAdminRoles(loose<AdminRecord[]>(data.admins))
    const logins = latestLogins(events)
    const names = indexUserNames(users)
    for (const record of users) {
      const id = record._id ?? ''
      UserSchema.parse(
        mapUser(record, {
          organizationId: org.id,
          adminRolesByEmail: roles,
          lastLoginAt: logins.get(id) ?? null,
        }),
      )
      EmployeeSchema.parse(mapEmployee(record, { userNames: names }))
    }
    expect(
      users.some(
        (u) => mapUser(u, { organizationId: org.id, adminRolesByEmail: roles }).roles.length > 0,
      ),
    ).toBe(true)
  })

  it('maps the organization, roles, companies, groups and HR groups', () => {
    OrganizationSchema.parse(mapOrganization(loose<OrganizationRecord>(org.record)))
    for (const role of mapRoles(loose<AdminRecord[]>(data.admins))) RoleSchema.parse(role)
    for (const company of mapCompanies(users)) CompanySchema.parse(company)
    const userGroups = loose<UserGroupRecord[]>(data.userGroups)
    for (const group of userGroups) GroupSchema.parse(mapGroup(group))
    for (const group of loose<SystemGroupRecord[]>(data.systemGroups)) {
      DeviceGroupSchema.parse(mapDeviceGroup(group))
    }
    for (const group of mapHrisGroups(users, userGroups)) HrisGroupSchema.parse(group)
  })

  it('maps every device with its insights, and its installed software', () => {
    const tables = Object.fromEntries(
      TABLES.map((t) => [t, loose<InsightRowBase[]>(org.insights(t))]),
    )
    const bySystem = insightsBySystem(tables)
    let encryptionKnown = 0
    for (const system of loose<SystemRecord[]>(data.systems)) {
      const rows = bySystem.get(system._id ?? '') ?? {}
      const device = withRemoteData(
        mapDevice(system, { insights: rows }),
        deviceRemoteData(system, rows),
      )
      DeviceSchema.parse(device)
      if (device.disk_encryption.enabled !== null) encryptionKnown += 1
    }
    expect(encryptionKnown).toBe(data.systems.length)
    for (const table of ['apps', 'programs'] as const) {
      const apps = mapInstalledApps(tables[table] ?? [], table)
      expect(apps.length).toBeGreaterThan(0)
      for (const app of apps) InstalledAppSchema.parse(app)
    }
  })

  it('maps applications and events, with last use', () => {
    const lastUsed = latestSsoUse(events)
    for (const app of loose<ApplicationRecord[]>(data.applications)) {
      ApplicationSchema.parse(
        mapApplication(app, { lastUsedAt: lastUsed.get(app._id ?? '') ?? null }),
      )
    }
    expect(events.length).toBeGreaterThan(0)
    for (const event of events) DirectoryEventSchema.parse(mapEvent(event))
  })

  it('never returns a denied key in remote_data', () => {
    const keys: string[] = []
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect)
      else if (value && typeof value === 'object') {
        for (const [key, item] of Object.entries(value)) {
          keys.push(key)
          collect(item)
        }
      }
    }
    for (const user of users) {
      collect(withRemoteData(mapUser(user, { organizationId: org.id }), user).remote_data)
    }
    for (const admin of data.admins) collect(withRemoteData({}, admin).remote_data)
    expect(keys.length).toBeGreaterThan(0)
    expect(keys.filter(isDeniedKey)).toEqual([])
  })
})
