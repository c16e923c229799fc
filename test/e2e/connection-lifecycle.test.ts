import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { screenshots } from './support/browser'
import { openConnections, useE2e } from './support/session'
import { connectInPage, finish, inPageWidget, reachNewKeyForm, submitKey } from './support/widget'

const e2e = useE2e()

async function newestConnectionId(): Promise<string> {
  const { result } = await e2e.stack.jumplink.connections.list()
  const newest = result.sort((a, b) => b.created_at.localeCompare(a.created_at))[0]
  if (!newest) throw new Error('no connection')
  return newest.id
}

const row = (page: Page, id: string) => page.locator(`tr[data-connection-id="${id}"]`)

/** Rotates a key in the sandbox, as an admin replacing a key in the directory would. */
async function rotateKey(key: string): Promise<string> {
  const response = await fetch(`${e2e.stack.sandbox.url}/_sandbox/keys/rotate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key }),
  })
  expect(response.status).toBe(200)
  return ((await response.json()) as { key: string }).key
}

it('relinks a connection broken by a rotated key, keeping its id', async () => {
  const { page, problems } = await e2e.newPage()
  const shot = screenshots(page, 'relink')
  await openConnections(page, e2e.stack.hostUrl)
  await connectInPage(page, e2e.stack.sandbox.sandbox.keys.single)
  await page.getByRole('table', { name: 'People and their access' }).waitFor()
  const id = await newestConnectionId()

  const newKey = await rotateKey(e2e.stack.sandbox.sandbox.keys.single)
  await openConnections(page, e2e.stack.hostUrl)
  await row(page, id).getByRole('button', { name: 'Check Acme Corp' }).click()
  await row(page, id).getByText('Needs attention').waitFor()
  expect(await row(page, id).getByText('no longer accepts the key').count()).toBe(1)
  expect((await e2e.stack.jumplink.connections.get(id)).status).toBe('broken')
  await shot('broken')

  await row(page, id).getByRole('button', { name: 'Relink Acme Corp', exact: true }).click()
  const widget = inPageWidget(page)
  await reachNewKeyForm(widget)
  await shot('new-key-form')
  await submitKey(widget, newKey)
  await widget.getByText('The new key is saved.').waitFor()
  await shot('relinked')
  await finish(widget)

  await row(page, id).getByText('Active', { exact: true }).waitFor()
  expect(await page.locator('tr[data-connection-id]').count()).toBe(1)
  const connection = await e2e.stack.jumplink.connections.get(id)
  expect(connection).toMatchObject({ id, status: 'active' })
  await shot('active-again')

  // The same connection reads the directory again.
  await page.getByRole('link', { name: 'Access review', exact: true }).click()
  const table = page.getByRole('table', { name: 'People and their access' })
  const users = e2e.stack.sandbox.sandbox.organizations.single.data.users
  await table.waitFor()
  expect(await table.locator('tbody tr').count()).toBe(users.length)
  expect(problems).toEqual([])
})

it('revokes a connection: the key is erased and the review can no longer read it', async () => {
  const { page, problems } = await e2e.newPage()
  const shot = screenshots(page, 'revoke')
  await openConnections(page, e2e.stack.hostUrl)
  await connectInPage(page, e2e.stack.sandbox.sandbox.keys.single)
  await page.getByRole('table', { name: 'People and their access' }).waitFor()
  const id = await newestConnectionId()

  await openConnections(page, e2e.stack.hostUrl)
  await row(page, id).getByRole('button', { name: 'Revoke Acme Corp' }).click()
  await shot('confirm')
  await row(page, id).getByRole('button', { name: 'Yes, revoke Acme Corp' }).click()
  await row(page, id).getByText('Revoked', { exact: true }).waitFor()
  expect(await row(page, id).getByRole('button').count()).toBe(0)
  expect(await page.getByRole('status').textContent()).toContain('disconnected')
  expect((await e2e.stack.jumplink.connections.get(id)).status).toBe('revoked')
  await shot('revoked')

  // The host app cannot read a revoked connection (its token is dropped and refused anyway).
  const answer = await page.evaluate(
    (connectionId) => fetch(`/api/connections/${connectionId}/access-review`).then((r) => r.status),
    id,
  )
  expect(answer).toBe(409)
  expect(problems.filter((p) => !p.includes('409'))).toEqual([])
})
