import { DEPARTMENTS } from './catalog.ts'
import { type GenerationContext, randomPast } from './context.ts'
import { addAssociation, addMember } from './graph.ts'
import type { Person } from './people.ts'
import type { JcSystem, OrgGraph, SystemGroup, UserGroup } from './types.ts'

export interface Groups {
  userGroups: UserGroup[]
  systemGroups: SystemGroup[]
  /** Group name -> id, so applications can bind to groups by name. */
  userGroupIds: Map<string, string>
}

/**
 * User groups nest: All Employees > department > team > people. Device groups nest too:
 * All Managed Devices > per-platform groups > devices.
 */
export function generateGroups(
  ctx: GenerationContext,
  people: readonly Person[],
  devices: readonly JcSystem[],
  graph: OrgGraph,
): Groups {
  const userGroups: UserGroup[] = []
  const userGroupIds = new Map<string, string>()
  const newUserGroup = (
    name: string,
    description: string,
    attributes: UserGroup['attributes'] = null,
    membershipMethod?: UserGroup['membershipMethod'],
  ) => {
    const id = ctx.nextId(randomPast(ctx, 200, 1000))
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-')
    userGroups.push({
      id,
      name,
      type: 'user_group',
      description,
      email: ctx.random.chance(0.5) ? `${slug}@${ctx.domain}` : '',
      attributes,
      // Recorded user groups mostly carry no membership method at all.
      ...(membershipMethod ? { membershipMethod } : {}),
      memberQueryErrorFlags: [],
      organizationObjectId: ctx.organizationId,
      suggestionCounts: { add: 0, remove: 0, total: 0 },
    })
    userGroupIds.set(name, id)
    return id
  }

  const everyone = newUserGroup(
    'All Employees',
    'Everyone at the company',
    null,
    'DYNAMIC_AUTOMATED',
  )
  const departmentIds = new Map<string, string>()
  const teamIds = new Map<string, string>()
  for (const department of DEPARTMENTS) {
    const id = newUserGroup(department.name, `${department.name} department`, {
      ldapGroups: [{ name: department.name.toLowerCase().replace(/\s+/g, '-') }],
    })
    departmentIds.set(department.name, id)
    addMember(graph, everyone, { id, type: 'user_group', attributes: null })
    for (const team of department.teams) {
      const teamId = newUserGroup(team, `${team} (${department.name})`, null, 'STATIC')
      teamIds.set(team, teamId)
      addMember(graph, id, { id: teamId, type: 'user_group', attributes: null })
    }
  }
  const contractors = newUserGroup('Contractors', 'External contractors')
  const sudoers = newUserGroup('Server Admins', 'Sudo on Linux servers', {
    sudo: { enabled: true, withoutPassword: false },
  })

  for (const { user, department, team } of people) {
    const groupId = (team && teamIds.get(team)) || departmentIds.get(department.name)
    if (groupId) addMember(graph, groupId, { id: user._id, type: 'user', attributes: null })
    if (user.employeeType === 'Contractor')
      addMember(graph, contractors, { id: user._id, type: 'user', attributes: null })
    if (department.name === 'IT' || (team === 'Platform Team' && ctx.random.chance(0.3))) {
      addMember(graph, sudoers, { id: user._id, type: 'user', attributes: null })
    }
  }

  const systemGroups: SystemGroup[] = []
  const newSystemGroup = (name: string, description: string) => {
    const id = ctx.nextId(randomPast(ctx, 200, 1000))
    systemGroups.push({
      id,
      name,
      type: 'system_group',
      description,
      email: '',
      attributes: null,
      membershipMethod: 'STATIC',
      memberQueryErrorFlags: [],
      organizationObjectId: ctx.organizationId,
    })
    return id
  }
  const allDevices = newSystemGroup('All Managed Devices', 'Every enrolled device')
  const byFamily = new Map<string, string>()
  for (const [family, name] of [
    ['darwin', 'macOS Devices'],
    ['windows', 'Windows Devices'],
    ['linux', 'Linux Servers'],
    ['ios', 'Mobile Devices'],
  ] as const) {
    const id = newSystemGroup(name, `${name} managed by IT`)
    byFamily.set(family, id)
    addMember(graph, allDevices, { id, type: 'system_group', attributes: null })
  }
  for (const device of devices) {
    const groupId = byFamily.get(device.osFamily)
    if (groupId) addMember(graph, groupId, { id: device._id, type: 'system', attributes: null })
    const owner = device.primarySystemUser.id
    if (owner)
      addAssociation(
        graph,
        { id: owner, type: 'user', attributes: null },
        { id: device._id, type: 'system', attributes: null },
        null,
      )
  }

  const linuxServers = byFamily.get('linux')
  const engineering = departmentIds.get('Engineering')
  if (linuxServers) {
    const sudo = { sudo: { enabled: true, withoutPassword: false } }
    addAssociation(
      graph,
      { id: sudoers, type: 'user_group', attributes: null },
      { id: linuxServers, type: 'system_group', attributes: null },
      sudo,
    )
    if (engineering) {
      addAssociation(
        graph,
        { id: engineering, type: 'user_group', attributes: null },
        { id: linuxServers, type: 'system_group', attributes: null },
        null,
      )
    }
  }
  return { userGroups, systemGroups, userGroupIds }
}
