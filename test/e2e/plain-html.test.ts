// The script-tag embed as a host without a bundler uses it: examples/plain-html's page loads
// the link server's versioned loader with its `integrity` hash (Chromium checks it) and connects.
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLinkServer, DEMO_SECRET_KEY, loadConfig } from '@jumplink/link-server'
import { type RunningSandbox, SCENARIO_KEYS, startSandbox } from '@jumplink/sandbox'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createBackend } from '../../examples/plain-html/backend.mjs'
import { launchBrowser, screenshots, watchForProblems } from './support/browser'
import { type Listener, listen } from './support/listen'
import { expectStep, finish, frameWidget, reachKeyForm, submitKey } from './support/widget'

let sandbox: RunningSandbox
let browser: Browser
let link: Listener
let host: Listener
let dataDir: string
let closeServer: () => Promise<void>

beforeAll(async () => {
  ;[sandbox, browser, link, host] = await Promise.all([
    startSandbox({ port: 0, sizes: { single: { users: 20, devices: 10, eventDays: 2 } } }),
    launchBrowser(),
    listen(),
    listen(),
  ])
  dataDir = await mkdtemp(join(tmpdir(), 'jumplink-plain-html-'))
  const server = await createLinkServer(
    loadConfig({
      LINK_MODE: 'demo',
      LINK_PUBLIC_URL: link.url,
      LINK_DATA_DIR: dataDir,
      LINK_DIRECTORY_URL: sandbox.url,
      LINK_DEMO_ORIGINS: host.url,
      LINK_LOG_LEVEL: 'error',
    }),
  )
  closeServer = server.close
  link.handle(server.app.fetch)
  host.handle(createBackend({ linkServerUrl: link.url, secretKey: DEMO_SECRET_KEY }))
})

afterAll(async () => {
  await browser?.close()
  await Promise.all([link?.close(), host?.close(), sandbox?.close()])
  await closeServer?.()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

it('loads the pinned loader (SRI checked) and connects with JumpLink.open', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  const problems = watchForProblems(page)
  const shot = screenshots(page, 'plain-html')
  const loaderResponses: { url: string; status: number; cache: string | null }[] = []
  page.on('response', (response) => {
    if (response.url().includes('/embed/')) {
      loaderResponses.push({
        url: response.url(),
        status: response.status(),
        cache: response.headers()['cache-control'] ?? null,
      })
    }
  })

  await page.goto(host.url)
  // A wrong integrity hash leaves `JumpLink` undefined and logs the refusal.
  expect(await page.evaluate(() => typeof (globalThis as { JumpLink?: unknown }).JumpLink)).toBe(
    'object',
  )
  expect(loaderResponses).toEqual([
    {
      url: `${link.url}/embed/v0.1.0/jumplink.js`,
      status: 200,
      cache: 'public, max-age=31536000, immutable',
    },
  ])

  await page.getByRole('button', { name: 'Connect your directory' }).click()
  const frame = page.locator('iframe[data-jumplink-frame]')
  expect(new URL((await frame.getAttribute('src')) ?? '').origin).toBe(link.url)
  const widget = frameWidget(page)
  await reachKeyForm(widget)
  await shot('key-form')
  await submitKey(widget, SCENARIO_KEYS.single)
  await expectStep(widget, 'Connected')
  await finish(widget)
  await expect.poll(() => page.getByRole('status').textContent()).toBe('Connected: Acme Corp')
  await shot('connected')
  expect(problems).toEqual([])
  await context.close()
})

it('a page whose integrity hash does not match gets no JumpLink (the browser refuses the script)', async () => {
  const context = await browser.newContext()
  const page = await context.newPage()
  const wrong = `sha384-${createHash('sha384').update('other bytes').digest('base64')}`
  await page.route(`${host.url}/tampered`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<script src="${link.url}/embed/v0.1.0/jumplink.js" integrity="${wrong}" crossorigin="anonymous"></script>`,
    }),
  )
  await page.goto(`${host.url}/tampered`)
  expect(await page.evaluate(() => typeof (globalThis as { JumpLink?: unknown }).JumpLink)).toBe(
    'undefined',
  )
  await context.close()
})

it('the example and docs/deploying.md pin the hash of the loader this build serves', async () => {
  const served = Buffer.from(
    await (await fetch(`${link.url}/embed/v0.1.0/jumplink.js`)).arrayBuffer(),
  )
  const integrity = `sha384-${createHash('sha384').update(served).digest('base64')}`
  const root = new URL('../../', import.meta.url)
  for (const file of [
    'examples/plain-html/index.html',
    'examples/plain-html/README.md',
    'docs/deploying.md',
  ]) {
    const text = await readFile(new URL(file, root), 'utf8')
    expect(
      text.includes(integrity),
      `${file} must name ${integrity}: the loader changed; run \`node scripts/embed-sri.mjs --write\` (and bump the version before a release)`,
    ).toBe(true)
  }
})
