import type { InstalledApp, Platform } from '@jumplink/shared'
import type { AppsRow, InsightRowBase, LinuxPackagesRow, ProgramsRow } from '../records'
import { hashId, isoDate, isoTimestamp, JumpcloudMappingError, requireStr, str } from './common'

/** The System Insights tables that list software, and the platform each implies. */
export const SOFTWARE_TABLES = {
  apps: 'macos',
  programs: 'windows',
  linux_packages: 'linux',
} as const satisfies Record<string, Platform>

export type SoftwareTable = keyof typeof SOFTWARE_TABLES

type SoftwareRow = AppsRow & ProgramsRow & LinuxPackagesRow

/**
 * `app_<system_id>_<hash>`: deterministic over system, table, app id (else name) and version,
 * and it carries the device id so `GET /installed-apps/:id` knows which device's rows to read.
 */
export function installedAppId(
  systemId: string,
  table: string,
  key: string,
  version: string | null,
): string {
  return `app_${systemId}_${hashId([systemId, table, key, version ?? ''], 20)}`
}

/** The device id inside an installed app id, or `null` if the id is not one of ours. */
export function installedAppDeviceId(id: string): string | null {
  return /^app_([^_]+)_[0-9a-f]{20}$/.exec(id)?.[1] ?? null
}

function appIdOf(table: string, row: SoftwareRow): Pick<InstalledApp, 'app_id' | 'app_id_type'> {
  const bundle = str(row.bundle_identifier)
  if (bundle !== null) return { app_id: bundle, app_id_type: 'bundle_id' }
  const productCode = str(row.identifying_number)
  if (productCode !== null) return { app_id: productCode, app_id_type: 'product_code' }
  if (table === 'linux_packages' && str(row.name) !== null) {
    return { app_id: str(row.name), app_id_type: 'package' }
  }
  return { app_id: null, app_id_type: null }
}

function nameOf(row: SoftwareRow): string | null {
  const bundleName = str(row.name)?.replace(/\.app$/i, '')
  return str(row.display_name) ?? str(row.bundle_name) ?? str(bundleName)
}

/**
 * One software row: `apps` (macOS), `programs` (Windows) or `linux_packages`. Rows with no
 * name at all cannot be shown and throw `JumpcloudMappingError`; `mapInstalledApps` skips them.
 */
export function mapInstalledApp(row: InsightRowBase, table: string): InstalledApp {
  const r = row as SoftwareRow
  const systemId = requireStr(r.system_id, table, 'system_id')
  const { app_id, app_id_type } = appIdOf(table, r)
  const name = nameOf(r) ?? app_id
  if (name === null) throw new JumpcloudMappingError(table, 'name')
  const version = str(r.bundle_short_version) ?? str(r.version) ?? str(r.bundle_version)
  return {
    id: installedAppId(systemId, table, app_id ?? name, version),
    device: { id: systemId },
    name,
    version,
    publisher: str(r.publisher) ?? str(r.maintainer_or_vendor),
    app_id,
    app_id_type,
    platform: table in SOFTWARE_TABLES ? SOFTWARE_TABLES[table as SoftwareTable] : 'unknown',
    install_path: str(r.path) ?? str(r.install_location),
    installed_date: isoDate(r.install_date) ?? isoDate(positive(r.install_time)),
    last_opened_at: isoTimestamp(r.last_opened_time),
    collected_at: isoTimestamp(r.collection_time),
    source_table: table,
  }
}

function positive(value: unknown): number | null {
  const n = typeof value === 'string' ? Number(value) : value
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : null
}

/** A page of one table's rows; nameless rows are dropped, duplicates (same id) kept once. */
export function mapInstalledApps(rows: readonly InsightRowBase[], table: string): InstalledApp[] {
  const apps = new Map<string, InstalledApp>()
  for (const row of rows) {
    try {
      const app = mapInstalledApp(row, table)
      if (!apps.has(app.id)) apps.set(app.id, app)
    } catch (error) {
      if (!(error instanceof JumpcloudMappingError)) throw error
    }
  }
  return [...apps.values()]
}
