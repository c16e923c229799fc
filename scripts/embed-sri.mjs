// The script-tag loader's Subresource Integrity hash: builds the loader if stale, prints the
// hash, and with --write puts it in the files that pin it (the loader embeds the error catalog,
// so a new catalog code changes it; test/e2e/plain-html.test.ts fails until they match).
//
//   node scripts/embed-sri.mjs [--write]
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildWeb, root } from './build-web.mjs'

export const PINNED_IN = [
  'examples/plain-html/index.html',
  'examples/plain-html/README.md',
  'docs/deploying.md',
]

buildWeb({ quiet: true })
const loader = readFileSync(join(root, 'packages/widget/dist/loader/jumplink.js'))
const integrity = `sha384-${createHash('sha384').update(loader).digest('base64')}`
console.log(integrity)
if (process.argv.includes('--write')) {
  for (const file of PINNED_IN) {
    const path = join(root, file)
    const text = readFileSync(path, 'utf8')
    writeFileSync(path, text.replace(/sha384-[A-Za-z0-9+/]{64}/g, integrity))
  }
  console.log(`written to ${PINNED_IN.join(', ')}`)
}
