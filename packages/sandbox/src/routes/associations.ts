import type { Context } from 'hono'
import { Hono } from 'hono'
import { addAssociation, directAssociations, removeAssociation } from '../data/graph.ts'
import type { GraphObject, GraphType } from '../data/types.ts'
import { ApiError, type SandboxEnv } from '../env.ts'
import * as errors from '../errors.ts'
import { conflict, notFound, reject } from '../writes/rejections.ts'
import { found, organizationOf, v2List } from './lists.ts'

// Direct bindings (jumpcloud-api.md §5.2; the V2 spec's SystemAssociation_Get/_Post,
// UserAssociation_*, UserGroupAssociation_*, SystemGroupAssociation_*): `GET …/associations?
// targets=<type>` (targets required, one of the operation's enum) lists the object's bindings
// to that type as GraphConnections, v2-paged; `POST` `{op, type, id, attributes?}` adds or
// removes one (204). Targets the sandbox does not model (commands, policies, directories) are
// accepted and have no bindings.

type Kind = 'systems' | 'users' | 'usergroups' | 'systemgroups'

const DEVICE_TARGETS = ['command', 'policy', 'policy_group', 'user', 'user_group']
const IDENTITY_TARGETS = [
  'active_directory',
  'application',
  'g_suite',
  'idp_routing_policy',
  'ldap_server',
  'office_365',
  'password_manager_item',
  'radius_server',
  'system',
  'system_group',
]
/** Each kind's `targets` enum in the V2 spec. */
const TARGETS: Record<Kind, readonly string[]> = {
  systems: DEVICE_TARGETS,
  systemgroups: DEVICE_TARGETS,
  users: IDENTITY_TARGETS,
  usergroups: IDENTITY_TARGETS,
}
const MODELLED: readonly string[] = ['user', 'user_group', 'system', 'system_group', 'application']
const OWN_TYPE: Record<Kind, GraphType> = {
  systems: 'system',
  users: 'user',
  usergroups: 'user_group',
  systemgroups: 'system_group',
}

/** The graph object a path names, or JumpCloud's 404. */
function objectOf(c: Context<SandboxEnv>, type: GraphType, id: string): GraphObject | undefined {
  const org = organizationOf(c)
  const exists =
    type === 'system'
      ? org.findSystem(id) !== undefined
      : type === 'user'
        ? org.findUser(id) !== undefined
        : type === 'user_group'
          ? org.data.userGroups.some((g) => g.id === id)
          : type === 'system_group'
            ? org.data.systemGroups.some((g) => g.id === id)
            : org.data.applications.some((a) => a._id === id)
  return exists ? { id, type, attributes: null } : undefined
}

const LABELS: Record<Kind, string> = {
  systems: 'System',
  users: 'User',
  usergroups: 'User group',
  systemgroups: 'System group',
}

export function associationRoutes() {
  const app = new Hono<SandboxEnv>()
  for (const kind of ['systems', 'users', 'usergroups', 'systemgroups'] as const) {
    const subject = (c: Context<SandboxEnv>) =>
      found(objectOf(c, OWN_TYPE[kind], c.req.param('id') ?? ''), LABELS[kind])

    app.get(`/${kind}/:id/associations`, (c) => {
      const object = subject(c)
      const targets = c.req.query('targets')
      if (targets === undefined || !TARGETS[kind].includes(targets)) {
        throw new ApiError(
          errors.badRequest('v2', `targets must be one of ${TARGETS[kind].join(', ')}`),
        )
      }
      const bound = MODELLED.includes(targets)
        ? directAssociations(organizationOf(c).data.graph, object.id, targets as GraphType)
        : []
      return v2List(c, bound)
    })

    app.post(`/${kind}/:id/associations`, async (c) => {
      const object = subject(c)
      let body: Record<string, unknown>
      try {
        body = (await c.req.json()) as Record<string, unknown>
      } catch {
        reject('body', 'must be a JSON object')
      }
      if (body === null || typeof body !== 'object') reject('body', 'must be a JSON object')
      if (body.op !== 'add' && body.op !== 'remove') reject('op', 'must be add or remove')
      if (typeof body.type !== 'string' || !TARGETS[kind].includes(body.type))
        reject('type', `must be one of ${TARGETS[kind].join(', ')}`)
      if (!MODELLED.includes(body.type)) reject('type', 'is not bound in the sandbox')
      if (typeof body.id !== 'string' || body.id === '') reject('id', 'is required')
      const attributes = body.attributes ?? null
      if (attributes !== null && (typeof attributes !== 'object' || Array.isArray(attributes)))
        reject('attributes', 'must be an object')
      const target = objectOf(c, body.type as GraphType, body.id) ?? notFound('Target')
      const graph = organizationOf(c).data.graph
      const present = directAssociations(graph, object.id, target.type).some(
        (bound) => bound.to.id === target.id,
      )
      if (body.op === 'add') {
        if (present) conflict('Already Exists')
        addAssociation(graph, object, target, attributes as Record<string, unknown> | null)
      } else if (present) {
        removeAssociation(graph, object.id, target.id)
      }
      return c.body(null, 204)
    })
  }
  return app
}
