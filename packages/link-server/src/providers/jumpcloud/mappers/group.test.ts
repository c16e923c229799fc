import { GroupMemberSchema, GroupSchema } from '@jumplink/shared'
import { describe, expect, it } from 'vitest'
import { at, graph, userGroups } from '../fixtures'
import { mapGroup, mapGroupMember, mapGroupMembers } from './group'

describe('mapGroup', () => {
  it('maps every field', () => {
    const group = mapGroup(at(userGroups, 0), { memberCount: 12 })
    expect(GroupSchema.parse(group)).toEqual(group)
    expect(group).toEqual({
      id: '65c0aa01b2c3d4e5f6a7b8c9',
      name: 'Engineering',
      description: 'Engineering department',
      email: 'engineering@example.test',
      group_type: 'group',
      membership_automated: false,
      member_count: 12,
      created_at: null,
      updated_at: null,
    })
  })

  it('turns the real minimal record (attributes: null, "" strings) into nulls', () => {
    const group = mapGroup(at(userGroups, 1))
    expect(GroupSchema.parse(group)).toEqual(group)
    // Real user groups carry neither membershipMethod nor membershipAutomated: unknown.
    expect(group).toMatchObject({ description: null, email: null, membership_automated: null })
    expect(group).not.toHaveProperty('member_count')
  })

  it('reads automation from membershipMethod, else the older boolean', () => {
    expect(mapGroup(at(userGroups, 2)).membership_automated).toBe(true)
    expect(mapGroup(at(userGroups, 3)).membership_automated).toBe(false)
    expect(mapGroup({ id: 'g', name: 'n', membershipAutomated: true }).membership_automated).toBe(
      true,
    )
    expect(mapGroup({ id: 'g', name: 'n', membershipAutomated: false }).membership_automated).toBe(
      false,
    )
    expect(mapGroup({ id: 'g', name: 'n' }).membership_automated).toBeNull()
  })
})

describe('group members', () => {
  it('tells direct from nested members and skips nested groups', () => {
    const members = mapGroupMembers(graph.usergroupMembership)
    for (const m of members) expect(GroupMemberSchema.parse(m)).toEqual(m)
    expect(members).toEqual([
      { user: { id: '65a1f0c2b7e4d90012ab34cd' }, via: 'direct' },
      { user: { id: '65a1f0c2b7e4d90012ab0001' }, via: 'group' },
      { user: { id: '65a1f0c2b7e4d90012ab34d0' }, via: 'direct' },
    ])
  })

  it('reads the direct `/members` shape ({to})', () => {
    expect(graph.usergroupMembers.map(mapGroupMember)).toEqual([
      { user: { id: '65a1f0c2b7e4d90012ab34cd' }, via: 'direct' },
      null,
    ])
  })
})
