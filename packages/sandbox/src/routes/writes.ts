import type { Context } from 'hono'
import { Hono } from 'hono'
import { ApiError, type SandboxEnv } from '../env.ts'
import * as errors from '../errors.ts'
import { changeUserGroupMembers, createUserGroup, deleteUserGroup } from '../writes/groups.ts'
import { createUser, deleteUser, resetUserMfa, unlockUser, updateUser } from '../writes/users.ts'
import { organizationOf } from './lists.ts'

/** A JSON object body, as JumpCloud requires on writes; anything else is a 400. */
async function bodyOf(c: Context<SandboxEnv>, optional = false): Promise<Record<string, unknown>> {
  const raw = await c.req.text()
  if (optional && raw.trim() === '') return {}
  let body: unknown
  try {
    body = JSON.parse(raw)
  } catch {
    body = undefined
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new ApiError(
      errors.badRequest(c.get('family'), 'Bad Request: the body must be a JSON object'),
    )
  return body as Record<string, unknown>
}

/** v1 system user writes (`/api/systemusers…`, jumpcloud-api.md §10). */
export function userWriteRoutes() {
  const app = new Hono<SandboxEnv>()
  // JumpCloud answers a create with 200 and the user, not 201.
  app.post('/systemusers', async (c) => c.json(createUser(organizationOf(c), await bodyOf(c))))
  app.put('/systemusers/:id', async (c) =>
    c.json(updateUser(organizationOf(c), c.req.param('id'), await bodyOf(c))),
  )
  app.delete('/systemusers/:id', (c) =>
    c.json(
      deleteUser(organizationOf(c), c.req.param('id'), {
        clearManager: c.req.query('cascade_manager') === 'null',
      }),
    ),
  )
  app.post('/systemusers/:id/unlock', (c) => {
    unlockUser(organizationOf(c), c.req.param('id'))
    return c.body(null, 200)
  })
  app.post('/systemusers/:id/resetmfa', async (c) => {
    resetUserMfa(organizationOf(c), c.req.param('id'), await bodyOf(c, true))
    return c.body(null, 200)
  })
  return app
}

/** v2 user group writes (`/api/v2/usergroups…`). */
export function userGroupWriteRoutes() {
  const app = new Hono<SandboxEnv>()
  app.post('/usergroups', async (c) =>
    c.json(createUserGroup(organizationOf(c), await bodyOf(c)), 201),
  )
  app.delete('/usergroups/:id', (c) =>
    c.json(deleteUserGroup(organizationOf(c), c.req.param('id'))),
  )
  app.post('/usergroups/:id/members', async (c) => {
    changeUserGroupMembers(organizationOf(c), c.req.param('id'), await bodyOf(c))
    return c.body(null, 204)
  })
  return app
}
