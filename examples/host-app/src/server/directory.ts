import type { JumpLinkClient, UnifiedItem } from '@jumplink/client'
import type { AccessReviewRow, DeviceRow, ReviewActivity, ReviewPerson } from '../shared/api'

type User = UnifiedItem<'users'>
type Device = UnifiedItem<'devices'>

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = []
  for await (const item of items) all.push(item)
  return all
}

function displayName(user: Pick<User, 'display_name' | 'first_name' | 'last_name' | 'username'>) {
  const full = [user.first_name, user.last_name].filter(Boolean).join(' ')
  return user.display_name || full || user.username
}

/**
 * The people of the access review: name, status and MFA, the first thing the page shows (the
 * users alone: no group or login look-ups, so on a slow directory it comes rounds earlier).
 */
export async function readReviewPeople(
  jumplink: JumpLinkClient,
  integrationToken: string,
): Promise<ReviewPerson[]> {
  const users = await collect(jumplink.unified(integrationToken).users.all())
  return users
    .map((user) => ({
      id: user.id,
      name: displayName(user),
      email: user.email,
      status: user.status,
      mfa: user.is_mfa_enabled,
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/**
 * What the page fills in after the people: each user's groups and last login, and the SSO apps
 * they may use (directly or through a group). The assignments are read as soon as the
 * applications are known, beside the users, not after them. (The link server reads the users'
 * pages once for both: identical reads in flight together share one directory call.)
 */
export async function readReviewActivity(
  jumplink: JumpLinkClient,
  integrationToken: string,
): Promise<ReviewActivity> {
  const unified = jumplink.unified(integrationToken)
  const appsByUser = new Map<string, Set<string>>()
  const assignments = (async () => {
    const applications = await collect(unified.applications.all())
    await Promise.all(
      applications.map(async (app) => {
        for await (const assignment of unified.applicationAssignments.all(app.id)) {
          const apps = appsByUser.get(assignment.user.id) ?? new Set<string>()
          apps.add(app.name)
          appsByUser.set(assignment.user.id, apps)
        }
      }),
    )
  })()
  const [users] = await Promise.all([
    collect(unified.users.all({ expand: 'groups,last_login' })),
    assignments,
  ])
  return {
    groups: Object.fromEntries(
      users.map((user) => [user.id, (user.groups ?? []).map((g) => g.name ?? g.id).sort()]),
    ),
    lastLoginAt: Object.fromEntries(users.map((user) => [user.id, user.last_login_at ?? null])),
    apps: Object.fromEntries([...appsByUser].map(([id, apps]) => [id, [...apps].sort()])),
  }
}

/**
 * The whole access review: every user with status, MFA, groups and last login, and the SSO apps
 * each one may use, from the unified API (the people and their activity, read at once).
 */
export async function readAccessReview(
  jumplink: JumpLinkClient,
  integrationToken: string,
): Promise<AccessReviewRow[]> {
  const [people, activity] = await Promise.all([
    readReviewPeople(jumplink, integrationToken),
    readReviewActivity(jumplink, integrationToken),
  ])
  return people.map((person) => ({
    ...person,
    groups: activity.groups[person.id] ?? [],
    lastLoginAt: activity.lastLoginAt[person.id] ?? null,
    apps: activity.apps[person.id] ?? [],
  }))
}

/** Device posture: encryption, OS version, last seen and owner of every managed device. */
export async function readDevicePosture(
  jumplink: JumpLinkClient,
  integrationToken: string,
): Promise<DeviceRow[]> {
  const unified = jumplink.unified(integrationToken)
  const [devices, users] = await Promise.all([
    collect(unified.devices.all({ expand: 'users' })),
    collect(unified.users.all()),
  ])
  const names = new Map(users.map((user) => [user.id, displayName(user)]))
  const ownerOf = (device: Device) => {
    const id = device.primary_user?.id ?? device.users?.find((u) => u.via === 'direct')?.id
    return id ? (names.get(id) ?? id) : null
  }
  return devices
    .map((device) => ({
      id: device.id,
      name: device.name ?? device.hostname ?? device.serial_number ?? device.id,
      platform: device.os_name ?? device.platform,
      osVersion: device.os_version,
      encrypted: device.disk_encryption.enabled,
      encryptionMethod: device.disk_encryption.method,
      lastSeenAt: device.last_seen_at,
      owner: ownerOf(device),
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
}
