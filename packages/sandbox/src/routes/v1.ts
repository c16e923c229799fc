import { Hono } from 'hono'
import type { SandboxEnv } from '../env.ts'
import { parseFields, project, projectionOf } from '../query/list.ts'
import { found, organizationOf, v1List, v1Search } from './lists.ts'

/** JumpCloud API v1 (`/api`): organizations, system users, systems, applications, admins. */
export function v1Routes() {
  const app = new Hono<SandboxEnv>()
  const projectionIn = (url: string) =>
    projectionOf(parseFields(new URL(url).searchParams.get('fields'), ' '), ['_id', 'id'])

  app.get('/organizations', (c) =>
    v1List(
      c,
      c.get('organizations').map((o) => o.record),
    ),
  )
  app.get('/organizations/:id', (c) => {
    const organization = found(
      c.get('organizations').find((o) => o.id === c.req.param('id')),
      'Organization',
    )
    return c.json(organization.details)
  })

  app.get('/systemusers', (c) => v1List(c, organizationOf(c).data.users, { stored: true }))
  app.get('/systemusers/:id', (c) => {
    const user = found(organizationOf(c).findUser(c.req.param('id')), 'User')
    return c.json(project(user, projectionIn(c.req.url)))
  })

  app.post('/search/systemusers', (c) =>
    v1Search(c, organizationOf(c).data.users, { stored: true }),
  )
  app.post('/search/systems', (c) => v1Search(c, organizationOf(c).data.systems, { stored: true }))

  app.get('/systems', (c) => v1List(c, organizationOf(c).data.systems, { stored: true }))
  app.get('/systems/:id', (c) => {
    const system = found(organizationOf(c).findSystem(c.req.param('id')), 'System')
    return c.json(project(system, projectionIn(c.req.url)))
  })

  app.get('/applications', (c) =>
    v1List(c, organizationOf(c).data.applications, { defaultSort: 'name', stored: true }),
  )
  app.get('/applications/:id', (c) => {
    const id = c.req.param('id')
    return c.json(
      found(
        organizationOf(c).data.applications.find((a) => a._id === id),
        'Application',
      ),
    )
  })

  // Undocumented but used in production to list admins (jumpcloud-api.md §7).
  app.get('/users', (c) => v1List(c, organizationOf(c).data.admins, { stored: true }))
  app.get('/users/:id', (c) => {
    const id = c.req.param('id')
    return c.json(
      found(
        organizationOf(c).data.admins.find((a) => a._id === id),
        'Administrator',
      ),
    )
  })
  return app
}
