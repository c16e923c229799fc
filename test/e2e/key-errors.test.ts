import { SCENARIO_KEYS } from '@jumplink/sandbox'
import { expect, it } from 'vitest'
import { screenshots } from './support/browser'
import { openConnections, useE2e } from './support/session'
import { inPageWidget, reachKeyForm, submitKey } from './support/widget'

const e2e = useE2e()

it.each([
  {
    story: 'bad-key',
    key: SCENARIO_KEYS.invalid,
    code: 'invalid_api_key',
    title: 'JumpCloud did not accept this key',
    next: 'Check the region and paste the key again, or create a new key.',
    action: 'Check the key',
  },
  {
    story: 'rate-limited-key',
    key: SCENARIO_KEYS.rateLimited,
    code: 'provider_rate_limited',
    title: 'JumpCloud is busy',
    next: 'Wait a moment, then try again. Your key is kept.',
    action: 'Try again',
  },
])('shows the copy for a $story and keeps the admin on the key form', async (scenario) => {
  const { page } = await e2e.newPage()
  const shot = screenshots(page, scenario.story)
  await openConnections(page, e2e.stack.hostUrl)
  await page.getByRole('button', { name: 'Connect JumpCloud' }).click()
  const widget = inPageWidget(page)
  await reachKeyForm(widget)
  await submitKey(widget, scenario.key)

  const alert = widget.locator(`[role="alert"][data-code="${scenario.code}"]`)
  await alert.waitFor()
  expect(await alert.textContent()).toContain(scenario.title)
  expect(await alert.textContent()).toContain(scenario.next)
  expect(await alert.getByRole('button', { name: scenario.action }).count()).toBe(1)
  // Still on the key form, nothing connected.
  expect(await widget.getByLabel('API key', { exact: true }).isVisible()).toBe(true)
  await shot('error')
  expect((await e2e.stack.jumplink.connections.list()).result).toEqual([])
})
