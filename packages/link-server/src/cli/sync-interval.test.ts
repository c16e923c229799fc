import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const ENTRY = resolve(import.meta.dirname, 'index.ts')
const dataDir = mkdtempSync(join(tmpdir(), 'jumplink-cli-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', ENTRY, ...args], {
    env: { PATH: process.env.PATH ?? '', LINK_MODE: 'development', LINK_DATA_DIR: dataDir },
    encoding: 'utf8',
  })
}

describe('jumplink-server host-apps set-sync-interval', () => {
  it('sets the interval list shows, and refuses less than a minute', { timeout: 60_000 }, () => {
    const created = cli('host-apps', 'create', '--name', 'Sync', '--origin', 'https://a.example')
    expect(created.status, created.stderr).toBe(0)
    const id = /Created host app (\S+)/.exec(created.stdout)?.[1] ?? ''
    expect(cli('host-apps', 'list').stdout).toContain('sync: every 900s')

    const tooShort = cli('host-apps', 'set-sync-interval', id, '--seconds', '59')
    expect(tooShort.status).toBe(1)
    expect(tooShort.stderr).toContain('--seconds must be a whole number from 60 to 86400')
    const set = cli('host-apps', 'set-sync-interval', id, '--seconds', '300')
    expect(set.status, set.stderr).toBe(0)
    expect(set.stdout).toContain(`Host app ${id}: each connection is synced every 300 seconds.`)
    expect(cli('host-apps', 'list').stdout).toContain('sync: every 300s')
    expect(cli('host-apps', 'set-sync-interval', 'app_nope', '--seconds', '300').stderr).toContain(
      'No host app app_nope',
    )
  })
})
