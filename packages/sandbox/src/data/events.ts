import type { Random } from '../random.ts'
import { effectiveState } from './people.ts'
import type { AdminUser, Application, DirectoryEvent, SystemUser } from './types.ts'

// Directory Insights events (jumpcloud-api.md §9): portal logins, SSO logins, admin logins and
// a few directory changes, spread over the last weeks. Sorted by time, then id.

export interface EventInputs {
  random: Random
  now: Date
  organizationId: string
  users: readonly SystemUser[]
  admins: readonly AdminUser[]
  applications: readonly Application[]
  /** application id -> ids of users who may use it. */
  appUsers: ReadonlyMap<string, readonly string[]>
  days: number
  perDay: number
}

const USER_AGENTS = [
  {
    name: 'Chrome',
    major: '126',
    minor: '0',
    patch: '6478',
    os: 'Mac OS X',
    os_name: 'Mac OS X',
    os_major: '14',
    os_minor: '5',
    device: 'Other',
  },
  {
    name: 'Edge',
    major: '126',
    minor: '0',
    patch: '2592',
    os: 'Windows',
    os_name: 'Windows',
    os_major: '10',
    os_minor: '',
    device: 'Other',
  },
  {
    name: 'Safari',
    major: '17',
    minor: '5',
    patch: '',
    os: 'iOS',
    os_name: 'iOS',
    os_major: '17',
    os_minor: '5',
    device: 'iPhone',
  },
  {
    name: 'Firefox',
    major: '127',
    minor: '0',
    patch: '',
    os: 'Ubuntu',
    os_name: 'Ubuntu',
    os_major: '',
    os_minor: '',
    device: 'Other',
  },
]

const GEO = [
  {
    country_code: 'US',
    region_code: 'CO',
    region_name: 'Colorado',
    continent_code: 'NA',
    timezone: 'America/Denver',
  },
  {
    country_code: 'US',
    region_code: 'NY',
    region_name: 'New York',
    continent_code: 'NA',
    timezone: 'America/New_York',
  },
  {
    country_code: 'GB',
    region_code: 'ENG',
    region_name: 'England',
    continent_code: 'EU',
    timezone: 'Europe/London',
  },
  {
    country_code: 'DE',
    region_code: 'BE',
    region_name: 'Berlin',
    continent_code: 'EU',
    timezone: 'Europe/Berlin',
  },
]

export function generateEvents(input: EventInputs): DirectoryEvent[] {
  const { random } = input
  const active = input.users.filter((u) => effectiveState(u) === 'ACTIVATED')
  const events: DirectoryEvent[] = []
  if (active.length === 0) return events
  const dayMs = 86_400_000
  const base = (
    timestamp: number,
    eventType: string,
    service: string,
    success: boolean,
  ): DirectoryEvent => ({
    id: uuid(random),
    event_type: eventType,
    service,
    timestamp: new Date(timestamp).toISOString(),
    organization: input.organizationId,
    success,
    client_ip: `198.51.100.${random.int(1, 254)}`,
    geoip: random.pick(GEO),
    useragent: random.pick(USER_AGENTS),
    '@version': '1',
  })
  const asSystemUser = (user: SystemUser) => ({
    id: user._id,
    type: 'systemuser',
    username: user.username,
    email: user.email,
  })

  const userIndex = new Map(input.users.map((u, i) => [u._id, i]))
  const allowedOf = new Map(
    [...input.appUsers].map(([appId, ids]) => [appId, allowedUsers(ids, userIndex)]),
  )
  const none = allowedUsers([], userIndex)

  for (let day = input.days - 1; day >= 0; day--) {
    const dayStart = input.now.getTime() - (day + 1) * dayMs
    const at = () => Math.min(input.now.getTime() - 1000, dayStart + random.int(0, dayMs - 1))
    const weekend = new Date(dayStart).getUTCDay() % 6 === 0
    const count = Math.round(input.perDay * (weekend ? 0.2 : 1))
    for (let i = 0; i < count; i++) {
      const user = random.pick(active)
      const success = random.chance(0.93)
      const roll = random.next()
      if (roll < 0.45) {
        const event = base(at(), 'user_login_attempt', 'directory', success)
        const mfa = user.mfa.configured && success
        Object.assign(event, {
          initiated_by: asSystemUser(user),
          resource: asSystemUser(user),
          auth_method: 'password',
          mfa,
          ...(mfa ? { mfa_meta: { type: user.totp_enabled ? 'totp' : 'push' } } : {}),
          ...(success ? {} : { error_message: 'invalid credentials' }),
        })
        events.push(event)
      } else if (roll < 0.95 && input.applications.length > 0) {
        const app = random.pick(input.applications)
        const allowed = allowedOf.get(app._id) ?? none
        const ssoUser =
          allowed.ids.length > 0 ? (pickSsoUser(random, input.users, allowed) ?? user) : user
        const event = base(at(), 'sso_auth', 'sso', success && allowed.set.has(ssoUser._id))
        Object.assign(event, {
          initiated_by: asSystemUser(ssoUser),
          resource: { id: app._id, type: 'application', name: app.name },
          application: {
            id: app._id,
            name: app.name,
            display_label: app.displayLabel,
            sso_url: app.ssoUrl,
            sso_type: 'saml',
          },
          idp_initiated: random.chance(0.6),
          mfa: ssoUser.mfa.configured,
          ...(event.success
            ? {}
            : { error_message: 'user is not authorized to access this application' }),
        })
        events.push(event)
      } else {
        const admin = input.admins.length > 0 ? random.pick(input.admins) : undefined
        if (!admin) continue
        const adminRef = { id: admin._id, type: 'admin', email: admin.email }
        if (random.chance(0.5)) {
          const event = base(at(), 'admin_login_attempt', 'directory', success)
          Object.assign(event, {
            initiated_by: adminRef,
            resource: adminRef,
            mfa: admin.enableMultiFactor,
          })
          events.push(event)
        } else {
          const event = base(at(), 'user_update', 'directory', true)
          Object.assign(event, {
            initiated_by: adminRef,
            resource: asSystemUser(user),
            changes: [{ field: 'jobTitle', from: '', to: user.jobTitle }],
          })
          events.push(event)
        }
      }
    }
  }
  return events.sort(compareEvents)
}

/**
 * Walks the users in order, drawing one allowed user for each, and stops at the first user
 * that was drawn for itself: the draw sequence this data set has always used, so a seed keeps
 * its events. A user who is not allowed can never be drawn, so their draws are skipped, not
 * computed: the walk costs the allowed users, not the whole directory.
 */
function pickSsoUser(
  random: Random,
  users: readonly SystemUser[],
  allowed: AllowedUsers,
): SystemUser | undefined {
  const count = allowed.at.length
  let position = 0
  for (const i of allowed.positions) {
    random.skip(i - position)
    position = i + 1
    if (allowed.at[Math.floor(random.next() * count)] === i) return users[i]
  }
  random.skip(users.length - position)
  return undefined
}

interface AllowedUsers {
  ids: readonly string[]
  set: ReadonlySet<string>
  /** Each allowed id as its index in the users (-1 if not a user). */
  at: Int32Array
  /** The distinct user indexes among them, ascending. */
  positions: Int32Array
}

function allowedUsers(
  ids: readonly string[],
  userIndex: ReadonlyMap<string, number>,
): AllowedUsers {
  const at = Int32Array.from(ids, (id) => userIndex.get(id) ?? -1)
  const positions = Int32Array.from(new Set(at.filter((i) => i >= 0))).sort()
  return { ids, set: new Set(ids), at, positions }
}

export function compareEvents(a: DirectoryEvent, b: DirectoryEvent): number {
  return a.timestamp < b.timestamp
    ? -1
    : a.timestamp > b.timestamp
      ? 1
      : a.id < b.id
        ? -1
        : a.id > b.id
          ? 1
          : 0
}

function uuid(random: Random): string {
  return `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-${'89ab'[random.int(0, 3)]}${random.hex(3)}-${random.hex(12)}`
}
