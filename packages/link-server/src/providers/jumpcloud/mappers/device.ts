import type {
  Device,
  DeviceType,
  DeviceUser,
  MdmEnrollment,
  NamedRef,
  Platform,
} from '@jumplink/shared'
import type {
  AppleMdmDeviceRecord,
  GraphConnectionRecord,
  InsightRowBase,
  SystemInsights,
  SystemRecord,
  WindowsSecurityProductsRow,
} from '../records'
import {
  bool,
  graphTarget,
  graphVia,
  isoTimestamp,
  num,
  recordId,
  refOrNull,
  requireStr,
  requireTimestamp,
  str,
} from './common'

export interface DeviceContext {
  /** The connection's organization, used when the record's `organization` is blank. */
  organizationId?: string
  /**
   * This device's System Insights rows by table (`GET /v2/systeminsights/<table>` with
   * `filter=system_id:eq:<id>` or `:in:` a page of ids, split with `insightsBySystem`). Posture
   * reads os_version, system_info, disk_encryption, bitlocker_info, alf,
   * windows_security_center, windows_security_products and screenlock; a table not fetched
   * leaves its fields `null`.
   */
  insights?: SystemInsights
  /**
   * `expand=users`: who may use the device (`userLinksOf(GET /v2/systems/{id}/users)`, or the
   * connection's device users index).
   */
  users?: readonly DeviceUserLink[]
  /** systemuser id → username, to match `userMetrics` (local accounts) to those users. */
  usernames?: ReadonlyMap<string, string>
  /** `expand=groups`: `namedGraphRefs(GET /v2/systems/{id}/memberof, 'system_group', names)`. */
  groups?: readonly NamedRef[]
  /** This device's record in JumpCloud's Apple MDM (`appleMdmBySerial`), if it has one. */
  appleMdm?: AppleMdmDeviceRecord
}

/** Phones and tablets are mobile, whatever their vendor (iPads included). */
export function deviceType(platform: Platform): DeviceType {
  if (platform === 'ios' || platform === 'ipados' || platform === 'android') return 'mobile'
  if (platform === 'macos' || platform === 'windows' || platform === 'linux') return 'computer'
  return 'unknown'
}

/** Apple MDM devices by serial number, the one field both records share. */
export function appleMdmBySerial(
  devices: readonly AppleMdmDeviceRecord[],
): Map<string, AppleMdmDeviceRecord> {
  const bySerial = new Map<string, AppleMdmDeviceRecord>()
  for (const device of devices) {
    const key = serial(device?.serialNumber)?.toUpperCase()
    if (key) bySerial.set(key, device)
  }
  return bySerial
}

/**
 * Enrollment from an Apple MDM device: through DEP / ADE (`enrolledViaDep`), by User
 * Enrollment, or by a profile; `null` when it is not (or no longer) enrolled.
 */
export function appleEnrollment(record: AppleMdmDeviceRecord | undefined): MdmEnrollment | null {
  if (record?.enrolled !== true) return null
  const security = record.securityInfo ?? {}
  const viaDep = bool(security.enrolledViaDep)
  const method =
    viaDep === true
      ? 'automated'
      : security.isUserEnrollment === true
        ? 'user'
        : viaDep === false
          ? 'device'
          : null
  return {
    method,
    supervised: bool(record.deviceInformation?.isSupervised),
    enrolled_at: isoTimestamp(record.createdAt),
  }
}

/** `osFamily` first (darwin → macos), then the `os` string; anything else is `unknown`. */
export function platformOf(osFamily: unknown, os: unknown): Platform {
  const family = str(osFamily)?.toLowerCase()
  const name = str(os)?.toLowerCase() ?? ''
  if (family === 'ios' || family === 'ipados') return name.includes('ipad') ? 'ipados' : 'ios'
  if (family === 'darwin' || family === 'macos') return 'macos'
  if (family === 'windows' || family === 'linux' || family === 'android') return family
  if (/mac ?os|os x/.test(name)) return 'macos'
  if (name.includes('ipados')) return 'ipados'
  if (/\bios\b/.test(name)) return 'ios'
  if (name.includes('windows')) return 'windows'
  if (name.includes('android')) return 'android'
  if (/linux|ubuntu|debian|centos|red ?hat|rhel|fedora|rocky|alma|suse|arch/.test(name)) {
    return 'linux'
  }
  return 'unknown'
}

/** Placeholder serials that firmware and VMs report. */
const JUNK_SERIALS = new Set([
  '0',
  'none',
  'n/a',
  'na',
  'default string',
  'not specified',
  'not applicable',
  'system serial number',
  'to be filled by o.e.m.',
  '0123456789',
])

function serial(value: unknown): string | null {
  const text = str(value)
  return text === null || JUNK_SERIALS.has(text.toLowerCase()) ? null : text
}

/** Only the device's own rows (a caller may pass a whole table), newest first. */
function rowsOf<T extends InsightRowBase>(rows: readonly T[] | undefined, systemId: string): T[] {
  return (rows ?? [])
    .filter((row) => {
      const owner = str(row?.system_id)
      return owner === null || owner === systemId
    })
    .sort((a, b) =>
      (isoTimestamp(b.collection_time) ?? '').localeCompare(isoTimestamp(a.collection_time) ?? ''),
    )
}

function newestCollected(rows: readonly InsightRowBase[]): string | null {
  return rows.map((r) => isoTimestamp(r.collection_time)).find((t) => t !== null) ?? null
}

/** Windows Security Center health strings. */
function health(value: unknown): boolean | null {
  switch (str(value)?.toLowerCase()) {
    case 'good':
      return true
    case 'poor':
    case 'snoozed':
      return false
    default:
      // "Not Monitored", "Error", blanks: Windows itself does not know.
      return null
  }
}

/** Windows security product states. */
function productOn(value: unknown): boolean | null {
  const state = str(value)?.toLowerCase()
  if (state === 'on') return true
  if (state === 'off' || state === 'snoozed' || state === 'expired') return false
  return null
}

/** `true` if any is true, `false` only if every one is false, else unknown. */
function anyTrue(values: readonly (boolean | null)[]): boolean | null {
  if (values.some((v) => v === true)) return true
  if (values.length > 0 && values.every((v) => v === false)) return false
  return null
}

type Tables = { [K in keyof SystemInsights]-?: NonNullable<SystemInsights[K]> }

function tablesOf(insights: SystemInsights | undefined, systemId: string) {
  const get = <K extends keyof Tables>(table: K) =>
    rowsOf((insights?.[table] ?? []) as Tables[K], systemId) as Tables[K]
  return get
}

const METHOD_BY_PLATFORM: Partial<Record<Platform, Device['disk_encryption']['method']>> = {
  macos: 'filevault',
  windows: 'bitlocker',
  linux: 'luks',
}

/**
 * `fde.active` when the agent reports it; else BitLocker's protection status for the system
 * drive (C:, else any drive); else osquery `disk_encryption` (FileVault encrypts the data
 * volume, so any encrypted volume counts, and only all-unencrypted reads as off).
 */
export function diskEncryption(
  system: SystemRecord,
  platform: Platform,
  table: ReturnType<typeof tablesOf>,
): Device['disk_encryption'] {
  const fde = bool(system.fde?.active)
  if (fde !== null) {
    return {
      enabled: fde,
      method: fde ? (METHOD_BY_PLATFORM[platform] ?? null) : null,
      collected_at: null,
    }
  }
  const bitlocker = table('bitlocker_info')
  if (bitlocker.length > 0) {
    const systemDrive = bitlocker.filter((r) => str(r.drive_letter)?.toUpperCase() === 'C:')
    const rows = systemDrive.length > 0 ? systemDrive : bitlocker
    const enabled = anyTrue(
      rows.map((r) => {
        const status = num(r.protection_status)
        return status === 1 ? true : status === 0 ? false : null
      }),
    )
    return { enabled, method: enabled ? 'bitlocker' : null, collected_at: newestCollected(rows) }
  }
  const volumes = table('disk_encryption')
  if (volumes.length > 0) {
    const enabled = anyTrue(
      volumes.map((r) => {
        const encrypted = num(r.encrypted)
        return encrypted === 1 ? true : encrypted === 0 ? false : null
      }),
    )
    const type = volumes.map((r) => str(r.type)?.toLowerCase() ?? '').join(' ')
    const method = !enabled
      ? null
      : type.includes('luks')
        ? 'luks'
        : type.includes('apfs') || type.includes('filevault') || type.includes('core storage')
          ? 'filevault'
          : (METHOD_BY_PLATFORM[platform] ?? null)
    return { enabled, method, collected_at: newestCollected(volumes) }
  }
  return { enabled: null, method: null, collected_at: null }
}

/** macOS application firewall, else Windows Security Center, else Windows firewall products. */
export function firewallEnabled(table: ReturnType<typeof tablesOf>): boolean | null {
  const [alf] = table('alf')
  if (alf) {
    const state = num(alf.global_state)
    if (state !== null) return state > 0
  }
  const [center] = table('windows_security_center')
  const centered = health(center?.firewall)
  if (centered !== null) return centered
  const products = table('windows_security_products').filter((p) => isType(p, 'firewall'))
  return anyTrue(products.map((p) => productOn(p.state)))
}

function isType(row: WindowsSecurityProductsRow, type: string): boolean {
  return str(row.type)?.toLowerCase() === type
}

/**
 * Windows only: products registered with Windows Security Center. A product counts as healthy
 * when it is on with current signatures. macOS and Linux report nothing, so all `null`.
 */
export function antivirus(table: ReturnType<typeof tablesOf>): Device['antivirus'] {
  const all = table('windows_security_products')
  const products = all.filter((p) => isType(p, 'antivirus'))
  const names = [...new Set(products.map((p) => str(p.name)).filter((n) => n !== null))]
  const [center] = table('windows_security_center')
  const centerHealth = health(center?.antivirus)
  const installed =
    products.length > 0 || centerHealth === true ? true : all.length > 0 ? false : null
  const productHealth = anyTrue(
    products.map((p) => {
      const on = productOn(p.state)
      const current = num(p.signatures_up_to_date)
      if (on === false || current === 0) return false
      return on === true && current === 1 ? true : null
    }),
  )
  return { installed, healthy: centerHealth ?? productHealth, products: names }
}

function screenLock(table: ReturnType<typeof tablesOf>): boolean | null {
  const [row] = table('screenlock')
  const enabled = num(row?.enabled)
  return enabled === 1 ? true : enabled === 0 ? false : null
}

/**
 * One user's access to a device: whether one of its paths is a direct binding, and whether a
 * binding or a group on any path grants sudo (JumpCloud's compiled `sudo` attribute).
 */
export interface DeviceUserLink {
  id: string
  via: 'direct' | 'group'
  sudo: boolean
}

/** The links a `/v2/systems/{id}/users` traversal gives, one per user, in its order. */
export function userLinksOf(connections: readonly GraphConnectionRecord[]): DeviceUserLink[] {
  const links = new Map<string, DeviceUserLink>()
  for (const connection of connections) {
    const target = graphTarget(connection)
    if (!target || (target.type !== null && target.type !== 'user')) continue
    const sudo = connection.compiledAttributes?.sudo as { enabled?: unknown } | undefined
    const via = graphVia(connection)
    const previous = links.get(target.id)
    links.set(target.id, {
      id: target.id,
      via: previous?.via === 'direct' ? 'direct' : via,
      sudo: sudo?.enabled === true,
    })
  }
  return [...links.values()]
}

/** `expand=users`: bound users, matched to local accounts through `userMetrics`. */
export function deviceUsers(
  system: SystemRecord,
  links: readonly DeviceUserLink[],
  usernames: ReadonlyMap<string, string> = new Map(),
): DeviceUser[] {
  const metrics = new Map(
    (system.userMetrics ?? []).flatMap((m) => {
      const name = str(m?.userName)
      return name === null ? [] : [[name.toLowerCase(), m] as const]
    }),
  )
  return links.map((link) => {
    const username = usernames.get(link.id)
    const metric = username === undefined ? undefined : metrics.get(username.toLowerCase())
    return {
      id: link.id,
      via: link.via,
      local_username: str(metric?.userName),
      // JumpCloud-granted sudo makes an admin; its absence proves nothing about local rights.
      is_admin: bool(metric?.admin) ?? (link.sudo ? true : null),
    }
  })
}

/** A v1 system with its security posture from the system record and System Insights. */
export function mapDevice(system: SystemRecord, context: DeviceContext = {}): Device {
  const id = recordId(system, 'system')
  const platform = platformOf(system.osFamily, system.os)
  const table = tablesOf(context.insights, id)
  const [osVersion] = table('os_version')
  const [info] = table('system_info')
  const detail = system.osVersionDetail ?? undefined
  const mdm = system.mdm && typeof system.mdm === 'object' ? system.mdm : null
  const vendor = str(mdm?.vendor)
  const enrollment = appleEnrollment(context.appleMdm)
  const enrolled = (mdm !== null && vendor?.toLowerCase() !== 'none') || enrollment !== null

  const device: Device = {
    id,
    name: str(system.displayName) ?? str(system.hostname) ?? str(info?.computer_name),
    hostname: str(system.hostname) ?? str(info?.hostname),
    platform,
    device_type: deviceType(platform),
    os_name: str(system.os) ?? str(detail?.osName) ?? str(osVersion?.name),
    os_version: str(system.version) ?? str(detail?.version) ?? str(osVersion?.version),
    os_build: str(osVersion?.build) ?? str(detail?.revision),
    serial_number: serial(system.serialNumber) ?? serial(info?.hardware_serial),
    manufacturer: str(system.hwVendor) ?? str(info?.hardware_vendor),
    model: str(info?.hardware_model),
    arch: str(system.arch),
    is_active: system.active === true,
    last_seen_at: isoTimestamp(system.lastContact),
    created_at: requireTimestamp(system.created, 'system', 'created'),
    agent_version: str(system.agentVersion),
    mdm: {
      enrolled,
      vendor: enrolled ? (vendor ?? (enrollment ? 'internal' : null)) : null,
      dep:
        bool(mdm?.dep) ??
        bool(context.appleMdm?.depRegistered) ??
        (enrollment ? enrollment.method === 'automated' : null),
      user_approved:
        bool(mdm?.userApproved) ?? bool(context.appleMdm?.securityInfo?.userApprovedEnrollment),
      enrollment,
    },
    disk_encryption: diskEncryption(system, platform, table),
    firewall_enabled: firewallEnabled(table),
    antivirus: antivirus(table),
    screen_lock_enabled: screenLock(table),
    auto_update_enabled: health(table('windows_security_center')[0]?.autoupdate),
    primary_user: refOrNull(system.primarySystemUser?.id),
    tags: (system.tags ?? []).flatMap((tag) => str(tag) ?? []),
    organization: {
      id: requireStr(str(system.organization) ?? context.organizationId, 'system', 'organization'),
    },
  }
  if (context.users !== undefined) {
    device.users = deviceUsers(system, context.users, context.usernames)
  }
  if (context.groups !== undefined) device.groups = [...context.groups]
  return device
}

/** Splits rows fetched for many devices (`system_id:in:…`) into each device's tables. */
export function insightsBySystem(
  tables: Readonly<Record<string, readonly InsightRowBase[] | undefined>>,
): Map<string, SystemInsights> {
  const bySystem = new Map<string, SystemInsights>()
  for (const [table, rows] of Object.entries(tables)) {
    for (const row of rows ?? []) {
      const systemId = str(row?.system_id)
      if (systemId === null) continue
      const insights = bySystem.get(systemId) ?? {}
      const list = insights[table] ?? []
      list.push(row)
      insights[table] = list
      bySystem.set(systemId, insights)
    }
  }
  return bySystem
}
