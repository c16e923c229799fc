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

/** `created_after`, `email` and `status` of users and employees. */
export function systemuserFilters(filters: {
  created_after?: string
  email?: string
  state?: string
}): string[] {
  const out: string[] = []
  if (filters.created_after)
    out.push(`created:$gt:${new Date(filters.created_after).toISOString()}`)
  // JumpCloud stores emails lowercased; the filter is exact.
  if (filters.email) out.push(`email:$eq:${filters.email.toLowerCase()}`)
  if (filters.state) out.push(`state:$eq:${filters.state}`)
  return out
}

/** How each unified platform is told apart on a v1 system (`osFamily`, else `os`). */
export const PLATFORM_FILTERS: Record<Platform, string> = {
  macos: 'osFamily:$eq:darwin',
  windows: 'osFamily:$eq:windows',
  linux: 'osFamily:$eq:linux',
  ios: 'os:$eq:iOS',
  ipados: 'os:$eq:iPadOS',
  android: 'osFamily:$eq:android',
  unknown: 'osFamily:$nin:darwin|windows|linux|ios|ipados|android',
}

/** `created_after`, `updated_after` (last contact), `status` and `platform` of devices. */
export function systemFilters(filters: {
  created_after?: string
  updated_after?: string
  status?: 'active' | 'inactive'
  platform?: Platform
}): string[] {
  const out: string[] = []
  if (filters.created_after)
    out.push(`created:$gt:${new Date(filters.created_after).toISOString()}`)
  if (filters.updated_after) {
    out.push(`lastContact:$gt:${new Date(filters.updated_after).toISOString()}`)
  }
  if (filters.status) out.push(`active:$eq:${filters.status === 'active'}`)
  if (filters.platform) out.push(PLATFORM_FILTERS[filters.platform])
  return out
}

export function createdAfter(value: string | undefined): string[] {
  return value ? [`created:$gt:${new Date(value).toISOString()}`] : []
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
