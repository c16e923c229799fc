import type { Group, GroupMember } from '@jumplink/shared'
import type { GraphConnectionRecord, UserGroupRecord } from '../records'
import { graphTarget, graphVia, requireStr, str } from './common'

export interface GroupContext {
  /** `expand=member_count`: the `x-total-count` of `GET /v2/usergroups/{id}/membership`. */
  memberCount?: number
}

/**
 * Newer tenants say `membershipMethod`, older ones the `membershipAutomated` boolean; real
 * user groups often carry neither, and then it is unknown (`null`), not `false`.
 */
export function membershipAutomated(group: UserGroupRecord): boolean | null {
  const method = str(group.membershipMethod)
  if (method !== null) return method.toUpperCase() === 'DYNAMIC_AUTOMATED'
  return typeof group.membershipAutomated === 'boolean' ? group.membershipAutomated : null
}

/** A v2 user group (`GET /v2/usergroups`). JumpCloud exposes no group timestamps. */
export function mapGroup(record: UserGroupRecord, context: GroupContext = {}): Group {
  const group: Group = {
    id: requireStr(record.id, 'usergroup', 'id'),
    name: requireStr(record.name, 'usergroup', 'name'),
    description: str(record.description),
    email: str(record.email),
    group_type: 'group',
    membership_automated: membershipAutomated(record),
    created_at: null,
    updated_at: null,
  }
  if (context.memberCount !== undefined) group.member_count = context.memberCount
  return group
}

/**
 * One member from `GET /v2/usergroups/{id}/membership` (effective: `paths` tell direct from
 * nested) or `/members` (direct, `{to}`); `null` for a non-user entry such as a nested group.
 */
export function mapGroupMember(connection: GraphConnectionRecord): GroupMember | null {
  const target = graphTarget(connection)
  if (!target || (target.type !== null && target.type !== 'user')) return null
  return { user: { id: target.id }, via: graphVia(connection) }
}

/** Members of one page of results, users only, one entry per user (direct wins). */
export function mapGroupMembers(connections: readonly GraphConnectionRecord[]): GroupMember[] {
  const byUser = new Map<string, GroupMember>()
  for (const connection of connections) {
    const member = mapGroupMember(connection)
    if (!member) continue
    const seen = byUser.get(member.user.id)
    if (!seen || (seen.via === 'group' && member.via === 'direct'))
      byUser.set(member.user.id, member)
  }
  return [...byUser.values()]
}
