import type { UnifiedCollectionName } from '@jumplink/shared'
import type { DirectoryReader } from '../../provider'
import type { JumpcloudHttp } from '../http'
import { proxyRequest } from '../proxy'
import { createConnectionCache } from './connection-cache'
import type { CollectionReader, ReadContext } from './context'
import { events } from './events'
import { companies, employees, hrisGroups } from './hris'
import { deviceGroupMembers, deviceGroups, devices, installedApps } from './mdm'
import { createMembershipIndex } from './memberships'
import { applicationAssignments, applications } from './sso'
import { groupMembers, groups, organizations, readAdminRoles, roles, users } from './user-directory'

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

export function createDirectoryReader(
  http: JumpcloudHttp,
  now: () => Date = () => new Date(),
): DirectoryReader {
  const memberships = createMembershipIndex()
  // Admins change rarely; reading them once a minute spares every page of users a second call.
  const adminRoles = createConnectionCache(readAdminRoles)
  const context = (session: ReadContext['session']): ReadContext => ({
    http,
    session,
    now,
    memberships,
    adminRoles,
  })
  return {
    list: (session, request) => READERS[request.collection].list(context(session), request),
    async get(session, request) {
      const reader = READERS[request.collection]
      if (!reader.get) throw new Error(`${request.collection} has no GET by id`)
      return reader.get(context(session), request)
    },
    proxy: (session, request) => proxyRequest(http, session, request),
  }
}
