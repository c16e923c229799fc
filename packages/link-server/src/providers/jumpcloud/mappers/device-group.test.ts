import { DeviceGroupSchema, UNIFIED_COLLECTIONS } from '@jumplink/shared'
import { describe, expect, it } from 'vitest'
import { at, graph, systemGroups } from '../fixtures'
import { mapDeviceGroup, mapDeviceGroupMembers } from './device-group'

describe('mapDeviceGroup', () => {
  it('maps every field', () => {
    const group = mapDeviceGroup(at(systemGroups, 0))
    expect(DeviceGroupSchema.parse(group)).toEqual(group)
    expect(group).toEqual({
      id: '65d0bb01c2d3e4f5a6b7c8d9',
      name: 'macOS Devices',
      description: 'macOS laptops managed by IT',
      membership_automated: false,
      created_at: null,
      updated_at: null,
    })
  })

  it('handles blanks, missing fields and automated membership', () => {
    expect(mapDeviceGroup(at(systemGroups, 1))).toMatchObject({
      description: null,
      membership_automated: true,
    })
    const bare = mapDeviceGroup(at(systemGroups, 2))
    expect(DeviceGroupSchema.parse(bare)).toEqual(bare)
    // Neither membershipMethod nor membershipAutomated: unknown, not static.
    expect(bare).toMatchObject({ description: null, membership_automated: null })
  })

  it('maps members, direct or through a nested group, devices only', () => {
    const members = mapDeviceGroupMembers(graph.systemgroupMembership)
    const schema = UNIFIED_COLLECTIONS.deviceGroupMembers.item
    for (const m of members) expect(schema.parse(m)).toEqual(m)
    expect(members).toEqual([
      { device: { id: '65b2a9e1c4d3f20011aa7788' }, via: 'direct' },
      { device: { id: '65b2a9e1c4d3f20011aa7789' }, via: 'group' },
    ])
  })
})
