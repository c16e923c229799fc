import { SCENARIO_KEYS } from '@jumplink/sandbox'
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { screenshots } from './support/browser'
import { openConnections, useE2e } from './support/session'
import {
  expectStep,
  finish,
  frameWidget,
  inPageWidget,
  reachKeyForm,
  reachNewKeyForm,
  submitKey,
} from './support/widget'

const e2e = useE2e()

/** The little of the browser's document these checks use (the test project has no DOM types). */
interface QueryableDocument {
  querySelector(selector: string): { closest(selector: string): unknown } | null
}

/** What has focus, described: inside the dialog or not, and the element itself. */
function focused(page: Page) {
  return page.evaluate(() => {
    interface Focused {
      tagName?: string
      closest?(selector: string): unknown
      getAttribute?(name: string): string | null
      textContent?: string | null
    }
    const doc = (globalThis as unknown as { document: { activeElement: Focused | null } }).document
    const active = doc.activeElement
    return {
      tag: String(active?.tagName ?? '').toLowerCase(),
      inDialog: Boolean(active?.closest?.('[role="dialog"]')),
      role: active?.getAttribute?.('role') ?? null,
      code: active?.getAttribute?.('data-code') ?? null,
      label: active?.getAttribute?.('aria-label') ?? active?.textContent?.slice(0, 40) ?? '',
    }
  })
}

it('puts focus in the key field, and on the error after a rejected key, never out of the dialog', async () => {
  const { page } = await e2e.newPage()
  const shot = screenshots(page, 'keyboard')
  await openConnections(page, e2e.stack.hostUrl)
  await page.getByRole('button', { name: 'Connect JumpCloud' }).click()
  const widget = inPageWidget(page)
  await reachKeyForm(widget)
  // Item 2: the key field has focus as the step appears; typing goes straight in.
  expect(await focused(page)).toMatchObject({ tag: 'input', inDialog: true })
  await page.keyboard.type(SCENARIO_KEYS.invalid)
  expect(await widget.getByLabel('API key', { exact: true }).inputValue()).toBe(
    SCENARIO_KEYS.invalid,
  )

  // Item 1: Tab to Connect, press Enter: focus lands on the error, inside the dialog.
  for (let i = 0; i < 8; i++) {
    const now = await focused(page)
    if (now.tag === 'button' && now.label === 'Connect') break
    await page.keyboard.press('Tab')
  }
  expect(await focused(page)).toMatchObject({ tag: 'button', label: 'Connect', inDialog: true })
  await page.keyboard.press('Enter')
  await widget.locator('[role="alert"][data-code="invalid_api_key"]').waitFor()
  await expect
    .poll(() => focused(page))
    .toMatchObject({ role: 'alert', code: 'invalid_api_key', inDialog: true })
  await shot('error-focused')
  // Every Tab from there stays in the dialog, round and round.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab')
    expect((await focused(page)).inDialog, `Tab ${i + 1}`).toBe(true)
  }

  // The page behind the modal is inert while it is open, and live again after.
  const mainInert = () =>
    page.evaluate(() =>
      Boolean(
        (globalThis as unknown as { document: QueryableDocument }).document
          .querySelector('main')
          ?.closest('[inert]'),
      ),
    )
  expect(await mainInert()).toBe(true)
  await widget.getByRole('button', { name: 'Close and cancel connecting' }).click()
  await widget.waitFor({ state: 'detached' })
  expect(await mainInert()).toBe(false)
})

it('counts a rate limit down in correct words with one primary button, calmly styled', async () => {
  const { page } = await e2e.newPage()
  const shot = screenshots(page, 'rate-limit-countdown')
  await openConnections(page, e2e.stack.hostUrl)
  await page.getByRole('button', { name: 'Connect JumpCloud' }).click()
  const widget = inPageWidget(page)
  await reachKeyForm(widget)
  await submitKey(widget, SCENARIO_KEYS.rateLimited)
  const alert = widget.locator('[role="alert"][data-code="provider_rate_limited"]')
  await alert.waitFor()
  expect(await alert.getAttribute('data-kind')).toBe('wait')
  const countdown = alert.locator('.jl-countdown')
  const first = (await countdown.textContent()) ?? ''
  // Never "1 seconds": the singular for one, the plural for more.
  expect(first).toMatch(/^You can try again (in 1 second\.|in [2-9]\d* seconds\.|now\.)$/)
  await shot('counting')
  await expect
    .poll(() => countdown.textContent(), { timeout: 70_000 })
    .toBe('You can try again now.')
  const primaries = await widget
    .locator('button.jl-button:not([data-variant])')
    .evaluateAll((buttons) =>
      buttons.map((b) => (b as unknown as { textContent: string }).textContent),
    )
  expect(primaries).toEqual(['Connect'])
  // The error is not painted as a fault: no danger border.
  const border = await alert.evaluate(
    (el) =>
      (
        globalThis as unknown as { getComputedStyle: (e: unknown) => { borderLeftColor: string } }
      ).getComputedStyle(el).borderLeftColor,
  )
  const danger = await widget.locator('.jl-root').evaluate((el) =>
    (
      globalThis as unknown as {
        getComputedStyle: (e: unknown) => { getPropertyValue: (n: string) => string }
      }
    )
      .getComputedStyle(el)
      .getPropertyValue('--jl-danger')
      .trim(),
  )
  expect(border).not.toBe(danger)
  await shot('ready-again')
})

it('lays out the organization list edge to edge and keeps the key field one line', async () => {
  const { page } = await e2e.newPage({ viewport: { width: 390, height: 844 } })
  const shot = screenshots(page, 'layout-390')
  await openConnections(page, e2e.stack.hostUrl)
  await page.getByRole('button', { name: 'Connect JumpCloud' }).click()
  const widget = inPageWidget(page)
  await reachKeyForm(widget)
  const field = await widget.locator('.jl-key').boundingBox()
  expect(field?.height).toBeLessThanOrEqual(44)
  await shot('key-field')
  await submitKey(widget, SCENARIO_KEYS.msp)
  await expectStep(widget, 'Choose an organization')
  const geometry = await widget.locator('.jl-org-list').evaluate((list) => {
    const box = (e: unknown) =>
      (e as { getBoundingClientRect(): { left: number; width: number } }).getBoundingClientRect()
    const l = list as unknown as {
      clientWidth: number
      clientLeft: number
      querySelectorAll(s: string): unknown[]
    }
    const outer = box(list)
    return {
      listInnerLeft: outer.left + l.clientLeft,
      listInnerWidth: l.clientWidth,
      rows: Array.from(l.querySelectorAll(':scope > li'), (li) => box(li)),
    }
  })
  expect(geometry.rows.length).toBe(3)
  for (const row of geometry.rows) {
    expect(row.left).toBeCloseTo(geometry.listInnerLeft, 0)
    expect(row.width).toBeCloseTo(geometry.listInnerWidth, 0)
  }
  await shot('organizations')
})

it('relinks a broken connection through the iframe, keeping its id', async () => {
  const { page, problems } = await e2e.newPage()
  const shot = screenshots(page, 'relink-in-frame')
  await openConnections(page, e2e.stack.hostUrl)
  await page.getByRole('button', { name: 'Connect JumpCloud' }).click()
  const widget = inPageWidget(page)
  await reachKeyForm(widget)
  await submitKey(widget, SCENARIO_KEYS.single)
  await finish(widget)
  await page.getByRole('table', { name: 'People and their access' }).waitFor()
  const [connection] = (await e2e.stack.jumplink.connections.list()).result
  if (!connection) throw new Error('no connection')

  const rotated = await fetch(`${e2e.stack.sandbox.url}/_sandbox/keys/rotate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key: SCENARIO_KEYS.single }),
  })
  const { key: newKey } = (await rotated.json()) as { key: string }
  await openConnections(page, e2e.stack.hostUrl)
  const row = page.locator(`tr[data-connection-id="${connection.id}"]`)
  await row.getByRole('button', { name: 'Check Acme Corp' }).click()
  await row.getByText('Needs attention').waitFor()

  await row.getByRole('button', { name: 'Relink Acme Corp in a secure window' }).click()
  const framed = frameWidget(page)
  await reachNewKeyForm(framed)
  // The host page behind the frame is inert: nothing there can take focus.
  expect(
    await page.evaluate(() =>
      Boolean(
        (globalThis as unknown as { document: QueryableDocument }).document
          .querySelector('main')
          ?.closest('[inert]'),
      ),
    ),
  ).toBe(true)
  await shot('new-key-in-frame')
  await submitKey(framed, newKey)
  await framed.getByText('The new key is saved.').waitFor()
  await shot('relinked-in-frame')
  await finish(framed)
  await page.locator('iframe[data-jumplink-frame]').waitFor({ state: 'detached' })
  await row.getByText('Active', { exact: true }).waitFor()
  expect((await e2e.stack.jumplink.connections.get(connection.id)).status).toBe('active')
  expect((await e2e.stack.jumplink.connections.list()).result).toHaveLength(1)
  expect(problems).toEqual([])
})

it('searches 150 organizations and connects the one found', async () => {
  const { page, problems } = await e2e.newPage()
  const shot = screenshots(page, 'organization-search')
  const organizations = e2e.stack.sandbox.sandbox.organizations.mspMany
  const wanted = organizations.find((o) => o.record.displayName)
  if (!wanted?.record.displayName) throw new Error('the sandbox has named organizations')
  const name = wanted.record.displayName
  await openConnections(page, e2e.stack.hostUrl)
  await page.getByRole('button', { name: 'Connect JumpCloud' }).click()
  const widget = inPageWidget(page)
  await reachKeyForm(widget)
  await submitKey(widget, SCENARIO_KEYS.mspMany)
  await expectStep(widget, 'Choose an organization')
  expect(await widget.getByRole('radio').count()).toBe(organizations.length)
  await widget.getByRole('searchbox', { name: 'Search organizations' }).fill(name)
  const shown = await widget.getByRole('radio').count()
  expect(shown).toBeGreaterThanOrEqual(1)
  expect(shown).toBeLessThan(organizations.length)
  expect(
    await widget.getByText(`${shown} of ${organizations.length} organizations shown`).count(),
  ).toBe(1)
  await shot('filtered')
  await widget.getByRole('radio', { name, exact: true }).check()
  await widget.getByRole('button', { name: 'Connect', exact: true }).click()
  await finish(widget)
  await page.getByRole('heading', { name: `Access review: ${name}` }).waitFor()
  const connected = (await e2e.stack.jumplink.connections.list()).result
  expect(connected.map((c) => c.organization.id)).toContain(wanted.id)
  expect(problems).toEqual([])
})
