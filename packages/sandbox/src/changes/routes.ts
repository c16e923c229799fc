import type { Context } from 'hono'
import { Hono } from 'hono'
import type { Organization } from '../data/organization.ts'
import type { SandboxEnv } from '../env.ts'
import type { Sandbox } from '../public-types.ts'
import {
  adminChangeMembership,
  adminCreateUser,
  adminDeleteUser,
  adminSetPosture,
  adminUpdateUser,
} from './org-changes.ts'

/**
 * `/_sandbox/organizations/:orgId/…`: not JumpCloud. An admin's console changes, made while the
 * sandbox runs (README.md). Bad bodies get JumpCloud's 400 shape; unknown records a 404.
 */
export function changeRoutes(sandbox: Sandbox) {
  const app = new Hono<SandboxEnv>()
  const orgOf = (c: Context<SandboxEnv>): Organization | undefined =>
    sandbox.listOrganizations().find((o) => o.id === c.req.param('orgId'))
  const body = async (c: Context<SandboxEnv>): Promise<Record<string, unknown>> => {
    const parsed = await c.req.json().catch(() => undefined)
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {}
  }
  const unknownOrg = (c: Context<SandboxEnv>) =>
    c.json({ message: `unknown organization ${c.req.param('orgId')}` }, 404)

  app.post('/organizations/:orgId/users', async (c) => {
    const org = orgOf(c)
    if (!org) return unknownOrg(c)
    return c.json(adminCreateUser(org, await body(c)), 201)
  })
  app.patch('/organizations/:orgId/users/:userId', async (c) => {
    const org = orgOf(c)
    if (!org) return unknownOrg(c)
    return c.json(adminUpdateUser(org, c.req.param('userId'), await body(c)))
  })
  app.delete('/organizations/:orgId/users/:userId', (c) => {
    const org = orgOf(c)
    if (!org) return unknownOrg(c)
    return c.json(adminDeleteUser(org, c.req.param('userId')))
  })
  app.post('/organizations/:orgId/usergroups/:groupId/members', async (c) => {
    const org = orgOf(c)
    if (!org) return unknownOrg(c)
    adminChangeMembership(org, c.req.param('groupId'), await body(c))
    return c.body(null, 204)
  })
  app.patch('/organizations/:orgId/systems/:systemId', async (c) => {
    const org = orgOf(c)
    if (!org) return unknownOrg(c)
    return c.json(adminSetPosture(org, c.req.param('systemId'), await body(c)))
  })
  return app
}
