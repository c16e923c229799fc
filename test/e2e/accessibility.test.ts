import { SCENARIO_KEYS } from '@jumplink/sandbox'
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { axeViolations } from './support/axe'
import { screenshots } from './support/browser'
import { openConnections, useE2e } from './support/session'
import {
  connectedOrReplaced,
  expectStep,
  frameWidget,
  inPageWidget,
  reachKeyForm,
  submitKey,
} from './support/widget'

const e2e = useE2e()

async function chooseTheme(page: Page, theme: 'light' | 'dark') {
  await page.getByLabel('Theme').selectOption(theme)
  expect(
    await page.evaluate(
      () =>
        (
          globalThis as unknown as {
            document: { documentElement: { dataset: { theme?: string } } }
          }
        ).document.documentElement.dataset.theme,
    ),
  ).toBe(theme)
}

it.each(['light', 'dark'] as const)(
  'has no axe violations on any widget step in the %s theme',
  async (theme) => {
    const { page, problems } = await e2e.newPage({ bypassCsp: true })
    const shot = screenshots(page, `axe-${theme}`)
    await openConnections(page, e2e.stack.hostUrl)
    await chooseTheme(page, theme)
    const scanned: string[] = []
    const scan = async (step: string) => {
      await shot(step)
      expect(await axeViolations(page), `${theme} theme, ${step}`).toEqual([])
      scanned.push(step)
    }
    await scan('connections-page')

    await page.getByRole('button', { name: 'Connect JumpCloud' }).click()
    const widget = inPageWidget(page)
    await expectStep(widget, /^Connect .+ to JumpCloud$/)
    expect(await widget.locator('.jl-root').getAttribute('data-theme')).toBe(theme)
    await scan('consent')
    await widget.getByRole('button', { name: 'Continue' }).click()
    await expectStep(widget, /^Create an API key in /)
    await scan('instructions')
    await widget.getByRole('button', { name: 'I have my key' }).click()
    await expectStep(widget, 'Enter your API key')
    await scan('credentials')
    await submitKey(widget, SCENARIO_KEYS.invalid)
    await widget.locator('[role="alert"][data-code="invalid_api_key"]').waitFor()
    await scan('credentials-error')
    await submitKey(widget, SCENARIO_KEYS.msp)
    await expectStep(widget, 'Choose an organization')
    await scan('organization')
    await widget.getByRole('radio').first().check()
    await widget.getByRole('button', { name: 'Connect', exact: true }).click()
    await connectedOrReplaced(widget)
    await scan('done')
    await widget.getByRole('button', { name: 'Done' }).click()
    await page.getByRole('table', { name: 'People and their access' }).waitFor()
    await scan('access-review')

    // The hosted page in the iframe, scanned in its own frame.
    await openConnections(page, e2e.stack.hostUrl)
    await page.getByRole('button', { name: 'Connect in a secure window' }).click()
    const framed = frameWidget(page)
    await expectStep(framed, /^Connect .+ to JumpCloud$/)
    const frame = page.frames().find((f) => f.url().startsWith(`${e2e.stack.linkUrl}/link`))
    if (!frame) throw new Error('the hosted frame is not loaded')
    expect(await framed.locator('.jl-root').getAttribute('data-theme')).toBe(theme)
    await shot('hosted-consent')
    expect(await axeViolations(frame), `${theme} theme, hosted consent`).toEqual([])
    await reachKeyForm(framed)
    await shot('hosted-credentials')
    expect(await axeViolations(frame), `${theme} theme, hosted credentials`).toEqual([])
    await framed.getByRole('button', { name: 'Close and cancel connecting' }).click()
    await page.locator('iframe[data-jumplink-frame]').waitFor({ state: 'detached' })

    expect(scanned).toHaveLength(8)
    // The rejected key is a 400 from the link API, which the browser logs, and the second theme's
    // run connects the same organization again (a 409 before the admin agrees to replace it).
    expect(
      problems.filter((p) => !p.includes('status of 400') && !p.includes('status of 409')),
    ).toEqual([])
  },
)
