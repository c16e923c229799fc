import { ApplicationAssignmentSchema } from '@jumplink/shared'
import { describe, expect, it } from 'vitest'
import { events, graph } from '../fixtures'
import { mapAssignment, mapAssignments } from './assignment'
import { latestSsoUseByUser } from './event'

const slack = '6600aa11bb22cc33dd44ee55'

describe('application assignments', () => {
  it('maps users bound directly and through groups, with last use', () => {
    const assignments = mapAssignments(graph.applicationUsers, latestSsoUseByUser(events, slack))
    for (const a of assignments) expect(ApplicationAssignmentSchema.parse(a)).toEqual(a)
    expect(assignments).toEqual([
      // Bound directly and through Engineering: direct, and the group is still listed.
      {
        user: { id: '65a1f0c2b7e4d90012ab34cd' },
        via: 'direct',
        groups: [{ id: '65c0aa01b2c3d4e5f6a7b8c9' }],
        last_used_at: '2025-02-01T09:00:00.000Z',
      },
      // Through nested groups: every group on the way is listed.
      {
        user: { id: '65a1f0c2b7e4d90012ab0001' },
        via: 'group',
        groups: [
          { id: '65c0aa01b2c3d4e5f6a7b8c9' },
          { id: '65c0aa01b2c3d4e5f6a7b8cc' },
          { id: '65c0aa01b2c3d4e5f6a7b8cb' },
        ],
        last_used_at: '2025-01-20T09:00:00.000Z',
      },
      // A direct association in the {to} shape, never used.
      { user: { id: '65a1f0c2b7e4d90012ab34d0' }, via: 'direct', groups: [], last_used_at: null },
    ])
  })

  it('omits last_used_at unless expanded, and skips non-user rows', () => {
    const [first] = mapAssignments(graph.applicationUsers)
    expect(first).not.toHaveProperty('last_used_at')
    expect(mapAssignment({ id: 'g', type: 'user_group', paths: [] })).toBeNull()
    expect(mapAssignment({ paths: null })).toBeNull()
  })
})
