import { SCENARIO_SERVICE_ACCOUNTS } from '@jumplink/sandbox'
import { expect, it } from 'vitest'
import { screenshots } from './support/browser'
import { openConnections, useE2e } from './support/session'
import { expectStep, finish, frameWidget, inPageWidget, type WidgetScope } from './support/widget'

const e2e = useE2e()

/** Consent, then the service account's guide instead of the API key's, up to its form. */
async function reachServiceAccountForm(widget: WidgetScope): Promise<void> {
  await expectStep(widget, /^Connect .+ to JumpCloud$/)
  await widget.getByRole('button', { name: 'Continue' }).click()
  await expectStep(widget, 'Create an API key in JumpCloud')
  await widget.getByRole('radio', { name: /^With a service account/ }).check()
  await expectStep(widget, 'Create a service account in JumpCloud')
  await widget.getByText(/Settings, then Service Accounts/).waitFor()
  await widget.getByText(/the lifetime you chose/).waitFor()
  await widget.getByRole('button', { name: 'I have the client id and secret' }).click()
  await expectStep(widget, 'Enter the service account’s client id and secret')
}

async function submitServiceAccount(
  widget: WidgetScope,
  account: { clientId: string; clientSecret: string },
): Promise<void> {
  await widget.getByLabel('Client id', { exact: true }).fill(account.clientId)
  await widget.getByLabel('Client secret', { exact: true }).fill(account.clientSecret)
  await widget.getByRole('button', { name: 'Connect', exact: true }).click()
}

/** The connections table's row for an organization. */
function row(page: import('playwright-core').Page, organization: string) {
  return page
    .getByRole('table', { name: 'Your connections' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: organization, exact: true }) })
}

it('connects an MSP organization with a service account in the page and reviews it', async () => {
  const { page, problems } = await e2e.newPage()
  const shot = screenshots(page, 'service-account')
  const organizations = e2e.stack.sandbox.sandbox.organizations.msp
  const chosen = organizations[2]
  if (!chosen) throw new Error('the sandbox has three MSP organizations')
  await openConnections(page, e2e.stack.hostUrl)
  await page.getByRole('button', { name: 'Connect JumpCloud' }).click()
  const widget = inPageWidget(page)
  await reachServiceAccountForm(widget)
  await shot('service-account-form')

  // A rejected secret first: the widget says so in the service account's words and keeps the id.
  await submitServiceAccount(widget, SCENARIO_SERVICE_ACCOUNTS.invalidSecret)
  const alert = widget.getByRole('alert')
  await alert.getByText('JumpCloud did not accept this service account').waitFor()
  expect(await widget.getByLabel('Client id', { exact: true }).inputValue()).toBe(
    SCENARIO_SERVICE_ACCOUNTS.invalidSecret.clientId,
  )

  await submitServiceAccount(widget, SCENARIO_SERVICE_ACCOUNTS.msp)
  await expectStep(widget, 'Choose an organization')
  expect(await widget.getByRole('radio').count()).toBe(organizations.length)
  await widget.getByRole('radio', { name: chosen.spec.displayName }).check()
  await widget.getByRole('button', { name: 'Connect', exact: true }).click()
  await finish(widget)

  // Read through the unified API with the service account's access token.
  await page.getByRole('heading', { name: `Access review: ${chosen.spec.displayName}` }).waitFor()
  const table = page.getByRole('table', { name: 'People and their access' })
  await table.waitFor()
  expect(await table.locator('tbody tr').count()).toBe(chosen.data.users.length)
  await shot('access-review')

  await openConnections(page, e2e.stack.hostUrl)
  const connection = row(page, chosen.spec.displayName)
  expect(await connection.getByRole('cell', { name: 'Service account' }).count()).toBe(1)
  const [stored] = (await e2e.stack.jumplink.connections.list()).result
  expect(stored).toMatchObject({
    credential_kind: 'service_account',
    organization: { id: chosen.id },
  })
  // The secret went to the link server only: not into the host app's pages or its API.
  expect(await page.content()).not.toContain(SCENARIO_SERVICE_ACCOUNTS.msp.clientSecret)
  const listed = await page.evaluate(() => fetch('/api/connections').then((r) => r.text()))
  expect(listed).not.toContain(SCENARIO_SERVICE_ACCOUNTS.msp.clientSecret)
  // The one error is the browser logging the link API's 400 for the rejected secret.
  expect(problems).toEqual([
    'console: Failed to load resource: the server responded with a status of 400 (Bad Request)',
  ])
})

it('offers the same choice on the hosted page in the secure window', async () => {
  const { page, problems } = await e2e.newPage()
  const shot = screenshots(page, 'service-account')
  await openConnections(page, e2e.stack.hostUrl)
  await page.getByRole('button', { name: 'Connect in a secure window' }).click()
  const widget = frameWidget(page)
  await reachServiceAccountForm(widget)
  await shot('service-account-form-in-frame')
  await submitServiceAccount(widget, SCENARIO_SERVICE_ACCOUNTS.single)
  await finish(widget)

  await page.getByRole('heading', { name: 'Access review: Acme Corp' }).waitFor()
  await openConnections(page, e2e.stack.hostUrl)
  expect(await row(page, 'Acme Corp').getByRole('cell', { name: 'Service account' }).count()).toBe(
    1,
  )
  expect(problems).toEqual([])
})
