import type { ApplicationAssignment } from '@jumplink/shared'
import type { GraphConnectionRecord } from '../records'
import { graphIntermediates, graphTarget, graphVia } from './common'

export interface AssignmentContext {
  /** `expand=last_used`: `latestSsoUseByUser(DI sso_auth events for the app).get(userId)`. */
  lastUsedAt?: string | null
}

/**
 * One user from `GET /v2/applications/{id}/users` (a traversal: a one-hop path is a direct
 * binding, longer paths go through the user groups they list). `null` for non-user entries.
 */
export function mapAssignment(
  connection: GraphConnectionRecord,
  context: AssignmentContext = {},
): ApplicationAssignment | null {
  const target = graphTarget(connection)
  if (!target || (target.type !== null && target.type !== 'user')) return null
  const assignment: ApplicationAssignment = {
    user: { id: target.id },
    via: graphVia(connection),
    groups: graphIntermediates(connection, 'user_group').map((id) => ({ id })),
  }
  if (context.lastUsedAt !== undefined) assignment.last_used_at = context.lastUsedAt
  return assignment
}

/**
 * A page of assignments. With `lastUsed` (`expand=last_used`), users absent from it get `null`:
 * no SSO login seen within the lookback window.
 */
export function mapAssignments(
  connections: readonly GraphConnectionRecord[],
  lastUsed?: ReadonlyMap<string, string>,
): ApplicationAssignment[] {
  return connections.flatMap((connection) => {
    const id = graphTarget(connection)?.id
    const context = lastUsed && id !== undefined ? { lastUsedAt: lastUsed.get(id) ?? null } : {}
    return mapAssignment(connection, context) ?? []
  })
}
