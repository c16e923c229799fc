import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchBrowser, watchForProblems } from './browser'
import { type Stack, type StackOptions, startStack } from './stack'

export interface E2e {
  stack: Stack
  browser: Browser
  /** A fresh page (own context: no shared storage) that records what goes wrong in it. */
  newPage(options?: {
    bypassCsp?: boolean
    /** Default 1280×800; a phone is 390×844. */
    viewport?: { width: number; height: number }
    /** What `prefers-color-scheme` answers; default light. */
    colorScheme?: 'light' | 'dark'
  }): Promise<{ page: Page; problems: string[] }>
}

/** One demo stack and one browser for the test file, closed after it. */
export function useE2e(options: StackOptions = {}): E2e {
  const e2e = {} as E2e
  beforeAll(async () => {
    const [stack, browser] = await Promise.all([startStack(options), launchBrowser()])
    e2e.stack = stack
    e2e.browser = browser
    e2e.newPage = async (options = {}) => {
      const context = await browser.newContext({
        viewport: options.viewport ?? { width: 1280, height: 800 },
        colorScheme: options.colorScheme ?? 'light',
        // Only for injecting axe-core: the pages' CSP (rightly) refuses inline scripts.
        bypassCSP: options.bypassCsp ?? false,
      })
      const page = await context.newPage()
      return { page, problems: watchForProblems(page) }
    }
  })
  afterAll(async () => {
    await e2e.browser?.close()
    await e2e.stack?.close()
  })
  return e2e
}

/** Opens the host app's connections page. */
export async function openConnections(page: Page, hostUrl: string): Promise<void> {
  await page.goto(`${hostUrl}/connections`)
  await page.getByRole('heading', { name: 'Connections', exact: true }).waitFor()
}
