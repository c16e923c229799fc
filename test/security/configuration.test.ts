import { randomBytes } from 'node:crypto'
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  ConfigError,
  createHostApp,
  createLinkServer,
  DEMO_HOST_APP_ID,
  DEMO_SECRET_KEY,
  ensureDemoHostApp,
  type LinkServer,
  loadConfig,
  revokeDemoHostApp,
} from '@jumplink/link-server'
import { afterAll, describe, expect, it } from 'vitest'
import { newMasterKeys } from './support/link-server'
import { createDatabase, type FreshDatabase } from './support/postgres'
import { createReviewTally } from './support/review'

/**
 * The outside review's configuration findings (issue 13: 1, 4, 6, 8): a server that fell into demo
 * mode, a demo secret that survived into production, weak production settings, demo origins
 * unchecked on restart, and the embedded database's files readable by others.
 */
const tally = createReviewTally('configuration')
const cleanups: (() => Promise<unknown>)[] = []
afterAll(async () => {
  tally.save()
  for (const cleanup of cleanups.reverse()) await cleanup()
})

async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), 'jumplink-config-'))
  cleanups.push(() => rm(dir, { recursive: true, force: true }))
  return dir
}

async function database(label: string): Promise<FreshDatabase> {
  const db = await createDatabase(label)
  cleanups.push(() => db.drop())
  return db
}

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as ConfigError).message
  }
  return 'accepted'
}

async function hostCall(server: LinkServer, secret: string) {
  const reply = await server.app.request('http://127.0.0.1/v1/link-sessions', {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ end_user: { id: 'u1' } }),
  })
  return { status: reply.status, body: (await reply.json()) as { error?: { code: string } } }
}

describe('finding 1: demo mode is never a default, and its secret never reaches production', () => {
  it('production settings without LINK_MODE do not start (they started in demo mode)', async () => {
    await tally.attack(() => {
      const message = problemsOf({
        LINK_MASTER_KEYS: newMasterKeys(),
        DATABASE_URL: 'postgres://db.internal.example:5432/jumplink',
        LINK_PUBLIC_URL: 'https://link.example.com',
      })
      expect(message).toMatch(/LINK_MODE is required/)
    })
  })

  it('demo mode refuses a public URL or a database not on this machine', async () => {
    await tally.attack(() => {
      expect(
        problemsOf({ LINK_MODE: 'demo', LINK_PUBLIC_URL: 'https://link.example.com' }),
      ).toMatch(/LINK_MODE=demo serves a public secret: LINK_PUBLIC_URL/)
      expect(
        problemsOf({
          LINK_MODE: 'demo',
          DATABASE_URL: 'postgres://app:pw@db.internal.example:5432/jumplink',
        }),
      ).toMatch(/LINK_MODE=demo serves a public secret: DATABASE_URL/)
      // On this machine it is a demo, as `npm run demo` runs it.
      expect(
        loadConfig({
          LINK_MODE: 'demo',
          DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/demo',
          LINK_PUBLIC_URL: 'http://localhost:3100',
        }).mode,
      ).toBe('demo')
    })
  })

  it('production refuses a database that holds the demo host app, until it is revoked', async () => {
    const db = await database('demo_to_prod')
    const masterKeys = newMasterKeys()
    const common = { DATABASE_URL: db.url, LINK_MASTER_KEYS: masterKeys, LINK_LOG_LEVEL: 'silent' }
    const demo = await createLinkServer(
      loadConfig({ ...common, LINK_MODE: 'demo', LINK_DATA_DIR: await tempDir() }),
    )
    expect((await hostCall(demo, DEMO_SECRET_KEY)).status).toBe(201)
    await demo.close()

    await tally.attack(async () => {
      const production = loadConfig({
        ...common,
        LINK_MODE: 'production',
        LINK_PUBLIC_URL: 'https://link.example.com',
      })
      await expect(createLinkServer(production)).rejects.toThrow(
        /demo host app \(app_demo\)[\s\S]*host-apps revoke-demo/,
      )
      // The operator revokes it (the CLI's `host-apps revoke-demo`): production starts, and the
      // published secret is refused.
      const revoker = await createLinkServer(loadConfig({ ...common, LINK_MODE: 'test' }))
      expect((await revokeDemoHostApp(revoker.store)).found).toBe(true)
      await revoker.close()
      const server = await createLinkServer(production)
      try {
        const reply = await hostCall(server, DEMO_SECRET_KEY)
        expect(reply.status).toBe(401)
        expect(reply.body.error?.code).toBe('invalid_secret_key')
      } finally {
        await server.close()
      }
    })
  })
})

describe('finding 4: the embedded database is private to its user, whatever the umask', () => {
  it('creates the data folder 0700 and every file 0600 with umask 000', async () => {
    const dataDir = join(await tempDir(), 'data')
    const previous = process.umask(0)
    let server: LinkServer | undefined
    try {
      server = await createLinkServer(
        loadConfig({ LINK_MODE: 'development', LINK_DATA_DIR: dataDir }),
      )
    } finally {
      process.umask(previous)
    }
    await server.close()
    await tally.attack(async () => {
      const loose: string[] = []
      let files = 0
      const walk = async (dir: string) => {
        const mode = (await stat(dir)).mode & 0o777
        if (mode !== 0o700) loose.push(`${dir} ${mode.toString(8)}`)
        for (const entry of await readdir(dir, { withFileTypes: true })) {
          const path = join(dir, entry.name)
          if (entry.isDirectory()) await walk(path)
          else if (entry.isFile()) {
            files++
            const fileMode = (await stat(path)).mode & 0o777
            if (fileMode !== 0o600) loose.push(`${path} ${fileMode.toString(8)}`)
          }
        }
      }
      await walk(dataDir)
      expect(files).toBeGreaterThan(10)
      expect(loose).toEqual([])
    })
  })
})

describe('finding 6: the demo host app’s origins are checked on every start', () => {
  it('refuses null and wildcards when the demo app already exists', async () => {
    const db = await database('demo_origins')
    const server = await createLinkServer(
      loadConfig({
        LINK_MODE: 'demo',
        DATABASE_URL: db.url,
        LINK_MASTER_KEYS: newMasterKeys(),
        LINK_LOG_LEVEL: 'silent',
        LINK_DATA_DIR: await tempDir(),
      }),
    )
    try {
      await tally.attack(async () => {
        for (const origins of ['null', '*', 'https://*.example.com', 'http://evil.example']) {
          expect(problemsOf({ LINK_MODE: 'demo', LINK_DEMO_ORIGINS: origins })).toMatch(
            /LINK_DEMO_ORIGINS must be/,
          )
          await expect(
            ensureDemoHostApp(server.store, { name: 'Demo', allowedOrigins: [origins] }),
          ).rejects.toThrow()
        }
        const stored = await server.store.hostApps.get(DEMO_HOST_APP_ID)
        expect(stored?.allowedOrigins).toEqual(['http://localhost:5173', 'http://127.0.0.1:5173'])
        // And the link API does not take `Origin: null` from it.
        const { status } = await hostCall(server, DEMO_SECRET_KEY)
        expect(status).toBe(201)
        expect(await server.store.hostApps.isOriginAllowedAnywhere('null')).toBe(false)
      })
    } finally {
      await server.close()
    }
  })
})

describe('finding 8: weak production settings are refused', () => {
  const production = {
    LINK_MODE: 'production',
    DATABASE_URL: 'postgres://db.internal.example:5432/jumplink',
    LINK_PUBLIC_URL: 'https://link.example.com',
  }

  it('refuses an all-zero or repeated-byte master key', async () => {
    await tally.attack(() => {
      for (const byte of [0, 0x41]) {
        const message = problemsOf({
          ...production,
          LINK_MASTER_KEYS: `k1:${Buffer.alloc(32, byte).toString('base64')}`,
        })
        expect(message).toMatch(/LINK_MASTER_KEYS must be[\s\S]*not random/)
        expect(message).not.toContain(Buffer.alloc(32, byte).toString('base64'))
      }
    })
  })

  it('refuses base64 with characters that a lenient decoder skips', async () => {
    await tally.attack(() => {
      const key = randomBytes(32).toString('base64')
      for (const mangled of [
        `${key.slice(0, 10)}!!${key.slice(10)}`,
        `${key.slice(0, 10)}\n${key.slice(10)}`,
        key.slice(0, -2),
      ]) {
        expect(problemsOf({ ...production, LINK_MASTER_KEYS: `k1:${mangled}` })).toMatch(
          /LINK_MASTER_KEYS must be/,
        )
      }
      expect(loadConfig({ ...production, LINK_MASTER_KEYS: `k1:${key}` }).masterKeys).toHaveLength(
        1,
      )
    })
  })

  it('refuses production without LINK_PUBLIC_URL, or with http off this machine', async () => {
    await tally.attack(() => {
      const { LINK_PUBLIC_URL: _, ...withoutUrl } = production
      expect(problemsOf({ ...withoutUrl, LINK_MASTER_KEYS: newMasterKeys() })).toMatch(
        /LINK_PUBLIC_URL is required in production/,
      )
      expect(
        problemsOf({
          ...production,
          LINK_MASTER_KEYS: newMasterKeys(),
          LINK_PUBLIC_URL: 'http://link.example.com',
        }),
      ).toMatch(/LINK_PUBLIC_URL must be https/)
    })
  })

  it('refuses http host-app origins off this machine', async () => {
    const db = await database('origins')
    const server = await createLinkServer(
      loadConfig({ LINK_MODE: 'test', DATABASE_URL: db.url, LINK_MASTER_KEYS: newMasterKeys() }),
    )
    try {
      await tally.attack(async () => {
        await expect(
          createHostApp(server.store, {
            name: 'Plain',
            allowedOrigins: ['http://app.example.com'],
          }),
        ).rejects.toThrow(/must be https/)
        const { hostApp } = await createHostApp(server.store, {
          name: 'Local',
          allowedOrigins: ['https://app.example.com', 'http://localhost:5173'],
        })
        expect(hostApp.allowedOrigins).toEqual(['https://app.example.com', 'http://localhost:5173'])
      })
    } finally {
      await server.close()
    }
  })
})
