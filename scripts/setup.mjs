// Installs what the workspace needs, so that `npm test` and `npm run demo` work on a fresh
// Debian machine that has only Node and npm. Safe to run again: each step is quick when done.
//
//   node scripts/setup.mjs            dependencies and the browser bundles (what the demo needs)
//   node scripts/setup.mjs --test     also what the tests need (the built packages, which the
//                                     packed-install test packs; PostgreSQL, Chromium)
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { connect } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const forTests = process.argv.includes('--test')

function fail(message) {
  console.error(`\nsetup: ${message}`)
  process.exit(1)
}

function run(command, args, options = {}) {
  execFileSync(command, args, { cwd: root, stdio: 'inherit', ...options })
}

function commandExists(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

function checkNode() {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
  if (major < 20 || (major === 20 && minor < 19)) {
    fail(`JumpLink needs Node 20.19 or newer; this is Node ${process.versions.node}.`)
  }
}

// pnpm comes from corepack at the exact version (and hash) pinned in package.json's
// `packageManager`. Calling `corepack pnpm` needs no `corepack enable` and never prompts.
function installDependencies() {
  const frozen = existsSync(join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : []
  try {
    run('corepack', ['pnpm', 'install', '--prefer-offline', ...frozen], {
      env: { ...process.env, COREPACK_ENABLE_DOWNLOAD_PROMPT: '0' },
    })
  } catch {
    fail('`pnpm install` failed (see above).')
  }
}

function isListening(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = connect({ port, host })
    socket.setTimeout(1000)
    socket.once('connect', () => resolve(true) || socket.destroy())
    socket.once('error', () => resolve(false))
    socket.once('timeout', () => resolve(false) || socket.destroy())
  })
}

async function waitForPort(port, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await isListening(port)) return true
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return false
}

/**
 * The PostgreSQL store is tested against a real server at 127.0.0.1:5432 (user postgres,
 * database test). CI machines run one; on a fresh machine, install and start Debian's.
 */
async function ensurePostgres() {
  if (await isListening(5432)) return
  const isRoot = process.getuid?.() === 0
  if (!isRoot || !commandExists('apt-get')) {
    fail(
      'PostgreSQL is not running at 127.0.0.1:5432, and the tests of the PostgreSQL store need it.\n' +
        'Start it (user postgres, database test), or run this as root on Debian to have it installed.',
    )
  }
  console.log('setup: PostgreSQL is not running; installing and starting it from Debian packages…')
  if (!commandExists('pg_ctlcluster')) {
    run('apt-get', ['update', '-qq'])
    run('apt-get', ['install', '-y', '-qq', 'postgresql'])
  }
  const version = readdirSync('/etc/postgresql').sort().at(-1)
  if (!version) fail('PostgreSQL is installed but has no cluster in /etc/postgresql.')
  run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'])
  if (!(await waitForPort(5432, 20))) fail('PostgreSQL did not start listening on 127.0.0.1:5432.')
  // A password makes TCP logins work under Debian's default scram auth (and is ignored under trust).
  const psql = (sql) => run('runuser', ['-u', 'postgres', '--', 'psql', '-qc', sql], { cwd: '/' })
  psql("ALTER ROLE postgres PASSWORD 'postgres'")
  try {
    psql('CREATE DATABASE test')
  } catch {
    // already there
  }
}

/**
 * The browser tests drive Debian's Chromium through playwright-core (no downloaded browser).
 * CHROMIUM_PATH points elsewhere if needed; as root on Debian it is installed when missing.
 */
function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (existsSync(path)) return
  const isRoot = process.getuid?.() === 0
  if (!isRoot || !commandExists('apt-get')) {
    fail(
      `Chromium is not at ${path}, and the browser tests need it.\n` +
        'Install it (Debian: apt-get install chromium), set CHROMIUM_PATH, or run this as root on Debian.',
    )
  }
  console.log('setup: Chromium is missing; installing it from Debian packages…')
  run('apt-get', ['update', '-qq'])
  run('apt-get', ['install', '-y', '-qq', 'chromium'], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
  if (!existsSync(path)) fail(`Chromium was installed but is not at ${path}.`)
}

checkNode()
installDependencies()
// After the install: the bundles are built with the workspace's own Vite (and tsup).
const { buildWeb } = await import('./build-web.mjs')
const { buildPackages } = await import('./build-packages.mjs')
try {
  if (forTests) await buildPackages()
  else buildWeb()
} catch {
  fail('building the browser bundles or the packages failed (see above).')
}
if (forTests) {
  await ensurePostgres()
  ensureChromium()
}
