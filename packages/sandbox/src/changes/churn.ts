import type { Organization } from '../data/organization.ts'
import type { Random } from '../random.ts'
import {
  adminChangeMembership,
  adminCreateUser,
  adminDeleteUser,
  adminSetPosture,
  adminUpdateUser,
} from './org-changes.ts'

/**
 * The churning scenario: every `everyMs` one admin-like change to `org` (suspend or reactivate
 * a user, add or remove a group member, turn a device's disk encryption on or off, create a
 * user, delete one it created), each through `org-changes.ts`, so it is also a Directory
 * Insights event. Returns what each tick did, for tests; `stop()` ends it.
 */
export function startChurn(
  org: Organization,
  options: { everyMs: number; random: Random; now?: () => Date },
): { stop(): void; tick(): string } {
  const now = options.now ?? (() => new Date())
  const { random } = options
  const created: string[] = []
  let serial = 0

  const tick = (): string => {
    const data = org.data
    const roll = random.next()
    if (roll < 0.3) {
      const users = data.users.filter((u) => u.state !== 'STAGED')
      const user = users.length > 0 ? random.pick(users) : undefined
      if (user) {
        adminUpdateUser(org, user._id, { suspended: !user.suspended }, now())
        return `${user.suspended ? 'suspended' : 'reactivated'} ${user._id}`
      }
    }
    if (roll < 0.55 && data.userGroups.length > 0 && data.users.length > 0) {
      const group = random.pick(data.userGroups)
      const user = random.pick(data.users)
      const present = (data.graph.members.get(group.id) ?? []).some((m) => m.id === user._id)
      adminChangeMembership(org, group.id, { op: present ? 'remove' : 'add', id: user._id }, now())
      return `${present ? 'removed' : 'added'} ${user._id} ${present ? 'from' : 'to'} ${group.id}`
    }
    if (roll < 0.8 && data.systems.length > 0) {
      const system = random.pick(data.systems)
      adminSetPosture(org, system._id, { diskEncryption: !system.fde.active }, now())
      return `disk encryption ${system.fde.active ? 'on' : 'off'} ${system._id}`
    }
    const victim = roll >= 0.9 ? created.shift() : undefined
    if (victim && org.findUser(victim)) {
      adminDeleteUser(org, victim, now())
      return `deleted ${victim}`
    }
    serial++
    const name = `churn.${serial}.${random.alnum(6).toLowerCase()}`
    const user = adminCreateUser(
      org,
      {
        username: name,
        email: `${name}@${org.spec.domain}`,
        firstname: 'Churn',
        lastname: String(serial),
        password: 'x',
      },
      now(),
    )
    created.push(user._id)
    return `created ${user._id}`
  }

  const timer = setInterval(tick, options.everyMs)
  timer.unref?.()
  return { stop: () => clearInterval(timer), tick }
}
