// Records exactly as JumpCloud puts them on the wire (jumpcloud-api.md §2–§9), so routes
// serve them without mapping.

export type UserState = 'STAGED' | 'ACTIVATED' | 'SUSPENDED'
export type MfaStatus = 'NOT_ENROLLED' | 'ENROLLED' | 'PENDING_ACTIVATION' | 'DISABLED'

/** A `GET /api/organizations` item; `displayName` is `null` on some real tenants. */
export interface OrganizationRecord {
  _id: string
  id: string
  displayName: string | null
  logoUrl: string | null
  created: string
}

/** `GET /api/organizations/{id}`: the full record, its `settings.name` set in the console. */
export interface OrganizationDetails extends OrganizationRecord {
  provider?: string
  accessRestriction: string
  hasCreditCard: boolean
  settings: {
    name: string
    contactName: string
    contactEmail: string
    agentVersion: string
    maxSystemUsers: number
    requireAdminMFA: boolean
    passwordCompliance: 'custom' | 'pci3' | 'windows'
    systemUserPasswordExpirationInDays: number
    newSystemUserStateDefaults: {
      manualEntry: 'ACTIVATED' | 'STAGED'
      csvImport: 'ACTIVATED' | 'STAGED'
      applicationImport: 'ACTIVATED' | 'STAGED'
    }
    features: { directoryInsights: { enabled: boolean }; systemInsights: { enabled: boolean } }
  }
}

/**
 * Older accounts lack `state`, `organization`, `mfaEnrollment`, `manager`, `alternateEmail`
 * and the password dates (data/people.ts `toLegacyRecord`).
 */
export interface SystemUser {
  _id: string
  id: string
  username: string
  systemUsername: string
  email: string
  alternateEmail?: string
  managedAppleId: string
  firstname: string
  middlename: string
  lastname: string
  displayname: string
  jobTitle: string
  department: string
  company: string
  costCenter: string
  location: string
  employeeType: string
  employeeIdentifier: string | null
  description: string
  manager?: string
  state?: UserState
  activated: boolean
  suspended: boolean
  account_locked: boolean
  account_locked_date: string | null
  password_date?: string | null
  password_expiration_date?: string | null
  password_expired: boolean
  password_never_expires: boolean
  totp_enabled: boolean
  enable_user_portal_multifactor: boolean
  mfa: { configured: boolean; exclusion: boolean }
  mfaEnrollment?: {
    overallStatus: MfaStatus
    totpStatus: MfaStatus
    webAuthnStatus: MfaStatus
    pushStatus: MfaStatus
  }
  addresses: {
    id: string
    type: string
    poBox: string
    extendedAddress: string
    streetAddress: string
    locality: string
    region: string
    postalCode: string
    country: string
  }[]
  phoneNumbers: { id: string; type: string; number: string }[]
  attributes: { name: string; value: string }[]
  relationships: { type: string; value: string }[]
  recoveryEmail: { address: string; verified: boolean }
  admin?: { id: string; roleName: string; roleNames: string[] }
  restrictedFields: { field: string; id: string; type: string }[]
  externally_managed: boolean
  sudo: boolean
  passwordless_sudo: boolean
  allow_public_key: boolean
  ldap_binding_user: boolean
  samba_service_user: boolean
  enable_managed_uid: boolean
  disableDeviceMaxLoginAttempts: boolean
  unix_uid: number
  unix_guid: number
  badLoginAttempts: number
  public_key: string
  ssh_keys: { _id: string; name: string; public_key: string; create_date: string }[]
  creationSource: string
  /** `""` unless the user comes from an external directory (AD, LDAP). */
  external_dn: string
  external_source_type: string
  organization?: string
  created: string
}

export interface AdminUser {
  _id: string
  id: string
  email: string
  firstname: string
  lastname: string
  organization: string
  provider: string
  role: string
  roleName: string
  roleNames: string[]
  roles: string[]
  suspended: boolean
  enableMultiFactor: boolean
  totpEnrolled: boolean
  apiKeyAllowed: boolean
  apiKeySet: boolean
  created: string
  passwordUpdatedAt: string
  sessionCount: number
  usersTimeZone: string
  disableIntroduction: boolean
}

export type DevicePlatform = 'macos' | 'windows' | 'linux' | 'ios' | 'ipados'

export interface JcSystem {
  _id: string
  id: string
  displayName: string
  hostname: string
  os: string
  osFamily: string
  version: string
  arch: string
  archFamily: string
  osVersionDetail: {
    osName: string
    version: string
    major: string
    minor: string
    patch: string
    majorNumber: number
    minorNumber: number
    patchNumber: number
    releaseName: string
    distributionName: string
    revision: string
  }
  serialNumber: string
  hwVendor: string
  agentVersion: string
  active: boolean
  lastContact: string | null
  created: string
  description: string
  remoteIP: string
  allowMultiFactorAuthentication: boolean
  allowPublicKeyAuthentication: boolean
  allowSshPasswordAuthentication: boolean
  allowSshRootLogin: boolean
  modifySSHDConfig: boolean
  sshRootEnabled: boolean
  desktopCapable: boolean
  azureAdJoined: boolean
  hasServiceAccount: boolean
  isPolicyBound: boolean
  fde: { active: boolean; keyPresent: boolean }
  mdm: {
    vendor: 'unknown' | 'none' | 'internal' | 'external'
    dep: boolean
    userApproved: boolean
    profileIdentifier: string
    providerId: string
  }
  systemInsights: { state: 'enabled' | 'disabled' | 'deferred' }
  primarySystemUser: { id: string | null }
  userMetrics: {
    userName: string
    admin: boolean
    managed: boolean
    secureTokenEnabled: boolean
    suspended: boolean
  }[]
  networkInterfaces: { address: string; family: 'IPv4' | 'IPv6'; internal: boolean; name: string }[]
  domainInfo: { domainName: string; partOfDomain: boolean }
  secureLogin: { enabled: boolean; supported: boolean }
  policyStats: { total: number; success: number; failed: number; pending: number }
  provisionMetadata: {
    provisioner: { provisionerId: string; type: 'administrator' | 'mdm' | 'user' }
  }
  attributes: { name: string; value: string }[]
  sshdParams: { name: string; value: string }[]
  builtInCommands: { name: 'erase' | 'lock' | 'restart' | 'shutdown'; type: 'security' }[]
  systemTimezone: number
  templateName: string
  organization: string
}

export interface GraphObject {
  id: string
  type: GraphType
  attributes: Record<string, unknown> | null
}

export type GraphType = 'user' | 'user_group' | 'system' | 'system_group' | 'application'

export interface GraphConnection {
  attributes: Record<string, unknown> | null
  from?: GraphObject
  to: GraphObject
}

export interface GraphObjectWithPaths {
  id: string
  type: GraphType
  compiledAttributes?: Record<string, unknown>
  paths: GraphConnection[][]
}

interface GroupCommon {
  id: string
  name: string
  description: string
  email: string
  /** Absent on most recorded user groups. */
  membershipMethod?: 'NOTSET' | 'STATIC' | 'DYNAMIC_REVIEW_REQUIRED' | 'DYNAMIC_AUTOMATED'
  memberQueryErrorFlags: string[]
  organizationObjectId: string
}

export interface UserGroup extends GroupCommon {
  type: 'user_group'
  attributes: {
    sudo?: { enabled: boolean; withoutPassword: boolean }
    ldapGroups?: { name: string }[]
  } | null
  suggestionCounts: { add: number; remove: number; total: number }
}

export interface SystemGroup extends GroupCommon {
  type: 'system_group'
  attributes: Record<string, unknown> | null
}

export interface Application {
  _id: string
  id: string
  name: string
  displayName: string
  displayLabel: string
  /** One of the console's tile colours; `null` until an admin picks one. */
  color: string | null
  description: string
  active: boolean
  beta: boolean
  logo: { url: string }
  ssoUrl: string
  learnMore: string
  organization: string
  created: string
  config: Record<string, unknown>
  databaseAttributes: Record<string, unknown>[]
  sso: { type: string; jit: boolean; beta: boolean; hidden: boolean; idpCertExpirationAt: string }
}

/** A System Insights row: the table's columns plus `system_id` and `collection_time`. */
export type InsightRow = { system_id: string; collection_time: string } & Record<string, unknown>

export const INSIGHT_TABLES = [
  'apps',
  'programs',
  'disk_encryption',
  'bitlocker_info',
  'os_version',
  'system_info',
  'alf',
  'windows_security_products',
] as const
export type InsightTable = (typeof INSIGHT_TABLES)[number]

export interface DirectoryEvent {
  id: string
  event_type: string
  service: string
  timestamp: string
  organization: string
  success: boolean
  client_ip: string
  '@version': string
  [field: string]: unknown
}

/**
 * Who is connected to whom. Members are direct; associations bind resources (a user or user
 * group to a device, device group or application).
 */
export interface OrgGraph {
  /** group id -> direct members (users or nested user groups; systems or system groups). */
  members: Map<string, GraphObject[]>
  /** resource id -> directly associated resources, both directions recorded. */
  associations: Map<string, GraphObject[]>
}

/** `GET /api/v2/applemdms`: the organization's Apple device manager (PS-V2 `AppleMDM`). */
export interface AppleMdm {
  id: string
  name: string
  organization: string
  apnsPushTopic: string
  apnsCertExpiry: string
  depServerTokenState: 'unknown' | 'missing' | 'valid' | 'expired'
  depAccessTokenExpiry: string
  allowMobileUserEnrollment: boolean
  ades: {
    ios: { enableZeroTouchEnrollment: boolean }
    macos: { enableZeroTouchEnrollment: boolean }
  }
}

/** `GET /api/v2/applemdms/{id}/devices` items (PS-V2 `apple-mdm-device`). */
export interface AppleMdmDevice {
  id: string
  udid: string
  serialNumber: string
  createdAt: string
  enrolled: boolean
  depRegistered: boolean
  hasActivationLockBypassCodes: boolean
  mdmOsFamily: 'macOS' | 'iOS' | 'iPadOS'
  modelFamily: 'Mac' | 'iPhone' | 'iPad'
  osVersion: string
  deviceInformation: {
    deviceName: string
    modelName: string
    osBuildVersion: string
    isSupervised: boolean
    isAppleSilicon: boolean
  }
  securityInfo: {
    enrolledViaDep: boolean
    userApprovedEnrollment: boolean
    isUserEnrollment: boolean
    passcodePresent: boolean
    filevaultEnabled: boolean
  }
}
