import { SCENARIO_KEYS } from '@jumplink/sandbox'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launchBrowser, screenshots, watchForProblems } from './support/browser'
import { type Stack, startStack } from './support/stack'
import { finish, inPageWidget, reachKeyForm, submitKey } from './support/widget'

let stack: Stack
let browser: Browser
let page: Page
let problems: string[]

beforeAll(async () => {
  ;[stack, browser] = await Promise.all([startStack(), launchBrowser()])
  page = await browser.newPage()
  problems = watchForProblems(page)
})
afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

it('connects a single organization in the page and ends on its access review', async () => {
  const shot = screenshots(page, 'happy-path')
  await page.goto(stack.hostUrl)
  await page.getByRole('heading', { name: 'Connections', exact: true }).waitFor()
  expect(await page.getByText('No organization is connected yet.').isVisible()).toBe(true)
  await shot('connections-empty')

  await page.getByRole('button', { name: 'Connect JumpCloud' }).click()
  const widget = inPageWidget(page)
  await reachKeyForm(widget)
  await shot('key-form')
  await submitKey(widget, SCENARIO_KEYS.single)
  await widget.getByRole('heading', { name: 'Connected' }).waitFor()
  expect(await widget.getByText('is now connected to Acme Corp').isVisible()).toBe(true)
  await shot('connected')
  await finish(widget)

  // The access review of Acme Corp, read through the host backend and the unified API.
  await page.getByRole('heading', { name: 'Access review: Acme Corp' }).waitFor()
  expect(new URL(page.url()).pathname).toBe('/access-review')
  const table = page.getByRole('table', { name: 'People and their access' })
  await table.waitFor()
  const users = stack.sandbox.sandbox.organizations.single.data.users
  expect(await table.locator('tbody tr').count()).toBe(users.length)
  for (const user of users.slice(0, 5)) {
    expect(await table.getByText(user.email, { exact: true }).count()).toBe(1)
  }
  await shot('access-review')

  // Device posture of the same organization: every managed device, with encryption and owner.
  await page.getByRole('link', { name: 'Device posture', exact: true }).click()
  const devices = page.getByRole('table', { name: 'Devices and their posture' })
  await devices.waitFor()
  const systems = stack.sandbox.sandbox.organizations.single.data.systems
  expect(await devices.locator('tbody tr').count()).toBe(systems.length)
  expect(await devices.getByText(/^(Encrypted|Not encrypted|Unknown)/).count()).toBe(systems.length)
  await shot('device-posture')

  // The integration token stays on the host's server; the browser never sees it.
  const config = await page.evaluate(() => fetch('/api/connections').then((r) => r.text()))
  expect(config).toContain('Acme Corp')
  expect(config).not.toMatch(/eyJ[\w-]+\.[\w-]+\./)
  expect(problems).toEqual([])
})
