import { createRandom, deriveSeed, type Random } from '../random.ts'
import { MAC_APPS, WINDOWS_PROGRAMS } from './catalog.ts'
import type { InsightRow, InsightTable, JcSystem } from './types.ts'

// System Insights rows (jumpcloud-api.md §8), derived from each device with a stream seeded by
// the device id, so a table reads the same whenever it is built and a new device gets rows too.

type RowsFor = (system: JcSystem, random: Random, collected: string) => Record<string, unknown>[]

const TABLES: Record<InsightTable, RowsFor> = {
  apps: (system, random) => {
    if (system.osFamily !== 'darwin') return []
    return MAC_APPS.filter(() => random.chance(0.65)).map((app) => ({
      name: `${app.name}.app`,
      display_name: app.name,
      bundle_identifier: app.bundle,
      bundle_name: app.name,
      bundle_short_version: app.version,
      bundle_version: app.version,
      bundle_executable: app.name,
      bundle_package_type: 'APPL',
      category: app.category,
      path: `/Applications/${app.name}.app`,
      copyright: '',
      compiler: 'com.apple.compilers.llvm.clang.1_0',
      development_region: 'en',
      element: '',
      environment: '',
      info_string: '',
      minimum_system_version: '12.0',
      applescript_enabled: '0',
      last_opened_time:
        Math.floor(Date.parse(system.lastContact ?? system.created) / 1000) -
        random.int(0, 864_000) +
        0.5,
    }))
  },
  programs: (system, random) => {
    if (system.osFamily !== 'windows') return []
    return WINDOWS_PROGRAMS.filter(() => random.chance(0.7)).map((program) => ({
      name: program.name,
      version: program.version,
      publisher: program.publisher,
      install_date: system.created.slice(0, 10).replaceAll('-', ''),
      install_location: `C:\\Program Files\\${program.name.split(' ')[0]}\\`,
      install_source: '',
      identifying_number:
        `{${random.hex(8)}-${random.hex(4)}-${random.hex(4)}-${random.hex(4)}-${random.hex(12)}}`.toUpperCase(),
      language: '1033',
      uninstall_string: '',
    }))
  },
  disk_encryption: (system, random) => {
    if (system.osFamily === 'darwin') {
      return [
        {
          name: '/dev/disk3s1',
          uuid: `${random.hex(8)}-${random.hex(4)}-${random.hex(4)}-${random.hex(4)}-${random.hex(12)}`.toUpperCase(),
          encrypted: system.fde.active ? 1 : 0,
          encryption_status: system.fde.active ? 'encrypted' : 'undefined',
          type: system.fde.active ? 'APFS Encryption' : '',
          uid: '',
          user_uuid: '',
        },
      ]
    }
    if (system.osFamily === 'linux') {
      return [
        {
          name: '/dev/dm-0',
          uuid: '',
          encrypted: system.fde.active ? 1 : 0,
          encryption_status: system.fde.active ? 'encrypted' : 'not encrypted',
          type: system.fde.active ? 'LUKS2' : '',
          uid: '',
          user_uuid: '',
        },
      ]
    }
    return []
  },
  bitlocker_info: (system) => {
    if (system.osFamily !== 'windows') return []
    return [
      {
        drive_letter: 'C:',
        device_id: `\\\\?\\Volume{${system._id.slice(0, 8)}-0000-0000-0000-${system._id.slice(12, 24)}}\\`,
        persistent_volume_id: '',
        encryption_method: system.fde.active ? 'XTS_AES_128' : 'None',
        conversion_status: system.fde.active ? 1 : 0,
        percentage_encrypted: system.fde.active ? 100 : 0,
        protection_status: system.fde.active ? 1 : 0,
      },
    ]
  },
  os_version: (system) => {
    const detail = system.osVersionDetail
    return [
      {
        name: system.osFamily === 'darwin' ? 'macOS' : detail.osName,
        version: system.osFamily === 'windows' ? `10.0.${detail.revision}` : detail.version,
        major: detail.majorNumber,
        minor: detail.minorNumber,
        patch: detail.patchNumber,
        build: detail.revision,
        codename: detail.releaseName,
        platform:
          system.osFamily === 'linux'
            ? detail.distributionName.toLowerCase().replace(/\s+/g, '')
            : system.osFamily,
        platform_like: system.osFamily === 'linux' ? 'debian' : system.osFamily,
        install_date: '',
      },
    ]
  },
  system_info: (system, random) => {
    const apple = system.osFamily === 'darwin'
    const cores = random.pick([8, 10, 12, 16])
    return [
      {
        hostname: system.hostname,
        computer_name: system.displayName,
        local_hostname: system.hostname.replace(/\.local$/, ''),
        cpu_brand: apple
          ? random.pick(['Apple M1', 'Apple M2 Pro', 'Apple M3'])
          : 'Intel(R) Core(TM) i7-1265U',
        cpu_type: system.arch,
        cpu_subtype: apple ? 'ARM64E' : 'x86_64',
        cpu_logical_cores: cores,
        cpu_physical_cores: cores,
        cpu_microcode: '',
        physical_memory: String(random.pick([8, 16, 32, 64]) * 1024 ** 3),
        hardware_vendor: system.hwVendor,
        hardware_model: apple
          ? random.pick(['MacBookPro18,3', 'Mac14,7', 'Mac15,3'])
          : random.pick(['Latitude 7440', 'ThinkPad T14 Gen 4', 'EliteBook 840 G10']),
        hardware_serial: system.serialNumber,
        hardware_version: '1.0',
        uuid: `${random.hex(8)}-${random.hex(4)}-${random.hex(4)}-${random.hex(4)}-${random.hex(12)}`.toUpperCase(),
      },
    ]
  },
  alf: (system, random) => {
    if (system.osFamily !== 'darwin') return []
    return [
      {
        global_state: random.weighted([
          [0, 2],
          [1, 6],
          [2, 2],
        ]),
        stealth_enabled: random.chance(0.4) ? 1 : 0,
        logging_enabled: 1,
        logging_option: 0,
        allow_signed_enabled: 1,
        firewall_unload: 0,
        version: '1.6',
      },
    ]
  },
  windows_security_products: (system, random) => {
    if (system.osFamily !== 'windows') return []
    const rows: Record<string, unknown>[] = [
      {
        type: 'Firewall',
        name: 'Windows Firewall',
        state: random.chance(0.9) ? 'On' : 'Off',
        state_timestamp: '',
        signatures_up_to_date: 0,
        remediation_path: '%windir%\\system32\\Firewall.cpl',
      },
      {
        type: 'Antivirus',
        name: 'Windows Defender',
        state: 'On',
        state_timestamp: system.lastContact ?? '',
        signatures_up_to_date: random.chance(0.85) ? 1 : 0,
        remediation_path: 'windowsdefender://',
      },
    ]
    if (random.chance(0.4)) {
      rows.push({
        type: 'Antivirus',
        name: 'CrowdStrike Falcon Sensor',
        state: 'On',
        state_timestamp: system.lastContact ?? '',
        signatures_up_to_date: 1,
        remediation_path: '',
      })
    }
    return rows
  },
}

/** Builds one table for the given devices; agentless devices (phones, tablets) have no rows. */
export function generateInsightRows(
  table: InsightTable,
  systems: readonly JcSystem[],
  seed: number,
): InsightRow[] {
  const rows: InsightRow[] = []
  for (const system of systems) {
    if (system.systemInsights.state !== 'enabled' || !system.lastContact) continue
    const random = createRandom(deriveSeed(seed, `${table}:${system._id}`))
    const collected = system.lastContact
    for (const row of TABLES[table](system, random, collected)) {
      rows.push({ system_id: system._id, collection_time: collected, ...row })
    }
  }
  return rows
}
