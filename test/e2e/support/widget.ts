import type { FrameLocator, Locator, Page } from 'playwright-core'

/** Where the widget is drawn: the in-page modal, or the hosted page inside the iframe. */
export type WidgetScope = Locator

export function inPageWidget(page: Page): WidgetScope {
  return page.getByRole('dialog')
}

export function frameWidget(page: Page): WidgetScope {
  return hostedFrame(page).getByRole('dialog')
}

export function hostedFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe[data-jumplink-frame]')
}

/** Waits until the widget shows a heading with this text. */
export async function expectStep(widget: WidgetScope, heading: string | RegExp): Promise<void> {
  await widget.getByRole('heading', { name: heading }).waitFor()
}

/** Consent and instructions, up to the key form. */
export async function reachKeyForm(widget: WidgetScope): Promise<void> {
  await expectStep(widget, /^Connect .+ to /)
  await widget.getByRole('button', { name: 'Continue' }).click()
  await expectStep(widget, /^Create an API key in /)
  await widget.getByRole('button', { name: 'I have my key' }).click()
  await expectStep(widget, /^Enter (your|a new) API key$/)
}

/** Relink (update session): straight to the instructions, then the form for a new key. */
export async function reachNewKeyForm(widget: WidgetScope): Promise<void> {
  await expectStep(widget, /^Create an API key in /)
  await widget.getByRole('button', { name: 'I have my key' }).click()
  await expectStep(widget, /^Enter a new API key$/)
}

export async function submitKey(widget: WidgetScope, key: string): Promise<void> {
  await widget.getByLabel('API key', { exact: true }).fill(key)
  await widget.getByRole('button', { name: 'Connect', exact: true }).click()
}

/**
 * Waits for "Connected". The demo host app allows one connection per organization, so a test
 * connecting an organization an earlier test connected is asked to replace its key: it agrees.
 */
export async function connectedOrReplaced(widget: WidgetScope): Promise<void> {
  const done = widget.getByRole('heading', { name: 'Connected', exact: true })
  const duplicate = widget.getByRole('heading', { name: / is already connected$/ })
  await done.or(duplicate).waitFor()
  if (await duplicate.isVisible()) {
    await widget.getByRole('button', { name: 'Replace the key' }).click()
    await done.waitFor()
  }
}

export async function finish(widget: WidgetScope): Promise<void> {
  await connectedOrReplaced(widget)
  await widget.getByRole('button', { name: 'Done' }).click()
  await widget.waitFor({ state: 'detached' })
}

/** The whole in-page flow for a one-organization key, from the connections page. */
export async function connectInPage(page: Page, key: string): Promise<void> {
  await page.getByRole('button', { name: 'Connect JumpCloud' }).click()
  const widget = inPageWidget(page)
  await reachKeyForm(widget)
  await submitKey(widget, key)
  await finish(widget)
}
