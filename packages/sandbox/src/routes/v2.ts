import { Hono } from 'hono'
import { boundGroups, directMembers, groupMembership, memberOf, traverse } from '../data/graph.ts'
import type { SystemGroup, UserGroup } from '../data/types.ts'
import type { SandboxEnv } from '../env.ts'
import { found, organizationOf, v2List } from './lists.ts'

/** JumpCloud API v2 (`/api/v2`): groups and the graph (jumpcloud-api.md §5). */
export function v2Routes() {
  const app = new Hono<SandboxEnv>()

  for (const kind of ['usergroups', 'systemgroups'] as const) {
    const groupsOf = (
      c: Parameters<typeof organizationOf>[0],
    ): readonly (UserGroup | SystemGroup)[] =>
      kind === 'usergroups'
        ? organizationOf(c).data.userGroups
        : organizationOf(c).data.systemGroups
    const leaf = kind === 'usergroups' ? 'user' : 'system'
    const label = kind === 'usergroups' ? 'User group' : 'System group'
    const groupOf = (c: Parameters<typeof organizationOf>[0]) => {
      const id = c.req.param('id')
      return found<{ id: string }>(
        groupsOf(c).find((g) => g.id === id),
        label,
      )
    }

    app.get(`/${kind}`, (c) => v2List(c, groupsOf(c), { stored: true }))
    app.get(`/${kind}/:id`, (c) => c.json(groupOf(c)))
    app.get(`/${kind}/:id/members`, (c) =>
      v2List(c, directMembers(organizationOf(c).data.graph, groupOf(c).id)),
    )
    app.get(`/${kind}/:id/membership`, (c) =>
      v2List(c, groupMembership(organizationOf(c).data.graph, groupOf(c).id, leaf)),
    )
  }

  app.get('/users/:id/memberof', (c) => {
    const org = organizationOf(c)
    const user = found(org.findUser(c.req.param('id')), 'User')
    return v2List(c, memberOf(org.data.graph, user._id))
  })
  app.get('/users/:id/systems', (c) => {
    const org = organizationOf(c)
    const user = found(org.findUser(c.req.param('id')), 'User')
    return v2List(
      c,
      traverse(org.data.graph, { id: user._id, type: 'user', attributes: null }, 'system'),
    )
  })
  app.get('/systems/:id/users', (c) => {
    const org = organizationOf(c)
    const system = found(org.findSystem(c.req.param('id')), 'System')
    return v2List(
      c,
      traverse(org.data.graph, { id: system._id, type: 'system', attributes: null }, 'user'),
    )
  })
  app.get('/systems/:id/memberof', (c) => {
    const org = organizationOf(c)
    const system = found(org.findSystem(c.req.param('id')), 'System')
    return v2List(c, memberOf(org.data.graph, system._id))
  })

  const applicationOf = (c: Parameters<typeof organizationOf>[0]) => {
    const id = c.req.param('id')
    return found(
      organizationOf(c).data.applications.find((a) => a._id === id),
      'Application',
    )
  }
  app.get('/applications/:id/users', (c) => {
    const application = applicationOf(c)
    return v2List(
      c,
      traverse(
        organizationOf(c).data.graph,
        { id: application._id, type: 'application', attributes: null },
        'user',
      ),
    )
  })
  // JumpCloud's Apple MDM: one device manager per organization, and its enrolled devices.
  app.get('/applemdms', (c) => v2List(c, [organizationOf(c).appleMdm]))
  app.get('/applemdms/:id/devices', (c) => {
    const org = organizationOf(c)
    found(c.req.param('id') === org.appleMdm.id ? org.appleMdm : undefined, 'Apple MDM')
    return v2List(c, org.appleMdmDevices(), { stored: true })
  })

  app.get('/applications/:id/usergroups', (c) =>
    v2List(c, boundGroups(organizationOf(c).data.graph, applicationOf(c)._id, 'user_group')),
  )
  return app
}
