import type { JumpLinkClient, UnifiedItem } from '@jumplink/client'
import type { AccessReviewRow, DeviceRow } from '../shared/api'

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
 * The access review: every user with status, MFA, groups and last login, and the SSO apps each
 * one may use (directly or through a group), from the unified API.
 */
export async function readAccessReview(
  jumplink: JumpLinkClient,
  integrationToken: string,
): Promise<AccessReviewRow[]> {
  const unified = jumplink.unified(integrationToken)
  const [users, applications] = await Promise.all([
    collect(unified.users.all({ expand: 'groups,last_login' })),
    collect(unified.applications.all()),
  ])
  const appsByUser = new Map<string, Set<string>>()
  await Promise.all(
    applications.map(async (app) => {
      for await (const assignment of unified.applicationAssignments.all(app.id)) {
        const apps = appsByUser.get(assignment.user.id) ?? new Set<string>()
        apps.add(app.name)
        appsByUser.set(assignment.user.id, apps)
      }
    }),
  )
  return users
    .map((user) => ({
      id: user.id,
      name: displayName(user),
      email: user.email,
      status: user.status,
      mfa: user.is_mfa_enabled,
      groups: (user.groups ?? []).map((group) => group.name ?? group.id).sort(),
      lastLoginAt: user.last_login_at ?? null,
      apps: [...(appsByUser.get(user.id) ?? [])].sort(),
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
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
