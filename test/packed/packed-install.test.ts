// The packages as a host installs them: every public package packed (as `pnpm publish` would),
// installed with plain npm in a temporary folder outside the workspace, and used from there.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type RunningSandbox, SCENARIO_KEYS, startSandbox } from '@jumplink/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPackages, PACKAGES } from '../../scripts/build-packages.mjs'
import { READ_USERS_SCRIPT, VITE_APP } from './host-files'
import {
  createDatabase,
  freePort,
  masterKey,
  type Process,
  run,
  startUntilHealthy,
} from './support'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const BIN = join(ROOT, 'node_modules', '.bin')

/** Versions the host picks for itself, the same as the workspace's. */
const HOST_DEPENDENCIES = {
  react: '19.3.1',
  'react-dom': '19.3.1',
  vite: '8.3.8',
  '@vitejs/plugin-react': '6.3.0',
}

let work: string
let tarballs: Record<string, string>
let sandbox: RunningSandbox
let database: Awaited<ReturnType<typeof createDatabase>>
let server: Process | undefined
let serverUrl: string
let secretKey: string

function manifest(dependencies: Record<string, string>) {
  // The link server depends on @jumplink/shared by version: `overrides` points npm at our tarball.
  return JSON.stringify({
    private: true,
    type: 'module',
    dependencies,
    overrides: { '@jumplink/shared': '$@jumplink/shared' },
  })
}

async function npmInstall(dir: string, args: string[] = []) {
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...args], {
    cwd: dir,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  })
}

/** `npx jumplink-server …` in the server folder, as an operator runs it. */
function jumplinkServer(args: string[], env: Record<string, string> = {}) {
  return run('npx', ['--no-install', 'jumplink-server', ...args], {
    cwd: join(work, 'server'),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  })
}

beforeAll(async () => {
  await buildPackages({ quiet: true })
  work = await mkdtemp(join(tmpdir(), 'jumplink-packed-'))
  await mkdir(join(work, 'tarballs'))
  tarballs = {}
  for (const pkg of PACKAGES) {
    const { stdout } = await run(
      'corepack',
      ['pnpm', 'pack', '--pack-destination', join(work, 'tarballs')],
      { cwd: join(ROOT, pkg.dir), env: { ...process.env, COREPACK_ENABLE_DOWNLOAD_PROMPT: '0' } },
    )
    const file = stdout.trim().split('\n').at(-1) ?? ''
    const name = JSON.parse(await readFile(join(ROOT, pkg.dir, 'package.json'), 'utf8')).name
    tarballs[name] = `file:${file}`
  }
  await mkdir(join(work, 'server'))
  await mkdir(join(work, 'app', 'src'), { recursive: true })
  await writeFile(
    join(work, 'server', 'package.json'),
    manifest({
      '@jumplink/link-server': tarballs['@jumplink/link-server'] ?? '',
      '@jumplink/shared': tarballs['@jumplink/shared'] ?? '',
    }),
  )
  await writeFile(
    join(work, 'app', 'package.json'),
    manifest({
      '@jumplink/client': tarballs['@jumplink/client'] ?? '',
      '@jumplink/widget': tarballs['@jumplink/widget'] ?? '',
      '@jumplink/shared': tarballs['@jumplink/shared'] ?? '',
      ...HOST_DEPENDENCIES,
    }),
  )
  await writeFile(join(work, 'app', 'read-users.mjs'), READ_USERS_SCRIPT)
  for (const [name, text] of Object.entries(VITE_APP)) {
    await writeFile(join(work, 'app', name), text)
  }
  await Promise.all([
    npmInstall(join(work, 'server'), ['--omit=dev']),
    npmInstall(join(work, 'app')),
  ])
  sandbox = await startSandbox({
    port: 0,
    sizes: { single: { users: 40, devices: 10, eventDays: 2 } },
  })
  database = await createDatabase()
})

afterAll(async () => {
  await server?.stop()
  await sandbox?.close()
  await database?.drop()
  if (work) await rm(work, { recursive: true, force: true })
})

describe('the packed tarballs', () => {
  it('hold no workspace: range and pass publint and arethetypeswrong (ESM only)', async () => {
    const files = await readdir(join(work, 'tarballs'))
    expect(files).toHaveLength(PACKAGES.length)
    for (const file of files) {
      const tarball = join(work, 'tarballs', file)
      const packageJson = execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], {
        encoding: 'utf8',
      })
      expect(packageJson, file).not.toContain('workspace:')
      expect(JSON.parse(packageJson).private, file).toBeUndefined()
      const lint = await run(join(BIN, 'publint'), ['run', tarball, '--strict'])
      expect(lint.stdout, file).toContain('All good!')
      // Exits non-zero on any problem; CommonJS `require` resolution is out of scope (ESM only).
      await run(join(BIN, 'attw'), [tarball, '--profile', 'esm-only', '--format', 'ascii'])
    }
  })
})

describe('jumplink-server, installed without dev dependencies', () => {
  it('has no dev dependency installed (no tsx, typescript, vitest)', () => {
    for (const name of ['tsx', 'typescript', 'vitest', '@jumplink/sandbox']) {
      expect(existsSync(join(work, 'server', 'node_modules', name)), name).toBe(false)
    }
  })

  it('help and --help print the commands and exit 0', async () => {
    for (const args of [['help'], ['--help']]) {
      const { stdout } = await jumplinkServer(args)
      expect(stdout).toContain('Usage: jumplink-server <command>')
      expect(stdout).toMatch(/start \[--no-migrate\]/)
    }
  })

  it('an unknown command exits 1 with the usage', async () => {
    await expect(jumplinkServer(['frobnicate'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Unknown command: frobnicate'),
    })
  })

  it('migrate says which database it uses and what it applied, then nothing the second time', async () => {
    const env = { DATABASE_URL: database.url, LINK_MODE: 'production' }
    const first = await jumplinkServer(['migrate'], productionEnv(env))
    const name = new URL(database.url).pathname
    expect(first.stdout).toContain(`database PostgreSQL postgres@127.0.0.1:5432${name}`)
    expect(first.stdout).not.toContain(':postgres@')
    expect(first.stdout).toMatch(/Applied \d+ migration\(s\): 0001_initial/)
    const second = await jumplinkServer(['migrate'], productionEnv(env))
    expect(second.stdout).toContain('The schema is already up to date.')
  })

  it('host-apps create prints the secret key once', async () => {
    const { stdout } = await jumplinkServer(
      ['host-apps', 'create', '--name', 'Packed', '--origin', 'https://app.example'],
      productionEnv({}),
    )
    expect(stdout).toContain('database PostgreSQL')
    secretKey = /Secret key \(shown once, store it now\): (\S+)/.exec(stdout)?.[1] ?? ''
    expect(secretKey).not.toBe('')
  })

  it('`npx jumplink-server start` serves /healthz on PostgreSQL, from built JavaScript', async () => {
    const port = await freePort()
    serverUrl = `http://127.0.0.1:${port}`
    server = await startUntilHealthy('npx', ['--no-install', 'jumplink-server', 'start'], {
      cwd: join(work, 'server'),
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...productionEnv({ port }) },
      healthUrl: `${serverUrl}/healthz`,
    })
    expect(server.output()).toContain('database PostgreSQL')
    const page = await fetch(`${serverUrl}/link`)
    expect(page.status, 'the hosted page ships built inside the package').toBe(200)
    const loader = await fetch(`${serverUrl}/embed.js`, { redirect: 'follow' })
    expect(loader.status).toBe(200)
    expect(await loader.text()).toContain('JumpLink')
  })
})

describe('the production bundle the Dockerfile copies (`pnpm deploy --prod`)', () => {
  it('starts as a non-root user and serves /healthz on PostgreSQL', async () => {
    const bundle = join(work, 'deploy')
    await run(
      'corepack',
      ['pnpm', '--filter', '@jumplink/link-server', 'deploy', '--prod', '--legacy', bundle],
      { cwd: ROOT, env: { ...process.env, COREPACK_ENABLE_DOWNLOAD_PROMPT: '0' } },
    )
    for (const name of ['tsx', 'typescript', 'vitest', '@jumplink/sandbox']) {
      expect(existsSync(join(bundle, 'node_modules', name)), name).toBe(false)
    }
    // As the image's `node` user would: here `nobody` when the test runs as root.
    const asRoot = process.getuid?.() === 0
    if (asRoot) await chmod(work, 0o755)
    const port = await freePort()
    const started = await startUntilHealthy(process.execPath, ['dist/cli.js', 'start'], {
      cwd: bundle,
      env: { PATH: process.env.PATH, HOME: tmpdir(), ...productionEnv({ port }) },
      healthUrl: `http://127.0.0.1:${port}/healthz`,
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    })
    try {
      expect(started.output()).toContain('database PostgreSQL')
      const status = await readFile(`/proc/${started.pid}/status`, 'utf8')
      const uid = /^Uid:\s+(\d+)/m.exec(status)?.[1]
      expect(uid).not.toBe('0')
    } finally {
      await started.stop()
    }
  })
})

describe('a host project using the installed packages', () => {
  it('a Node ESM script reads users through @jumplink/client', async () => {
    expect(serverUrl, 'the server test ran first').toBeDefined()
    const { stdout } = await run('node', ['read-users.mjs'], {
      cwd: join(work, 'app'),
      env: {
        PATH: process.env.PATH,
        SERVER_URL: serverUrl,
        SECRET_KEY: secretKey,
        API_KEY: SCENARIO_KEYS.single,
      },
    })
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}')
    expect(result.organization).toBe('Acme Corp')
    expect(result.users).toBe(40)
  })

  it('a Vite React app that imports @jumplink/widget builds', async () => {
    await run(join(work, 'app', 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
      cwd: join(work, 'app'),
    })
    const assets = await readdir(join(work, 'app', 'dist', 'assets'))
    // The entry chunk and, beside it, the language catalogs the widget loads on demand.
    const scripts = assets.filter((name) => name.endsWith('.js'))
    expect(scripts.length, 'JavaScript chunks').toBeGreaterThan(1)
    const chunks = await Promise.all(
      scripts.map((name) => readFile(join(work, 'app', 'dist', 'assets', name), 'utf8')),
    )
    // The widget's own code is in the bundle: the link API path it calls.
    expect(chunks.filter((chunk) => chunk.includes('/v1/link/organizations'))).toHaveLength(1)
  })
})

function productionEnv(options: { port?: number; DATABASE_URL?: string; LINK_MODE?: string }) {
  const port = options.port ?? 9
  return {
    LINK_MODE: 'production',
    DATABASE_URL: database.url,
    LINK_MASTER_KEYS: MASTER_KEYS,
    LINK_PUBLIC_URL: `http://127.0.0.1:${port}`,
    LINK_PORT: String(port),
    LINK_HOST: '127.0.0.1',
    LINK_DIRECTORY_URL: sandbox.url,
    LINK_LOG_LEVEL: 'info',
  }
}

const MASTER_KEYS = masterKey()
