// Builds the browser bundles the demo and the browser tests serve, when their sources
// changed since the last build (a fresh clone has none; dist/ is not committed):
//   packages/widget/dist/link       the hosted widget page, served by the link server at /link
//   packages/widget/dist/loader     the script-tag loader, served at /embed/v<version>/jumplink.js
//   examples/host-app/dist/web      the demo host app's front, served by its server
//
//   node scripts/build-web.mjs [--force]
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..')

export const BUNDLES = [
  {
    name: 'hosted widget page',
    config: 'packages/widget/vite.config.ts',
    output: 'packages/widget/dist/link/index.html',
    sources: ['packages/widget/src', 'packages/shared/src', 'packages/widget/vite.config.ts'],
  },
  {
    name: 'script-tag loader',
    config: 'packages/widget/vite.loader.config.ts',
    output: 'packages/widget/dist/loader/jumplink.js',
    sources: [
      'packages/widget/src/embed',
      'packages/widget/src/copy',
      'packages/widget/src/types.ts',
      'packages/shared/src',
      'packages/widget/vite.loader.config.ts',
    ],
  },
  {
    name: 'demo host app front',
    config: 'examples/host-app/vite.config.ts',
    output: 'examples/host-app/dist/web/index.html',
    sources: [
      'examples/host-app/src/web',
      'examples/host-app/src/shared',
      'examples/host-app/vite.config.ts',
      'packages/widget/src',
      'packages/shared/src',
    ],
  },
]

export function newestChange(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || /\.test\.tsx?$/.test(entry)) continue
    newest = Math.max(newest, newestChange(join(path, entry)))
  }
  return newest
}

export function isStale(bundle) {
  const output = join(root, bundle.output)
  if (!existsSync(output)) return true
  const built = statSync(output).mtimeMs
  return bundle.sources.some((source) => newestChange(join(root, source)) > built)
}

/** Builds what is missing or stale; returns the names built. */
export function buildWeb({ force = false, quiet = false } = {}) {
  const built = []
  for (const bundle of BUNDLES) {
    if (!force && !isStale(bundle)) continue
    if (!quiet) console.log(`setup: building the ${bundle.name}…`)
    execFileSync(
      join(root, 'node_modules', '.bin', 'vite'),
      ['build', '--config', join(root, bundle.config), '--logLevel', 'warn'],
      { cwd: root, stdio: quiet ? 'pipe' : 'inherit' },
    )
    built.push(bundle.name)
  }
  return built
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildWeb({ force: process.argv.includes('--force') })
}
