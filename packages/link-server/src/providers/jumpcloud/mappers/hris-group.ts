import type { HrisGroup } from '@jumplink/shared'
import type { SystemUserRecord, UserGroupRecord } from '../records'
import { requireStr, slug, str } from './common'

export function departmentGroupId(name: string): string {
  return `department_${slug(name)}`
}

export function costCenterGroupId(name: string): string {
  return `cost_center_${slug(name)}`
}

export function departmentGroup(name: string) {
  return { id: departmentGroupId(name), name, type: 'department' as const }
}

export function costCenterGroup(name: string) {
  return { id: costCenterGroupId(name), name, type: 'cost_center' as const }
}

/** A department named in users' `department` field. */
export function mapDepartment(name: string): HrisGroup {
  return { ...departmentGroup(name), parent_group: null }
}

/** A cost center named in users' `costCenter` field. */
export function mapCostCenter(name: string): HrisGroup {
  return { ...costCenterGroup(name), parent_group: null }
}

/** A v2 user group as an HR group; its id is the group id, as on `/user-directory/groups`. */
export function mapUserGroupAsHrisGroup(group: UserGroupRecord): HrisGroup {
  return {
    id: requireStr(group.id, 'usergroup', 'id'),
    name: requireStr(group.name, 'usergroup', 'name'),
    type: 'group',
    parent_group: null,
  }
}

/**
 * Every HR group: distinct departments and cost centers from all systemusers (first spelling
 * wins among those that slug alike), then the user groups (`GET /v2/usergroups`, all pages).
 */
export function mapHrisGroups(
  users: readonly SystemUserRecord[],
  userGroups: readonly UserGroupRecord[],
): HrisGroup[] {
  const departments = new Map<string, HrisGroup>()
  const costCenters = new Map<string, HrisGroup>()
  for (const user of users) {
    const department = str(user.department)
    if (department !== null && !departments.has(departmentGroupId(department))) {
      departments.set(departmentGroupId(department), mapDepartment(department))
    }
    const costCenter = str(user.costCenter)
    if (costCenter !== null && !costCenters.has(costCenterGroupId(costCenter))) {
      costCenters.set(costCenterGroupId(costCenter), mapCostCenter(costCenter))
    }
  }
  const byId = (a: HrisGroup, b: HrisGroup) => a.id.localeCompare(b.id)
  return [
    ...[...departments.values()].sort(byId),
    ...[...costCenters.values()].sort(byId),
    ...userGroups
      .filter((g) => str(g.id) !== null && str(g.name) !== null)
      .map(mapUserGroupAsHrisGroup),
  ]
}
