import { existsSync } from 'node:fs'
import { buildWeb } from '../../../scripts/build-web.mjs'
import { CHROMIUM_PATH } from './browser'

/**
 * `npm test` runs setup first, which builds the bundles and installs Chromium; this makes
 * `vitest --project e2e` alone work too (a rebuild only when the sources changed).
 */
export default function setup() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not at ${CHROMIUM_PATH}: run \`node scripts/setup.mjs --test\` (as root on Debian it installs it) or set CHROMIUM_PATH.`,
    )
  }
  buildWeb({ quiet: true })
}
