import type { NamedRef, Role } from '@jumplink/shared'
import type { AdminRecord } from '../records'
import { emailKey, slug, str } from './common'

/** Role ids are the slug of the role name: JumpCloud exposes no role endpoint or role ids. */
export function roleId(roleName: string): string {
  return slug(roleName)
}

export function roleRef(roleName: string): NamedRef {
  return { id: roleId(roleName), name: roleName }
}

/** An admin's role names: `roleNames[]` plus `roleName`, without blanks or repeats. */
export function adminRoleNames(admin: Pick<AdminRecord, 'roleName' | 'roleNames'>): string[] {
  const names = new Set<string>()
  for (const name of [admin.roleName, ...(Array.isArray(admin.roleNames) ? admin.roleNames : [])]) {
    const value = str(name)
    if (value !== null) names.add(value)
  }
  return [...names]
}

/**
 * Lowercased email → role names, from `GET /api/users`. Users get an admin's roles when they
 * share its email (unified-model.md C5 User.roles).
 */
export function indexAdminRoles(admins: readonly AdminRecord[]): ReadonlyMap<string, string[]> {
  const index = new Map<string, string[]>()
  for (const admin of admins) {
    const key = emailKey(admin.email)
    if (key === null) continue
    const names = new Set([...(index.get(key) ?? []), ...adminRoleNames(admin)])
    if (names.size > 0) index.set(key, [...names])
  }
  return index
}

export interface RoleContext {
  /** How many admins hold the role; `null` when not counted. */
  assigneeCount?: number | null
}

/** One admin role, from a `roleName` seen on `GET /api/users`. */
export function mapRole(roleName: string, context: RoleContext = {}): Role {
  return {
    id: roleId(roleName),
    name: roleName,
    type: 'admin',
    description: null,
    assignee_count: context.assigneeCount ?? null,
  }
}

/** Every role held by at least one admin (`GET /api/users`, all pages), with its count. */
export function mapRoles(admins: readonly AdminRecord[]): Role[] {
  const counts = new Map<string, { name: string; count: number }>()
  for (const admin of admins) {
    for (const name of adminRoleNames(admin)) {
      const id = roleId(name)
      const entry = counts.get(id) ?? { name, count: 0 }
      entry.count += 1
      counts.set(id, entry)
    }
  }
  return [...counts.values()]
    .map(({ name, count }) => mapRole(name, { assigneeCount: count }))
    .sort((a, b) => a.id.localeCompare(b.id))
}
