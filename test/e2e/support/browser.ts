import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'

/** Debian's Chromium (installed by `node scripts/setup.mjs --test`), as toolchain.md §5 says. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

const SCREENSHOTS = fileURLToPath(new URL('../../../test-results/screenshots/', import.meta.url))

/**
 * Screenshots of each step, kept as test artifacts: test-results/screenshots/<story>/<nn-step>.png.
 */
export function screenshots(page: Page, story: string) {
  const dir = `${SCREENSHOTS}${story}`
  mkdirSync(dir, { recursive: true })
  let count = 0
  return async (step: string) => {
    count += 1
    await page.screenshot({ path: `${dir}/${String(count).padStart(2, '0')}-${step}.png` })
  }
}

/**
 * Collects what the page reports as broken: uncaught errors, console errors (CSP violations
 * show up there) and failed requests to our own servers.
 */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`)
  })
  return problems
}
