import { SCENARIO_KEYS } from '@jumplink/sandbox'
import { expect, it } from 'vitest'
import { screenshots } from './support/browser'
import { openConnections, useE2e } from './support/session'
import { expectStep, finish, inPageWidget, reachKeyForm, submitKey } from './support/widget'

const e2e = useE2e()

it('lets an MSP admin pick one of three organizations and reviews that one', async () => {
  const { page, problems } = await e2e.newPage()
  const shot = screenshots(page, 'msp')
  const organizations = e2e.stack.sandbox.sandbox.organizations.msp
  const chosen = organizations[1]
  if (!chosen) throw new Error('the sandbox has three MSP organizations')
  await openConnections(page, e2e.stack.hostUrl)

  await page.getByRole('button', { name: 'Connect JumpCloud' }).click()
  const widget = inPageWidget(page)
  await reachKeyForm(widget)
  await submitKey(widget, SCENARIO_KEYS.msp)

  await expectStep(widget, 'Choose an organization')
  const radios = widget.getByRole('radio')
  expect(await radios.count()).toBe(3)
  for (const organization of organizations) {
    expect(await widget.getByRole('radio', { name: organization.spec.displayName }).count()).toBe(1)
  }
  await shot('organization-picker')
  await widget.getByRole('radio', { name: chosen.spec.displayName }).check()
  await widget.getByRole('button', { name: 'Connect', exact: true }).click()
  await finish(widget)

  await page.getByRole('heading', { name: `Access review: ${chosen.spec.displayName}` }).waitFor()
  const table = page.getByRole('table', { name: 'People and their access' })
  const users = chosen.data.users
  await table.waitFor()
  expect(await table.locator('tbody tr').count()).toBe(users.length)
  const first = users[0]
  expect(first && (await table.getByText(first.email, { exact: true }).count())).toBe(1)
  await shot('access-review')

  const connections = await e2e.stack.jumplink.connections.list()
  expect(connections.result.map((c) => c.organization.id)).toEqual([chosen.id])
  expect(problems).toEqual([])
})
