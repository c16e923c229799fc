import type { UnifiedCollectionName } from '@jumplink/shared'
import { type MetricsRecorder, NO_METRICS } from '../../../metrics/recorder'
import type { DirectoryReader, DirectoryWriter } from '../../provider'
import type { JumpcloudHttp } from '../http'
import { proxyRequest } from '../proxy'
import { readLoginIndex } from './activity'
import { newestChangeSince } from './change-hints'
import { createConnectionCache } from './connection-cache'
import type { CollectionReader, ReadContext } from './context'
import { createDeviceUsersIndex } from './device-users'
import { events } from './events'
import { companies, employees, hrisGroups } from './hris'
import {
  deviceGroupMembers,
  deviceGroups,
  devices,
  installedApps,
  readAppleMdmDevices,
} from './mdm'
import { createMembershipIndex } from './memberships'
import { applicationAssignments, applications } from './sso'
import { groupMembers, groups, organizations, readAdminRoles, roles, users } from './user-directory'
import { createDirectoryWriter } from './user-directory-writes'

/** Every unified collection, read from JumpCloud. */
export const READERS: Record<UnifiedCollectionName, CollectionReader> = {
  users,
  groups,
  groupMembers,
  organizations,
  roles,
  employees,
  companies,
  hrisGroups,
  devices,
  deviceGroups,
  deviceGroupMembers,
  installedApps,
  applications,
  applicationAssignments,
  events,
}

/** The unified API over JumpCloud: readers and the writes that mirror them, sharing lookups. */
export function createDirectoryAccess(
  http: JumpcloudHttp,
  now: () => Date = () => new Date(),
  metrics: MetricsRecorder = NO_METRICS,
): { reader: DirectoryReader; writer: DirectoryWriter } {
  const memberships = createMembershipIndex({
    onLookup: (hit) => metrics.cacheLookup('memberships', hit),
  })
  // Devices' groups for a page of devices: no `/systems/{id}/memberof` per device.
  const deviceMemberships = createMembershipIndex({
    kind: 'systemgroups',
    onLookup: (hit) => metrics.cacheLookup('device_memberships', hit),
  })
  // Devices' users for a page of devices: the groups' bindings once a minute, and each device's
  // direct bindings, not the `/systems/{id}/users` traversal per device.
  const deviceUsers = createDeviceUsersIndex({
    onLookup: (hit) => metrics.cacheLookup('device_users', hit),
  })
  // Admins change rarely; reading them once a minute spares every page of users a second call.
  const adminRoles = createConnectionCache(readAdminRoles, {
    onLookup: (hit) => metrics.cacheLookup('admin_roles', hit),
  })
  // Apple MDM enrollment is read the same way, for pages that hold Apple devices.
  const appleMdmDevices = createConnectionCache(readAppleMdmDevices, {
    onLookup: (hit) => metrics.cacheLookup('apple_mdm', hit),
  })
  // Logins, for a page of users' last login: one read of the log per minute, not one per user.
  const loginIndex = createConnectionCache(readLoginIndex, {
    onLookup: (hit) => metrics.cacheLookup('login_index', hit),
  })
  // Each request stamped as it begins: a read ahead is refused if a write or a revocation of
  // the connection came after (`JumpcloudHttp.begin`).
  const context = (session: ReadContext['session']): ReadContext => ({
    http,
    session: http.begin(session),
    now,
    memberships,
    deviceMemberships,
    deviceUsers,
    adminRoles,
    appleMdmDevices,
    loginIndex,
  })
  const reader: DirectoryReader = {
    list: (session, request) => READERS[request.collection].list(context(session), request),
    async get(session, request) {
      const reader = READERS[request.collection]
      if (!reader.get) throw new Error(`${request.collection} has no GET by id`)
      return reader.get(context(session), request)
    },
    proxy: (session, request) => proxyRequest(http, session, request),
    newestChangeSince: (session, since) => newestChangeSince(context(session), since),
    forget(connectionId) {
      http.forgetReadAhead(connectionId)
      memberships.forget(connectionId)
      deviceMemberships.forget(connectionId)
      deviceUsers.forget(connectionId)
      adminRoles.forget(connectionId)
      appleMdmDevices.forget(connectionId)
      loginIndex.forget(connectionId)
    },
  }
  return { reader, writer: createDirectoryWriter(context) }
}

export function createDirectoryReader(
  http: JumpcloudHttp,
  now: () => Date = () => new Date(),
  metrics: MetricsRecorder = NO_METRICS,
): DirectoryReader {
  return createDirectoryAccess(http, now, metrics).reader
}
