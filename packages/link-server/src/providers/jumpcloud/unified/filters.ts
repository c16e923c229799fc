import type { Platform } from '@jumplink/shared'

// Unified filters as JumpCloud filters (unified-model.md C3). Data and pure functions only.

/** Unified statuses as the state JumpCloud shows (`mappers/user-state.ts`). */
export const USER_STATES = {
  active: 'ACTIVATED',
  inactive: 'SUSPENDED',
  invited: 'STAGED',
} as const
export const EMPLOYMENT_STATES = {
  active: 'ACTIVATED',
  inactive: 'SUSPENDED',
  pending: 'STAGED',
} as const

/**
 * A unified filter as JumpCloud is asked it. `exact` are `field:$eq:value`, the one operator the
 * V1 spec shows for the query `filter` (`CommandResult_Search` sample): sent as v1 `filter`.
 * `local` are range and negation checks the V1 spec documents nowhere (`$gt`, `$nin`): never
 * sent, checked on each record read (`local-filter.ts`). With `createdAfter` the list is read
 * newest first by the documented `sort=-created _id` and ends at the first record not after it;
 * `updatedAfter` tries that on a first page (`filtered-page.ts`).
 */
export interface V1Filters {
  exact: string[]
  local: string[]
  createdAfter?: string
  /** `updated_after` of devices (`lastContact`): a first page may read newest first. */
  updatedAfter?: string
}

/** Every check, for records read by id (`POST /api/search/…`), whose body has no operators. */
export function allChecks(filters: V1Filters): string[] {
  return [...filters.exact, ...filters.local]
}

function createdAfterCheck(value: string | undefined): Pick<V1Filters, 'local' | 'createdAfter'> {
  if (!value) return { local: [] }
  const at = new Date(value).toISOString()
  return { local: [`created:$gt:${at}`], createdAfter: at }
}

/** `created_after`, `email` and `status` of users and employees. */
export function systemuserFilters(filters: {
  created_after?: string
  email?: string
  state?: string
}): V1Filters {
  const exact: string[] = []
  // JumpCloud stores emails lowercased; the filter is exact.
  if (filters.email) exact.push(`email:$eq:${filters.email.toLowerCase()}`)
  if (filters.state) exact.push(`state:$eq:${filters.state}`)
  return { exact, ...createdAfterCheck(filters.created_after) }
}

/** How each unified platform is told apart on a v1 system (`osFamily`, else `os`). */
export const PLATFORM_FILTERS: Record<Platform, string> = {
  macos: 'osFamily:$eq:darwin',
  windows: 'osFamily:$eq:windows',
  linux: 'osFamily:$eq:linux',
  ios: 'os:$eq:iOS',
  ipados: 'os:$eq:iPadOS',
  android: 'osFamily:$eq:android',
  // Checked here only (the V1 spec has no negation), on the platform the device is shown with.
  unknown: 'platform:$eq:unknown',
}

/** `created_after`, `updated_after` (last contact), `status` and `platform` of devices. */
export function systemFilters(filters: {
  created_after?: string
  updated_after?: string
  status?: 'active' | 'inactive'
  platform?: Platform
}): V1Filters {
  const exact: string[] = []
  const created = createdAfterCheck(filters.created_after)
  const local = [...created.local]
  const updatedAfter = filters.updated_after && new Date(filters.updated_after).toISOString()
  if (updatedAfter) local.push(`lastContact:$gt:${updatedAfter}`)
  if (filters.status) exact.push(`active:$eq:${filters.status === 'active'}`)
  if (filters.platform === 'unknown') local.push(PLATFORM_FILTERS.unknown)
  else if (filters.platform) exact.push(PLATFORM_FILTERS[filters.platform])
  return {
    exact,
    local,
    ...(created.createdAfter ? { createdAfter: created.createdAfter } : {}),
    ...(updatedAfter ? { updatedAfter } : {}),
  }
}

/** `created_after` of applications. */
export function applicationFilters(filters: { created_after?: string }): V1Filters {
  return { exact: [], ...createdAfterCheck(filters.created_after) }
}

/** Where installed software lives, per platform (System Insights tables). */
export const SOFTWARE_TABLES: Record<Platform, readonly string[]> = {
  macos: ['apps'],
  windows: ['programs'],
  linux: ['linux_packages'],
  ios: [],
  ipados: [],
  android: [],
  unknown: [],
}
export const ALL_SOFTWARE_TABLES = ['apps', 'programs', 'linux_packages'] as const

/** Posture tables, and the platforms they report on, so a page asks only for what it can use. */
export const POSTURE_TABLES: Record<string, readonly Platform[] | 'all'> = {
  os_version: 'all',
  system_info: 'all',
  disk_encryption: ['macos', 'linux'],
  bitlocker_info: ['windows'],
  alf: ['macos'],
  screenlock: ['macos'],
  windows_security_center: ['windows'],
  windows_security_products: ['windows'],
}

/** Login events for `last_login_at` (unified-model.md C5 User). */
export const LOGIN_EVENT_TYPES = ['user_login_attempt', 'sso_auth', 'ldap_bind', 'radius_auth']
/** Directory Insights services (jumpcloud-api.md §9); another name matches no event. */
export const EVENT_SERVICES = [
  'all',
  'directory',
  'sso',
  'radius',
  'ldap',
  'systems',
  'mdm',
  'software',
  'password_manager',
  'object_storage',
  'notifications',
  'alerts',
  'reports',
  'saas_app_management',
  'access_management',
  'asset_management',
]
/** How far back `expand=last_login|last_used` looks (Directory Insights keeps 90 days). */
export const ACTIVITY_LOOKBACK_DAYS = 90
