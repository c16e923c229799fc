import { DeviceSchema } from '@jumplink/shared'
import { describe, expect, it } from 'vitest'
import { at, graph, insights, systemGroups, systems, systemUsers } from '../fixtures'
import { namedGraphRefs } from './common'
import { insightsBySystem, mapDevice, platformOf, userLinksOf } from './device'

const orgId = '64b0c1d2e3f4a5b6c7d8e9f0'
const usernames = new Map(systemUsers.map((u) => [u._id ?? u.id ?? '', u.username ?? '']))
const groupNames = new Map(systemGroups.map((g) => [g.id ?? '', g.name ?? '']))

function device(index: number) {
  const system = at(systems, index)
  const id = system._id ?? system.id ?? ''
  const mapped = mapDevice(system, { organizationId: orgId, insights: insights[id] })
  expect(DeviceSchema.parse(mapped)).toEqual(mapped)
  return mapped
}

describe('mapDevice', () => {
  it('maps every field of a managed Mac, with users and groups expanded', () => {
    const system = at(systems, 0)
    const mac = mapDevice(system, {
      insights: insights['65b2a9e1c4d3f20011aa7788'],
      users: userLinksOf(graph.systemUsers),
      usernames,
      groups: namedGraphRefs(graph.systemMemberOf, 'system_group', groupNames),
    })
    expect(DeviceSchema.parse(mac)).toEqual(mac)
    expect(mac).toEqual({
      id: '65b2a9e1c4d3f20011aa7788',
      name: "Jane's MacBook Pro",
      hostname: 'jane-mbp.local',
      platform: 'macos',
      device_type: 'computer',
      os_name: 'Mac OS X',
      os_version: '14.4.1',
      os_build: '23E224',
      serial_number: 'C02XYZ123ABC',
      manufacturer: 'Apple Inc.',
      model: 'MacBookPro18,3',
      arch: 'arm64',
      is_active: true,
      last_seen_at: '2025-02-01T08:15:00.000Z',
      created_at: '2024-01-20T12:00:00.000Z',
      agent_version: '1.172.1',
      mdm: {
        enrolled: true,
        vendor: 'internal',
        dep: true,
        user_approved: true,
        // No Apple MDM record was given for it.
        enrollment: null,
      },
      // fde.active wins over an insights volume row that says otherwise.
      disk_encryption: { enabled: true, method: 'filevault', collected_at: null },
      // The newest alf row (global_state 2) counts, not the older one that was off.
      firewall_enabled: true,
      antivirus: { installed: null, healthy: null, products: [] },
      screen_lock_enabled: true,
      auto_update_enabled: null,
      primary_user: { id: '65a1f0c2b7e4d90012ab34cd' },
      tags: ['engineering', 'laptops'],
      organization: { id: orgId },
      users: [
        {
          id: '65a1f0c2b7e4d90012ab34cd',
          via: 'direct',
          local_username: 'jane.doe',
          is_admin: true,
        },
        // The local account says not admin; that observation wins over JumpCloud's sudo grant.
        {
          id: '65a1f0c2b7e4d90012ab0001',
          via: 'group',
          local_username: 'Ravi.Kumar',
          is_admin: false,
        },
        { id: '65a1f0c2b7e4d90012ab34cf', via: 'group', local_username: null, is_admin: null },
      ],
      groups: [
        { id: '65d0bb01c2d3e4f5a6b7c8d9', name: 'macOS Devices' },
        { id: '65d0bb01c2d3e4f5a6b7c8db', name: 'All Managed Devices' },
      ],
    })
  })

  it('reads Windows posture from BitLocker and Security Center', () => {
    const windows = device(1)
    expect(windows).toMatchObject({
      id: '65b2a9e1c4d3f20011aa7789',
      name: 'RKUMAR-LT',
      platform: 'windows',
      os_name: 'Windows',
      os_version: '11 Pro',
      os_build: '22631',
      serial_number: 'PF4ABCD1',
      manufacturer: 'LENOVO',
      model: 'ThinkPad T14 Gen 4',
      is_active: false,
      mdm: { enrolled: true, vendor: 'internal', dep: null, user_approved: null },
      // C: is protected; the unprotected data drive D: does not make it false.
      disk_encryption: {
        enabled: true,
        method: 'bitlocker',
        collected_at: '2025-01-28T17:00:00.000Z',
      },
      firewall_enabled: true,
      antivirus: {
        installed: true,
        healthy: true,
        products: ['Windows Defender', 'CrowdStrike Falcon Sensor'],
      },
      auto_update_enabled: false,
      screen_lock_enabled: null,
      primary_user: null,
      tags: [],
    })
  })

  it('falls back to security products when Security Center is missing', () => {
    const system = at(systems, 1)
    const rows = insights['65b2a9e1c4d3f20011aa7789'] ?? {}
    const { windows_security_center: _center, ...rest } = rows
    const mapped = mapDevice(system, { insights: rest })
    expect(mapped.firewall_enabled).toBe(true)
    // Defender is snoozed but Falcon is on with current signatures.
    expect(mapped.antivirus).toEqual({
      installed: true,
      healthy: true,
      products: ['Windows Defender', 'CrowdStrike Falcon Sensor'],
    })
    expect(mapped.auto_update_enabled).toBeNull()
    const onlyFirewall = mapDevice(system, {
      insights: {
        windows_security_products: [{ type: 'Firewall', name: 'Windows Firewall', state: 'Off' }],
      },
    })
    expect(onlyFirewall.firewall_enabled).toBe(false)
    // The table was collected and lists no antivirus at all.
    expect(onlyFirewall.antivirus).toEqual({ installed: false, healthy: null, products: [] })
  })

  it('handles a Linux server with no mdm, osVersionDetail, primarySystemUser or fde', () => {
    const linux = device(2)
    expect(linux).toMatchObject({
      id: '65b2a9e1c4d3f20011aa778a',
      platform: 'linux',
      last_seen_at: null,
      agent_version: null,
      organization: { id: orgId },
      mdm: { enrolled: false, vendor: null, dep: null, user_approved: null },
      disk_encryption: { enabled: true, method: 'luks', collected_at: '2024-12-24T10:00:00.000Z' },
      firewall_enabled: null,
      antivirus: { installed: null, healthy: null, products: [] },
      // "To Be Filled By O.E.M." is not a serial number.
      serial_number: null,
      manufacturer: 'QEMU',
      os_build: null,
      primary_user: null,
      tags: [],
    })
  })

  it('maps an iPad from osFamily ios and os iPadOS', () => {
    const ipad = device(3)
    expect(ipad).toMatchObject({
      platform: 'ipados',
      hostname: null,
      arch: null,
      agent_version: null,
      disk_encryption: { enabled: true, method: null, collected_at: null },
      mdm: { enrolled: true, vendor: 'internal', dep: false, user_approved: false },
      primary_user: { id: '65a1f0c2b7e4d90012ab34cf' },
    })
  })

  it('uses System Insights when fde is missing, and only this device’s rows', () => {
    const loaner = device(4)
    expect(loaner).toMatchObject({
      name: null,
      hostname: 'loaner-07.local',
      serial_number: 'C02LOANER07Z',
      manufacturer: 'Apple Inc.',
      mdm: { enrolled: false, vendor: null, dep: false, user_approved: false },
      // FileVault encrypts the data volume; the unencrypted preboot volume does not count.
      disk_encryption: {
        enabled: true,
        method: 'filevault',
        collected_at: '2025-02-01T06:59:00.000Z',
      },
      firewall_enabled: false,
      screen_lock_enabled: false,
    })
    const off = mapDevice(at(systems, 4), {
      insights: { disk_encryption: [{ system_id: '65b2a9e1c4d3f20011aa778c', encrypted: 0 }] },
    })
    expect(off.disk_encryption).toEqual({ enabled: false, method: null, collected_at: null })
  })

  it('reports unknown, never false, when nothing is known', () => {
    const bsd = device(5)
    expect(bsd).toMatchObject({
      platform: 'unknown',
      os_version: null,
      disk_encryption: { enabled: null, method: null, collected_at: null },
      firewall_enabled: null,
      antivirus: { installed: null, healthy: null, products: [] },
      screen_lock_enabled: null,
      auto_update_enabled: null,
      mdm: { enrolled: false, vendor: null, dep: null, user_approved: null },
    })
    expect(bsd).not.toHaveProperty('users')
    expect(bsd).not.toHaveProperty('groups')
  })

  it('maps platforms', () => {
    expect(platformOf('darwin', 'Mac OS X')).toBe('macos')
    expect(platformOf('ios', 'iOS')).toBe('ios')
    expect(platformOf('ios', 'iPadOS')).toBe('ipados')
    expect(platformOf('windows', '')).toBe('windows')
    expect(platformOf('', 'Amazon Linux')).toBe('linux')
    expect(platformOf(undefined, 'Android')).toBe('android')
    expect(platformOf(null, null)).toBe('unknown')
  })

  it('splits rows of many devices by system', () => {
    const split = insightsBySystem({
      alf: [
        { system_id: 'a', global_state: 1 },
        { system_id: 'b', global_state: 0 },
        { global_state: 2 },
      ],
      screenlock: [{ system_id: 'a', enabled: 1 }],
    })
    expect([...split.keys()]).toEqual(['a', 'b'])
    expect(split.get('a')?.screenlock).toHaveLength(1)
    expect(split.get('b')?.alf).toEqual([{ system_id: 'b', global_state: 0 }])
  })
})
