import { ADMIN_ROLES } from './catalog.ts'
import { type GenerationContext, iso, randomPast } from './context.ts'
import { effectiveState } from './people.ts'
import type { AdminUser, SystemUser } from './types.ts'

/** Role ids are fixed per role name, as JumpCloud's built-in roles are. */
const ROLE_IDS: Record<string, string> = Object.fromEntries(
  ADMIN_ROLES.map((name, i) => [name, `5c3536e9b0e5a3e6a00f${String(i).padStart(4, '0')}`]),
)

/**
 * Admin portal accounts (`/api/users`). The first IT people become admins, and their
 * systemuser record shows it in `admin`, as JumpCloud does for users who are also admins.
 */
export function generateAdmins(
  ctx: GenerationContext,
  count: number,
  users: readonly SystemUser[],
  provider: string,
): AdminUser[] {
  const candidates = users.filter((u) => u.department === 'IT' && effectiveState(u) === 'ACTIVATED')
  const admins: AdminUser[] = []
  for (let i = 0; i < count; i++) {
    const roleName =
      i === 0 ? 'Administrator with Billing' : ADMIN_ROLES[1 + (i % (ADMIN_ROLES.length - 1))]
    if (!roleName) continue
    const person = candidates[i]
    const firstname = person?.firstname ?? ctx.faker.person.firstName()
    const lastname = person?.lastname ?? ctx.faker.person.lastName()
    const created = randomPast(ctx, 100, 1000)
    const id = ctx.nextId(created)
    const roleId = ROLE_IDS[roleName] ?? ''
    admins.push({
      _id: id,
      id,
      email: person?.email ?? `${firstname}.${lastname}.admin@${ctx.domain}`.toLowerCase(),
      firstname,
      lastname,
      organization: ctx.organizationId,
      provider,
      role: roleId,
      roleName,
      roleNames: [roleName],
      roles: [roleId],
      suspended: false,
      enableMultiFactor: ctx.random.chance(0.9),
      totpEnrolled: ctx.random.chance(0.9),
      apiKeyAllowed: i === 0,
      apiKeySet: i === 0,
      created: iso(created),
      passwordUpdatedAt: iso(randomPast(ctx, 1, 90)),
      sessionCount: ctx.random.int(0, 4),
      usersTimeZone: 'America/Denver',
      disableIntroduction: true,
    })
    if (person) person.admin = { id, roleName, roleNames: [roleName] }
  }
  return admins
}
