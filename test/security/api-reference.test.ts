import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../e2e/support/browser'
import { createCaller, expectError } from './support/http'
import { type RunningLinkServer, startLinkServer } from './support/link-server'
import { createDatabase, type FreshDatabase } from './support/postgres'
import { createReviewTally } from './support/review'

/**
 * The outside review's finding 7 (issue 13): `/docs` loaded an unpinned script from a public CDN,
 * with no integrity check and no CSP, on the origin that handles API keys, and was blank offline.
 */
const tally = createReviewTally('api-reference')
let database: FreshDatabase
let link: RunningLinkServer
let browser: Browser

beforeAll(async () => {
  database = await createDatabase('docs')
  link = await startLinkServer({
    directoryUrl: 'http://127.0.0.1:9',
    env: { DATABASE_URL: database.url },
  })
  browser = await launchBrowser()
})
afterAll(async () => {
  tally.save()
  await browser?.close()
  await link?.close()
  await database?.drop()
})

describe('finding 7: the API reference page', () => {
  it('has a strict CSP and names no script but its own', async () => {
    await tally.attack(async () => {
      const reply = await createCaller(link.url)('GET', '/docs')
      expect(reply.status).toBe(200)
      const csp = reply.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("script-src 'self'")
      expect(csp).toContain("default-src 'none'")
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).not.toMatch(/unsafe-eval|https?:/)
      const sources = [...reply.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1])
      expect(sources.length).toBeGreaterThan(0)
      for (const source of sources) expect(source).toMatch(/^\/docs\/assets\//)
      expect(reply.text).not.toMatch(/<script>(?!<)/)
    })
  })

  it('renders in Chromium offline: every request stays on this server, no CSP violation', async () => {
    await tally.attack(async () => {
      const page = await browser.newPage()
      const elsewhere: string[] = []
      const violations: string[] = []
      await page.route('**/*', (route) => {
        const url = new URL(route.request().url())
        if (url.origin === new URL(link.url).origin) return route.continue()
        elsewhere.push(url.href)
        return route.abort()
      })
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text()))
          violations.push(message.text())
      })
      await page.goto(`${link.url}/docs`)
      await page.getByText('/v1/link-sessions').first().waitFor({ timeout: 20_000 })
      expect(await page.title()).toBe('JumpLink API')
      expect(elsewhere).toEqual([])
      expect(violations).toEqual([])
      await page.close()
    })
  })

  it('LINK_DOCS=false turns /docs off', async () => {
    const offDatabase = await createDatabase('docs_off')
    const off = await startLinkServer({
      directoryUrl: 'http://127.0.0.1:9',
      env: { DATABASE_URL: offDatabase.url, LINK_DOCS: 'false' },
    })
    try {
      await tally.attack(async () => {
        const call = createCaller(off.url)
        expectError(await call('GET', '/docs'), 'route_not_found')
        expectError(await call('GET', '/docs/assets/swagger-ui-bundle.js'), 'route_not_found')
        expect((await call('GET', '/openapi.json')).status).toBe(200)
      })
    } finally {
      await off.close()
      await offDatabase.drop()
    }
  })
})
