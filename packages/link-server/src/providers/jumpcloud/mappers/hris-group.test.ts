import { HrisGroupSchema } from '@jumplink/shared'
import { describe, expect, it } from 'vitest'
import { systemUsers, userGroups } from '../fixtures'
import { mapHrisGroups } from './hris-group'

describe('mapHrisGroups', () => {
  it('unions departments, cost centers and user groups', () => {
    const groups = mapHrisGroups(systemUsers, userGroups)
    for (const g of groups) expect(HrisGroupSchema.parse(g)).toEqual(g)
    expect(groups).toEqual([
      { id: 'department_engineering', name: 'Engineering', type: 'department', parent_group: null },
      {
        id: 'department_product-design',
        name: 'Product Design',
        type: 'department',
        parent_group: null,
      },
      { id: 'cost_center_cc-12', name: 'CC-12', type: 'cost_center', parent_group: null },
      { id: 'cost_center_cc-40-r-d', name: 'CC 40 / R&D', type: 'cost_center', parent_group: null },
      { id: '65c0aa01b2c3d4e5f6a7b8c9', name: 'Engineering', type: 'group', parent_group: null },
      { id: '65c0aa01b2c3d4e5f6a7b8ca', name: 'All Users', type: 'group', parent_group: null },
      {
        id: '65c0aa01b2c3d4e5f6a7b8cb',
        name: 'Contractors (auto)',
        type: 'group',
        parent_group: null,
      },
      { id: '65c0aa01b2c3d4e5f6a7b8cc', name: 'Platform Team', type: 'group', parent_group: null },
    ])
  })
})
