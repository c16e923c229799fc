import { SCENARIO_KEYS } from '@jumplink/sandbox'
import { expect, it } from 'vitest'
import { screenshots } from './support/browser'
import { openConnections, useE2e } from './support/session'
import { expectStep, inPageWidget, reachKeyForm, submitKey } from './support/widget'

const e2e = useE2e()

it('offers to replace the key of an organization already connected, instead of a duplicate', async () => {
  const { page, problems } = await e2e.newPage()
  const shot = screenshots(page, 'duplicate')
  const connectAcme = async () => {
    await openConnections(page, e2e.stack.hostUrl)
    await page.getByRole('button', { name: 'Connect JumpCloud' }).click()
    const widget = inPageWidget(page)
    await reachKeyForm(widget)
    await submitKey(widget, SCENARIO_KEYS.single)
    return widget
  }

  const first = await connectAcme()
  await expectStep(first, 'Connected')
  await first.getByRole('button', { name: 'Done' }).click()
  await page.getByRole('table', { name: 'People and their access' }).waitFor()
  const [original] = (await e2e.stack.jumplink.connections.list()).result
  if (!original) throw new Error('no connection')

  // Second time: asked, and going back changes nothing.
  const second = await connectAcme()
  await expectStep(second, 'Acme Corp is already connected')
  expect(await second.getByText('Replace its key with this one?').count()).toBe(1)
  await shot('asked')
  await second.getByRole('button', { name: 'Back' }).click()
  await expectStep(second, 'Enter your API key')
  expect((await e2e.stack.jumplink.connections.list()).result).toHaveLength(1)

  // Third: agreed, the same connection gets the key.
  await submitKey(second, SCENARIO_KEYS.single)
  await expectStep(second, 'Acme Corp is already connected')
  await second.getByRole('button', { name: 'Replace the key' }).click()
  await expectStep(second, 'Connected')
  await shot('replaced')
  await second.getByRole('button', { name: 'Done' }).click()
  await second.waitFor({ state: 'detached' })
  const after = (await e2e.stack.jumplink.connections.list()).result
  expect(after.map((c) => c.id)).toEqual([original.id])
  await openConnections(page, e2e.stack.hostUrl)
  expect(await page.locator('tr[data-connection-id]').count()).toBe(1)
  // The duplicate answers are 409s from the link API, which the browser logs; nothing else.
  expect(problems.filter((p) => !p.includes('status of 409'))).toEqual([])
})
