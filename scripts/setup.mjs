// Installs what the workspace needs, so that `npm test` and `npm run demo` work on a machine
// that has only Node and npm. Safe to run again: each step is quick when already done.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`JumpLink needs Node 20.19 or newer; this is Node ${process.versions.node}.`)
  process.exit(1)
}

// pnpm comes from corepack at the exact version (and hash) pinned in package.json's
// `packageManager`. Calling `corepack pnpm` directly needs no `corepack enable` and never prompts.
const env = { ...process.env, COREPACK_ENABLE_DOWNLOAD_PROMPT: '0' }
const frozen = existsSync(join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : []
try {
  execFileSync('corepack', ['pnpm', 'install', '--prefer-offline', ...frozen], {
    cwd: root,
    env,
    stdio: 'inherit',
  })
} catch {
  console.error('setup: `pnpm install` failed (see above).')
  process.exit(1)
}
