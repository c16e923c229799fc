import { SCENARIO_KEYS } from '@jumplink/sandbox'
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { screenshots } from './support/browser'
import { openConnections, useE2e } from './support/session'
import { finish, inPageWidget, reachKeyForm, submitKey } from './support/widget'

const e2e = useE2e()

interface Measurable {
  documentElement: { scrollWidth: number; clientWidth: number; dataset: { theme?: string } }
}
const page$ = (page: Page) =>
  page.evaluate(() => {
    const { documentElement } = (globalThis as unknown as { document: Measurable }).document
    return {
      scrollWidth: documentElement.scrollWidth,
      clientWidth: documentElement.clientWidth,
      theme: documentElement.dataset.theme,
    }
  })

it('fits a 390 px phone and follows the system’s dark mode by default', async () => {
  const { page, problems } = await e2e.newPage({
    viewport: { width: 390, height: 844 },
    colorScheme: 'dark',
  })
  const shot = screenshots(page, 'phone-system-dark')
  await openConnections(page, e2e.stack.hostUrl)
  expect(await page.getByLabel('Theme').inputValue()).toBe('system')
  expect((await page$(page)).theme).toBe('dark')
  await shot('connections')

  await page.getByRole('button', { name: 'Connect JumpCloud' }).click()
  const widget = inPageWidget(page)
  const dialog = await page.getByRole('dialog').boundingBox()
  expect(dialog && dialog.x >= 0 && dialog.x + dialog.width <= 390).toBe(true)
  expect(await widget.locator('.jl-root').getAttribute('data-theme')).toBe('system')
  const background = await widget.locator('.jl-root').evaluate(
    (el) =>
      (
        globalThis as unknown as {
          getComputedStyle(e: unknown): { backgroundColor: string }
        }
      ).getComputedStyle(el).backgroundColor,
  )
  expect(background).toBe('rgb(23, 26, 33)')
  // Continue sits below the fold on a phone: the dialog scrolls to it, and it takes the click.
  const next = widget.getByRole('button', { name: 'Continue' })
  await next.scrollIntoViewIfNeeded()
  const box = await next.boundingBox()
  expect(box && box.y >= 0 && box.y + box.height <= 844 && box.x + box.width <= 390).toBe(true)
  await shot('consent')
  await reachKeyForm(widget)
  await shot('key')
  await submitKey(widget, SCENARIO_KEYS.single)
  await finish(widget)
  await page.getByRole('table', { name: 'People and their access' }).waitFor()
  await shot('access-review')

  // The connections table turns into one card per connection: nothing wider than the screen.
  await openConnections(page, e2e.stack.hostUrl)
  await page.locator('tr[data-connection-id]').first().waitFor()
  const measured = await page$(page)
  expect(measured.scrollWidth).toBeLessThanOrEqual(measured.clientWidth)
  await shot('connections-with-one')

  // Choosing a theme by hand still wins over the system's.
  await page.getByLabel('Theme').selectOption('light')
  expect((await page$(page)).theme).toBe('light')
  expect(problems).toEqual([])
})
