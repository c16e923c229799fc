// JumpCloud records as the mappers read them (jumpcloud-api.md §2–§9). Deliberately loose:
// every field is optional and strings may be `""` or `null`, because real tenants send both and
// a mapper must turn a gap into `null`, never into a crash.

/** v1 records carry `_id` and usually `id` too; v2 and insights records only `id`. */
export interface IdentifiedRecord {
  _id?: string | null
  id?: string | null
}

/** `[{name, value}]` on users and systems; `null` on some real records. */
export interface AttributeRecord {
  name?: string | null
  value?: unknown
  /** Not in JumpCloud's spec; honoured when present so a flagged value is never exposed. */
  secret?: boolean
  sensitive?: boolean
}

export type MfaEnrollmentStatus =
  | 'NOT_ENROLLED'
  | 'DISABLED'
  | 'PENDING_ACTIVATION'
  | 'ENROLLMENT_EXPIRED'
  | 'IN_ENROLLMENT'
  | 'PRE_ENROLLMENT'
  | 'ENROLLED'

/** v1 `GET /api/systemusers` item (`systemuserreturn`). */
export interface SystemUserRecord extends IdentifiedRecord {
  username?: string | null
  systemUsername?: string | null
  email?: string | null
  alternateEmail?: string | null
  recoveryEmail?: { address?: string | null; verified?: boolean; verifiedAt?: string | null } | null
  firstname?: string | null
  middlename?: string | null
  lastname?: string | null
  displayname?: string | null
  jobTitle?: string | null
  department?: string | null
  company?: string | null
  costCenter?: string | null
  location?: string | null
  employeeType?: string | null
  employeeIdentifier?: string | null
  description?: string | null
  /** The manager's systemuser id. */
  manager?: string | null
  state?: string | null
  activated?: boolean
  suspended?: boolean
  account_locked?: boolean
  account_locked_date?: string | null
  password_date?: string | null
  password_expiration_date?: string | null
  password_expired?: boolean
  password_never_expires?: boolean
  totp_enabled?: boolean
  enable_user_portal_multifactor?: boolean
  mfa?: {
    configured?: boolean
    exclusion?: boolean
    exclusionDays?: number
    exclusionUntil?: string | null
  } | null
  mfaEnrollment?: {
    overallStatus?: string | null
    totpStatus?: string | null
    webAuthnStatus?: string | null
    pushStatus?: string | null
    jcGoStatus?: string | null
  } | null
  phoneNumbers?: { id?: string; type?: string | null; number?: string | null }[] | null
  addresses?: Record<string, unknown>[] | null
  attributes?: AttributeRecord[] | null
  admin?: { id?: string; roleName?: string | null; roleNames?: string[] | null } | null
  organization?: string | null
  created?: string | null
  public_key?: string | null
  ssh_keys?: { _id?: string; name?: string; public_key?: string; create_date?: string }[] | null
  tags?: string[] | null
  [field: string]: unknown
}

/** v1 `GET /api/users` item: an administrator account (`userreturn`). */
export interface AdminRecord extends IdentifiedRecord {
  email?: string | null
  firstname?: string | null
  lastname?: string | null
  organization?: string | null
  role?: string | null
  roleName?: string | null
  roleNames?: string[] | null
  suspended?: boolean
  enableMultiFactor?: boolean
  apiKeyHash?: { prefix?: string; createdAt?: string; expireAt?: string } | null
  created?: string | null
  [field: string]: unknown
}

/** v1 `GET /api/organizations` item. */
export interface OrganizationRecord extends IdentifiedRecord {
  displayName?: string | null
  logoUrl?: string | null
  created?: string | null
  settings?: { name?: string | null; [field: string]: unknown } | null
  [field: string]: unknown
}

/** `GET /api/v2/applemdms` item (`AppleMDM`): the organization's Apple device manager. */
export interface AppleMdmRecord {
  id?: string | null
  name?: string | null
  [field: string]: unknown
}

/** `GET /api/v2/applemdms/{id}/devices` item (`apple-mdm-device`); meets a system by serial. */
export interface AppleMdmDeviceRecord {
  id?: string | null
  serialNumber?: string | null
  createdAt?: string | null
  enrolled?: boolean | null
  depRegistered?: boolean | null
  deviceInformation?: { isSupervised?: boolean | null; [field: string]: unknown } | null
  securityInfo?: {
    enrolledViaDep?: boolean | null
    isUserEnrollment?: boolean | null
    userApprovedEnrollment?: boolean | null
    [field: string]: unknown
  } | null
  [field: string]: unknown
}

/** v1 `GET /api/systems` item (`JcSystem`). */
export interface SystemRecord extends IdentifiedRecord {
  displayName?: string | null
  hostname?: string | null
  os?: string | null
  osFamily?: string | null
  version?: string | null
  osVersionDetail?: {
    osName?: string | null
    version?: string | null
    major?: string | null
    minor?: string | null
    patch?: string | null
    majorNumber?: number
    minorNumber?: number
    patchNumber?: number
    releaseName?: string | null
    revision?: string | null
    distributionName?: string | null
  } | null
  arch?: string | null
  serialNumber?: string | null
  hwVendor?: string | null
  agentVersion?: string | null
  active?: boolean
  lastContact?: string | null
  created?: string | null
  fde?: { active?: boolean; keyPresent?: boolean } | null
  mdm?: {
    vendor?: string | null
    dep?: boolean | null
    userApproved?: boolean | null
    enrollmentType?: string | null
    profileIdentifier?: string | null
    providerId?: string | null
  } | null
  primarySystemUser?: { id?: string | null } | null
  userMetrics?:
    | {
        userName?: string | null
        admin?: boolean
        managed?: boolean
        secureTokenEnabled?: boolean
        suspended?: boolean
      }[]
    | null
  systemInsights?: { state?: string | null } | null
  tags?: string[] | null
  organization?: string | null
  description?: string | null
  attributes?: AttributeRecord[] | null
  [field: string]: unknown
}

/** v2 `GET /api/v2/usergroups` and `/systemgroups` item. */
export interface GroupRecord {
  id?: string | null
  name?: string | null
  type?: string | null
  description?: string | null
  email?: string | null
  /** Older tenants; newer ones say it with `membershipMethod`. */
  membershipAutomated?: boolean
  membershipMethod?: string | null
  memberQuery?: Record<string, unknown> | null
  attributes?: Record<string, unknown> | null
  organizationObjectId?: string | null
  [field: string]: unknown
}

export type UserGroupRecord = GroupRecord
export type SystemGroupRecord = GroupRecord

export interface GraphObjectRecord {
  id?: string | null
  type?: string | null
  attributes?: Record<string, unknown> | null
}

/** One hop of a graph path. */
export interface GraphHopRecord {
  attributes?: Record<string, unknown> | null
  from?: GraphObjectRecord | null
  to?: GraphObjectRecord | null
}

/**
 * A graph result: `GraphObjectWithPaths` from traversals (`/membership`, `/memberof`,
 * `/systems/{id}/users`, `/applications/{id}/users`) or `GraphConnection` (`{to}`) from
 * direct `/members` and `/associations`.
 */
export interface GraphConnectionRecord {
  id?: string | null
  type?: string | null
  attributes?: Record<string, unknown> | null
  compiledAttributes?: Record<string, unknown> | null
  paths?: GraphHopRecord[][] | null
  from?: GraphObjectRecord | null
  to?: GraphObjectRecord | null
}

/** v1 `GET /api/applications` item. */
export interface ApplicationRecord extends IdentifiedRecord {
  name?: string | null
  displayName?: string | null
  displayLabel?: string | null
  description?: string | null
  active?: boolean
  ssoUrl?: string | null
  sso?: { type?: string | null; [field: string]: unknown } | null
  logo?: { url?: string | null; color?: string | null } | null
  created?: string | null
  organization?: string | null
  config?: Record<string, unknown> | null
  [field: string]: unknown
}

// System Insights (`/api/v2/systeminsights/<table>`): every row has these two.
export interface InsightRowBase {
  system_id?: string | null
  collection_time?: string | null
  [field: string]: unknown
}

/** `apps` (macOS). `last_opened_time` is epoch seconds as a float, `-1` when unknown. */
export interface AppsRow extends InsightRowBase {
  name?: string | null
  display_name?: string | null
  bundle_identifier?: string | null
  bundle_name?: string | null
  bundle_short_version?: string | null
  bundle_version?: string | null
  path?: string | null
  last_opened_time?: number | string | null
}

/** `programs` (Windows). `install_date` is `"YYYYMMDD"` or `""`. */
export interface ProgramsRow extends InsightRowBase {
  name?: string | null
  version?: string | null
  publisher?: string | null
  install_date?: string | null
  install_location?: string | null
  identifying_number?: string | null
}

/** `linux_packages`. `install_time` is epoch seconds. */
export interface LinuxPackagesRow extends InsightRowBase {
  name?: string | null
  version?: string | null
  arch?: string | null
  package_format?: string | null
  maintainer_or_vendor?: string | null
  install_time?: number | string | null
}

export interface OsVersionRow extends InsightRowBase {
  name?: string | null
  version?: string | null
  major?: number | string | null
  minor?: number | string | null
  patch?: number | string | null
  build?: string | null
  platform?: string | null
}

export interface SystemInfoRow extends InsightRowBase {
  hostname?: string | null
  computer_name?: string | null
  hardware_vendor?: string | null
  hardware_model?: string | null
  hardware_serial?: string | null
}

/** `encrypted` is 0/1 (sometimes as a string). */
export interface DiskEncryptionRow extends InsightRowBase {
  name?: string | null
  encrypted?: number | string | null
  encryption_status?: string | null
  type?: string | null
}

/** `protection_status`: 0 off, 1 on, 2 unknown. */
export interface BitlockerInfoRow extends InsightRowBase {
  drive_letter?: string | null
  encryption_method?: string | null
  protection_status?: number | string | null
  conversion_status?: number | string | null
  percentage_encrypted?: number | string | null
}

/** `global_state`: 0 off, 1 on, 2 on and blocking all incoming. */
export interface AlfRow extends InsightRowBase {
  global_state?: number | string | null
}

/** Health strings: Good, Poor, Snoozed, Not Monitored, Error. */
export interface WindowsSecurityCenterRow extends InsightRowBase {
  firewall?: string | null
  antivirus?: string | null
  autoupdate?: string | null
  antispyware?: string | null
  internet_settings?: string | null
  windows_security_center_service?: string | null
  user_account_control?: string | null
}

export interface WindowsSecurityProductsRow extends InsightRowBase {
  type?: string | null
  name?: string | null
  state?: string | null
  state_timestamp?: string | null
  signatures_up_to_date?: number | string | null
}

/** `screenlock` (newer API, macOS): `enabled` 0/1, `grace_period` seconds. */
export interface ScreenlockRow extends InsightRowBase {
  enabled?: number | string | null
  grace_period?: number | string | null
}

/** The insights rows of one device, by table; a table the caller did not fetch is absent. */
export interface SystemInsights {
  apps?: AppsRow[]
  programs?: ProgramsRow[]
  linux_packages?: LinuxPackagesRow[]
  os_version?: OsVersionRow[]
  system_info?: SystemInfoRow[]
  disk_encryption?: DiskEncryptionRow[]
  bitlocker_info?: BitlockerInfoRow[]
  alf?: AlfRow[]
  windows_security_center?: WindowsSecurityCenterRow[]
  windows_security_products?: WindowsSecurityProductsRow[]
  screenlock?: ScreenlockRow[]
  [table: string]: InsightRowBase[] | undefined
}

export interface EventPartyRecord {
  id?: string | null
  type?: string | null
  username?: string | null
  email?: string | null
  name?: string | null
  [field: string]: unknown
}

/** Directory Insights event (`POST /insights/directory/v1/events`). */
export interface DirectoryEventRecord {
  id?: string | null
  event_type?: string | null
  service?: string | null
  timestamp?: string | null
  organization?: string | null
  success?: boolean | null
  client_ip?: string | null
  initiated_by?: EventPartyRecord | null
  resource?: EventPartyRecord | null
  application?: {
    id?: string | null
    name?: string | null
    display_label?: string | null
    sso_type?: string | null
    sso_url?: string | null
  } | null
  auth_context?: {
    system?: { id?: string | null; hostname?: string | null; os?: string | null } | null
    [field: string]: unknown
  } | null
  system?: {
    id?: string | null
    hostname?: string | null
    displayName?: string | null
    os?: string | null
  } | null
  geoip?: { country_code?: string | null; region_code?: string | null } | null
  /** An object from the DI parser; some services send the raw header string. */
  useragent?:
    | {
        name?: string | null
        major?: string | null
        minor?: string | null
        patch?: string | null
        os?: string | null
        os_name?: string | null
        os_major?: string | null
        os_minor?: string | null
      }
    | string
    | null
  mfa?: boolean | null
  error_message?: string | null
  changes?: { field?: string | null; from?: unknown; to?: unknown }[] | null
  [field: string]: unknown
}
