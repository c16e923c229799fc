import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { createLinkServer } from './bootstrap'
import { loadConfig } from './env'
import { DEMO_SECRET_KEY } from './host-apps'

const here = dirname(fileURLToPath(import.meta.url))
const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'jumplink-'))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe('demo mode', () => {
  it('starts from LINK_MODE=demo alone on the embedded database and logs what it generated', async () => {
    const config = { ...loadConfig({ LINK_MODE: 'demo' }), dataDir: join(tempDir(), '.jumplink') }
    expect(config.mode).toBe('demo')
    expect(config.databaseUrl).toBeUndefined()
    const logs: string[] = []
    const server = await createLinkServer(config, {
      logDestination: { write: (l) => logs.push(l) },
    })
    try {
      // Demo mode logs for a person: one short line each, not JSON.
      expect(logs.every((l) => /^\d\d:\d\d:\d\d (INFO |WARN ) \S/.test(l))).toBe(true)
      const text = logs.join('')
      for (const message of [
        /generated a development master key/,
        /database ready/,
        /generated a signing key/,
        /demo host app ready.*secret_key_ends_with=….{4}\b/,
      ])
        expect(text).toMatch(message)
      expect(text).not.toContain(DEMO_SECRET_KEY)
      expect(text).not.toContain('[redacted]')
      expect(existsSync(join(config.dataDir, 'master-key.dev'))).toBe(true)
      // The documented development secret works on the host API.
      const res = await server.app.request('http://localhost/v1/link-sessions', {
        method: 'POST',
        headers: { authorization: `Bearer ${DEMO_SECRET_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ end_user: { id: 'demo-user' } }),
      })
      expect(res.status).toBe(201)
    } finally {
      await server.close()
    }
    // A second start reuses what the first generated, and takes the demo app's new settings.
    const again: string[] = []
    const second = await createLinkServer(
      { ...config, demoAppName: 'Clearview', demoOrigins: ['http://localhost:6000'] },
      { logDestination: { write: (l) => again.push(l) } },
    )
    try {
      expect(again.join('\n')).not.toMatch(/generated/)
      const session = await second.app.request('http://localhost/v1/link-sessions', {
        method: 'POST',
        headers: { authorization: `Bearer ${DEMO_SECRET_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ end_user: { id: 'demo-user' } }),
      })
      const { link_token } = (await session.json()) as { link_token: string }
      const info = await second.app.request('http://localhost/v1/link/session', {
        headers: { authorization: `Bearer ${link_token}`, origin: 'http://localhost:6000' },
      })
      expect(info.status).toBe(200)
      expect(info.headers.get('access-control-allow-origin')).toBe('http://localhost:6000')
      expect(((await info.json()) as { host_app: { name: string } }).host_app.name).toBe(
        'Clearview',
      )
    } finally {
      await second.close()
    }
    // Two starts of the embedded database (PGlite unpacks and opens itself each time).
  }, 60_000)

  it('runs as a process with only LINK_MODE=demo and prints its URL', async () => {
    const cwd = tempDir()
    const port = String(20000 + Math.floor(Math.random() * 20000))
    const tsx = join(here, '..', '..', '..', 'node_modules', '.bin', 'tsx')
    const child = spawn(tsx, ['--conditions=source', join(here, 'server.ts')], {
      cwd,
      // The mode and a port, so parallel runs do not collide; nothing else is configured.
      env: { PATH: process.env.PATH, LINK_MODE: 'demo', LINK_PORT: port },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`server did not start:\n${output}`)),
          30_000,
        )
        child.stdout.on('data', () => {
          if (output.includes('listening on')) {
            clearTimeout(timer)
            resolve()
          }
        })
        child.on('exit', () => reject(new Error(`server exited:\n${output}`)))
      })
      expect(output).toContain(`http://localhost:${port}`)
      expect(output).toMatch(/demo host app ready/)
      expect(existsSync(join(cwd, '.jumplink', 'db'))).toBe(true)
      const health = await fetch(`http://127.0.0.1:${port}/healthz`)
      expect(await health.json()).toEqual({ status: 'ok' })
    } finally {
      child.kill('SIGTERM')
    }
  }, 40_000)
})

describe('configuration', () => {
  it('refuses production without a master key, a database or a public URL, saying what to set', () => {
    expect(() => loadConfig({ LINK_MODE: 'production' })).toThrow(
      /LINK_MASTER_KEYS is required[\s\S]*LINK_PUBLIC_URL is required[\s\S]*DATABASE_URL is required/,
    )
  })

  it('has no default mode', () => {
    expect(() => loadConfig({})).toThrow(/LINK_MODE is required/)
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/LINK_MODE is required/)
  })

  it('reads the directory concurrency cap, defaulting to 10 and refusing 0', () => {
    expect(loadConfig({ LINK_MODE: 'test' }).directoryConcurrency).toBe(10)
    expect(
      loadConfig({ LINK_MODE: 'test', LINK_DIRECTORY_CONCURRENCY: '12' }).directoryConcurrency,
    ).toBe(12)
    expect(() => loadConfig({ LINK_MODE: 'test', LINK_DIRECTORY_CONCURRENCY: '0' })).toThrow(
      /LINK_DIRECTORY_CONCURRENCY must be a whole number between 1 and 64/,
    )
  })

  it('parses master keys and never echoes key material', () => {
    const key = randomBytes(32).toString('base64')
    const config = loadConfig({
      LINK_MODE: 'test',
      LINK_MASTER_KEYS: `a:${key},b:${randomBytes(32).toString('base64')}`,
      LINK_ACTIVE_MASTER_KEY: 'b',
      LINK_DIRECTORY_URL: 'http://127.0.0.1:4010/',
    })
    expect(config.masterKeys.map((k) => k.id)).toEqual(['a', 'b'])
    expect(config.activeMasterKeyId).toBe('b')
    expect(config.directoryUrl).toBe('http://127.0.0.1:4010')
    let message = ''
    try {
      loadConfig({ LINK_MASTER_KEYS: 'a:c2hvcnQ=', LINK_PORT: 'x', LINK_MODE: 'staging' })
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/LINK_MASTER_KEYS must be/)
    expect(message).toMatch(/LINK_PORT/)
    expect(message).toMatch(/LINK_MODE/)
    expect(message).not.toContain('c2hvcnQ=')
  })
})
