// Builds every public package to its dist/ (ESM and .d.ts, through each package's
// tsup.config.ts) after the browser bundles, when its sources changed since the last build.
// What `npm pack` ships and what the packed-install test installs. dist/ is not committed.
//
//   node scripts/build-packages.mjs [--force]
import { spawn } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { buildWeb, newestChange, root } from './build-web.mjs'

/** Each resolves the others' types from their src/, so all build at once after the Vite bundles. */
export const PACKAGES = [
  { dir: 'packages/shared', uses: [] },
  { dir: 'packages/client', uses: ['packages/shared/src'] },
  { dir: 'packages/widget', uses: ['packages/shared/src'] },
  { dir: 'packages/sandbox', uses: [] },
  {
    dir: 'packages/link-server',
    uses: ['packages/shared/src', 'packages/widget/dist/link', 'packages/widget/dist/loader'],
  },
]

function isStale(pkg) {
  const output = join(root, pkg.dir, 'dist', 'index.js')
  if (!existsSync(output)) return true
  const built = statSync(output).mtimeMs
  const sources = [
    join(pkg.dir, 'src'),
    join(pkg.dir, 'package.json'),
    join(pkg.dir, 'tsup.config.ts'),
    ...pkg.uses,
  ]
  return sources.some((source) => newestChange(join(root, source)) > built)
}

/** Builds what is missing or stale, in parallel; resolves to the package folders built. */
export async function buildPackages({ force = false, quiet = false } = {}) {
  buildWeb({ force, quiet })
  const stale = PACKAGES.filter((pkg) => force || isStale(pkg))
  if (!quiet && stale.length > 0) {
    console.log(`setup: building ${stale.map((pkg) => pkg.dir).join(', ')}…`)
  }
  await Promise.all(
    stale.map(
      (pkg) =>
        new Promise((resolve, reject) => {
          const child = spawn(join(root, 'node_modules', '.bin', 'tsup'), ['--silent'], {
            cwd: join(root, pkg.dir),
            stdio: quiet ? 'pipe' : 'inherit',
          })
          child.on('error', reject)
          child.on('exit', (code) =>
            code === 0 ? resolve() : reject(new Error(`building ${pkg.dir} failed`)),
          )
        }),
    ),
  )
  return stale.map((pkg) => pkg.dir)
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  await buildPackages({ force: process.argv.includes('--force') })
}
