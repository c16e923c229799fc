import { InstalledAppSchema } from '@jumplink/shared'
import { describe, expect, it } from 'vitest'
import { insights } from '../fixtures'
import {
  installedAppDeviceId,
  installedAppId,
  mapInstalledApp,
  mapInstalledApps,
} from './installed-app'

const mac = insights['65b2a9e1c4d3f20011aa7788'] ?? {}
const windows = insights['65b2a9e1c4d3f20011aa7789'] ?? {}
const linux = insights['65b2a9e1c4d3f20011aa778a'] ?? {}

describe('mapInstalledApp', () => {
  it('maps every field of a macOS app, converting the epoch float', () => {
    const apps = mapInstalledApps(mac.apps ?? [], 'apps')
    for (const app of apps) expect(InstalledAppSchema.parse(app)).toEqual(app)
    const [slack, helper] = apps
    expect(slack).toEqual({
      id: installedAppId(
        '65b2a9e1c4d3f20011aa7788',
        'apps',
        'com.tinyspeck.slackmacgap',
        '4.41.105',
      ),
      device: { id: '65b2a9e1c4d3f20011aa7788' },
      name: 'Slack',
      version: '4.41.105',
      publisher: null,
      app_id: 'com.tinyspeck.slackmacgap',
      app_id_type: 'bundle_id',
      platform: 'macos',
      install_path: '/Applications/Slack.app',
      installed_date: null,
      last_opened_at: '2025-02-01T07:30:00.550Z',
      collected_at: '2025-02-01T08:10:11.123Z',
      source_table: 'apps',
    })
    // No display or bundle name: the file name without ".app"; -1 means never opened.
    expect(helper).toMatchObject({
      name: 'Xcode Helper',
      version: '1.0',
      app_id: null,
      app_id_type: null,
      last_opened_at: null,
    })
  })

  it('maps Windows programs with "YYYYMMDD" and blank install dates', () => {
    const [chrome, vpn, legacy] = mapInstalledApps(windows.programs ?? [], 'programs')
    expect(chrome).toMatchObject({
      name: 'Google Chrome',
      version: '132.0.6834.111',
      publisher: 'Google LLC',
      app_id: '{5A1C0D3E-1111-4000-8000-00000000C001}',
      app_id_type: 'product_code',
      platform: 'windows',
      install_path: 'C:\\Program Files\\Google\\Chrome\\Application',
      installed_date: '2025-01-15',
      last_opened_at: null,
      source_table: 'programs',
    })
    expect(vpn).toMatchObject({
      version: null,
      publisher: null,
      app_id: null,
      installed_date: null,
      install_path: null,
    })
    // An impossible date is dropped, not passed through.
    expect(legacy?.installed_date).toBeNull()
    for (const app of [chrome, vpn, legacy]) expect(InstalledAppSchema.parse(app)).toEqual(app)
  })

  it('maps Linux packages', () => {
    const [openssl] = mapInstalledApps(linux.linux_packages ?? [], 'linux_packages')
    expect(InstalledAppSchema.parse(openssl)).toEqual(openssl)
    expect(openssl).toMatchObject({
      name: 'openssl',
      app_id: 'openssl',
      app_id_type: 'package',
      platform: 'linux',
      publisher: 'Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>',
      installed_date: '2023-12-24',
    })
  })

  it('gives stable, distinct ids that carry the device id', () => {
    const row = mac.apps?.[0] ?? {}
    const a = mapInstalledApp(row, 'apps')
    expect(mapInstalledApp({ ...row }, 'apps').id).toBe(a.id)
    expect(mapInstalledApp({ ...row, bundle_short_version: '4.42.0' }, 'apps').id).not.toBe(a.id)
    expect(mapInstalledApp({ ...row, system_id: '65b2a9e1c4d3f20011aa0000' }, 'apps').id).not.toBe(
      a.id,
    )
    expect(a.id).toMatch(/^app_65b2a9e1c4d3f20011aa7788_[0-9a-f]{20}$/)
    expect(installedAppDeviceId(a.id)).toBe('65b2a9e1c4d3f20011aa7788')
    expect(installedAppDeviceId('nope')).toBeNull()
  })

  it('skips rows with no name and no id, and dedupes repeats', () => {
    const row = mac.apps?.[0] ?? {}
    const apps = mapInstalledApps(
      [row, row, { system_id: 'x', collection_time: '2025-01-01T00:00:00Z', name: '' }],
      'apps',
    )
    expect(apps).toHaveLength(1)
    expect(() => mapInstalledApp({ system_id: 'x' }, 'apps')).toThrow(/name/)
  })
})
