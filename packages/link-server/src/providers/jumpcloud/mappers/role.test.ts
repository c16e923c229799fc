import { RoleSchema } from '@jumplink/shared'
import { describe, expect, it } from 'vitest'
import { admins } from '../fixtures'
import { adminRoleNames, indexAdminRoles, mapRole, mapRoles } from './role'

describe('roles', () => {
  it('builds one role per role name with its admin count', () => {
    const roles = mapRoles(admins)
    for (const role of roles) expect(RoleSchema.parse(role)).toEqual(role)
    expect(roles).toEqual([
      {
        id: 'administrator-with-billing',
        name: 'Administrator with Billing',
        type: 'admin',
        description: null,
        assignee_count: 1,
      },
      { id: 'help-desk', name: 'Help Desk', type: 'admin', description: null, assignee_count: 2 },
      { id: 'read-only', name: 'Read Only', type: 'admin', description: null, assignee_count: 1 },
    ])
  })

  it('maps a single role with an unknown count', () => {
    expect(mapRole('Command Runner with Billing')).toEqual({
      id: 'command-runner-with-billing',
      name: 'Command Runner with Billing',
      type: 'admin',
      description: null,
      assignee_count: null,
    })
  })

  it('ignores blank role names and null roleNames', () => {
    expect(adminRoleNames({ roleName: '', roleNames: null })).toEqual([])
    expect(adminRoleNames({ roleName: 'Help Desk', roleNames: ['Help Desk'] })).toEqual([
      'Help Desk',
    ])
  })

  it('indexes admins by lowercased email', () => {
    const index = indexAdminRoles(admins)
    expect(index.get('ravi.kumar@example.test')).toEqual(['Administrator with Billing'])
    expect(index.has('nobody-role@example.test')).toBe(false)
  })
})
