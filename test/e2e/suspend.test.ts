import { SCENARIO_KEYS } from '@jumplink/sandbox'
import { expect, it } from 'vitest'
import { screenshots } from './support/browser'
import { openConnections, useE2e } from './support/session'
import { expectStep, finish, inPageWidget, submitKey } from './support/widget'

const e2e = useE2e()

it('suspends a user from the access review of a read-and-act connection, after a confirmation', async () => {
  const { page, problems } = await e2e.newPage()
  const shot = screenshots(page, 'suspend')
  await openConnections(page, e2e.stack.hostUrl)
  await page.getByLabel('Access for Clearview').selectOption('read_write')
  await page.getByRole('button', { name: 'Connect JumpCloud' }).click()

  // The admin is told the host may act, and which role the key needs for that.
  const widget = inPageWidget(page)
  await expectStep(widget, /^Connect .+ to JumpCloud$/)
  await widget.getByText(/^Read and act: Clearview can also make changes/).waitFor()
  await widget.getByRole('button', { name: 'Continue' }).click()
  await widget.getByText(/with the Manager role \(or higher\)/).waitFor()
  await widget.getByRole('button', { name: 'I have my key' }).click()
  await expectStep(widget, 'Enter your API key')
  await submitKey(widget, SCENARIO_KEYS.single)
  await finish(widget)

  await page.getByRole('heading', { name: 'Access review: Acme Corp' }).waitFor()
  const table = page.getByRole('table', { name: 'People and their access' })
  await table.waitFor()
  const firstSuspend = table.getByRole('button', { name: /^Suspend / }).first()
  const label = (await firstSuspend.getAttribute('aria-label')) ?? ''
  const name = label.replace(/^Suspend /, '')
  const person = table.getByRole('row').filter({
    has: page.getByRole('rowheader', { name: new RegExp(`^${escapeRegExp(name)}`) }),
  })
  expect(await person.count()).toBe(1)
  expect(await person.getByText('Active', { exact: true }).count()).toBe(1)
  await shot('before')

  // Dismissing the confirmation changes nothing.
  const questions: string[] = []
  page.once('dialog', (dialog) => {
    questions.push(dialog.message())
    void dialog.dismiss()
  })
  await person.getByRole('button', { name: label }).click()
  expect(questions).toEqual([`Suspend ${name}? They will not be able to sign in.`])
  expect(await person.getByText('Active', { exact: true }).count()).toBe(1)

  // Accepting it suspends the user in the directory; the row says so at once.
  page.once('dialog', (dialog) => void dialog.accept())
  await person.getByRole('button', { name: label }).click()
  await person.getByText('Suspended', { exact: true }).waitFor()
  expect(await person.getByRole('button', { name: label }).count()).toBe(0)
  await shot('after')

  // Read again from the directory through the unified API: the change is really there.
  await page.reload()
  await table.waitFor()
  await person.getByText('Suspended', { exact: true }).waitFor()
  await openConnections(page, e2e.stack.hostUrl)
  const row = page.getByRole('table', { name: 'Your connections' }).getByRole('row', {
    name: /Acme Corp/,
  })
  expect(await row.getByRole('cell', { name: 'Read and act' }).count()).toBe(1)
  expect(problems).toEqual([])
})

it('shows no suspend action on a read-only connection', async () => {
  const { page, problems } = await e2e.newPage()
  await openConnections(page, e2e.stack.hostUrl)
  expect(await page.getByLabel('Access for Clearview').inputValue()).toBe('read')
  await page.getByRole('button', { name: 'Connect JumpCloud' }).click()
  const widget = inPageWidget(page)
  await expectStep(widget, /^Connect .+ to JumpCloud$/)
  await widget.getByText(/^Read only: Clearview cannot change anything/).waitFor()
  await widget.getByRole('button', { name: 'Continue' }).click()
  await widget.getByRole('button', { name: 'I have my key' }).click()
  await submitKey(widget, SCENARIO_KEYS.msp)
  await expectStep(widget, 'Choose an organization')
  await widget.getByRole('radio').first().check()
  await widget.getByRole('button', { name: 'Connect', exact: true }).click()
  await finish(widget)
  const table = page.getByRole('table', { name: 'People and their access' })
  await table.waitFor()
  expect(await table.getByRole('columnheader', { name: 'Action' }).count()).toBe(0)
  expect(await table.getByRole('button', { name: /^Suspend / }).count()).toBe(0)
  expect(problems).toEqual([])
})

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
