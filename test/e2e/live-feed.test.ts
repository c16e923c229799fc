import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { screenshots } from './support/browser'
import { openConnections, useE2e } from './support/session'
import { connectInPage } from './support/widget'

// The change feed running in the link server: syncs are queued and run as in production.
const e2e = useE2e({ changeFeed: true })

async function newestConnectionId(): Promise<string> {
  const { result } = await e2e.stack.jumplink.connections.list()
  const newest = result.sort((a, b) => b.created_at.localeCompare(a.created_at))[0]
  if (!newest) throw new Error('no connection')
  return newest.id
}

/** What the directory's own webhook channel does: a delivery to the ingest URL. */
async function deliverToIngest(url: string): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'alert', message: 'user suspended' }),
  })
  expect(response.status).toBe(202)
}

/** The directory's API as the sandbox serves it, with the single organization's key. */
async function directory<T>(path: string): Promise<T> {
  const org = e2e.stack.sandbox.sandbox.organizations.single
  const response = await fetch(`${e2e.stack.sandbox.url}${path}`, {
    headers: { 'x-api-key': e2e.stack.sandbox.sandbox.keys.single, 'x-org-id': org.id },
  })
  expect(response.status).toBe(200)
  return (await response.json()) as T
}

/** An active person with SSO apps, and the names of those apps (read from the directory). */
async function personWithApps() {
  const org = e2e.stack.sandbox.sandbox.organizations.single
  const appsByUser = new Map<string, string[]>()
  for (const app of org.data.applications) {
    // Every page (v2 lists answer 10 at a time unless asked for more).
    for (let skip = 0; ; skip += 100) {
      const users = await directory<{ id: string }[]>(
        `/api/v2/applications/${app._id}/users?limit=100&skip=${skip}`,
      )
      for (const { id } of users)
        appsByUser.set(id, [...(appsByUser.get(id) ?? []), app.displayName])
      if (users.length < 100) break
    }
  }
  const user = org.data.users.find(
    (u) => u.state === 'ACTIVATED' && !u.suspended && (appsByUser.get(u._id)?.length ?? 0) > 0,
  )
  if (!user) throw new Error('the single organization has an active person with apps')
  return { user, apps: (appsByUser.get(user._id) ?? []).sort() }
}

const feedItem = (page: Page, type: string) => page.locator(`li[data-event-type="${type}"]`)

it('shows a person suspended in the directory, with the apps they still have, by signed webhook within seconds', async () => {
  const { page, problems } = await e2e.newPage()
  const shot = screenshots(page, 'live-feed')
  await openConnections(page, e2e.stack.hostUrl)
  await connectInPage(page, e2e.stack.sandbox.sandbox.keys.single)
  await page.getByRole('table', { name: 'People and their access' }).waitFor()
  const connectionId = await newestConnectionId()
  const ingest = await e2e.stack.jumplink.connections.ingestUrl.get(connectionId)

  // The first delivery starts the baseline sync at once instead of at the next schedule.
  await deliverToIngest(ingest.url)
  await page.getByRole('link', { name: 'Live changes' }).click()
  await page.getByRole('heading', { name: 'Live changes' }).waitFor()
  // The host app registered its receiver at start: events come as signed webhooks.
  await page.getByText('(signed webhooks)').waitFor()
  await feedItem(page, 'connection.synced').waitFor({ timeout: 30_000 })
  await shot('baseline')

  const { user, apps } = await personWithApps()
  const suspended = await fetch(
    `${e2e.stack.sandbox.url}/_sandbox/organizations/${e2e.stack.sandbox.sandbox.organizations.single.id}/users/${user._id}`,
    {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ suspended: true }),
    },
  )
  expect(suspended.status).toBe(200)
  const deliveredAt = Date.now()
  await deliverToIngest(ingest.url)

  const item = feedItem(page, 'user.suspended').filter({ hasText: user.email.toLowerCase() })
  await item.waitFor({ timeout: 30_000 })
  const seconds = (Date.now() - deliveredAt) / 1000
  expect(seconds).toBeLessThan(30)
  expect(await item.locator('.feed-title').textContent()).toContain('was suspended')
  // Verified with verifyWebhook before it was believed (the pull feed is not read meanwhile).
  expect(await item.locator('.feed-meta').textContent()).toContain('by webhook')
  expect(await item.locator('.finding').textContent()).toBe(
    `Still has access to ${apps.join(', ')}: remove it in each app.`,
  )
  // Shown once, though every poll reads the feed again.
  expect(await feedItem(page, 'user.suspended').count()).toBe(1)
  await shot('suspended')

  // A key the directory now refuses: the next sync says so and the page asks for a relink.
  const rotated = await fetch(`${e2e.stack.sandbox.url}/_sandbox/keys/rotate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key: e2e.stack.sandbox.sandbox.keys.single }),
  })
  expect(rotated.status).toBe(200)
  await deliverToIngest(ingest.url)
  const alert = page.getByRole('alert').filter({ hasText: 'stopped working' })
  await alert.waitFor({ timeout: 30_000 })
  expect(await alert.textContent()).toContain('invalid_api_key')
  expect((await e2e.stack.jumplink.connections.get(connectionId)).status).toBe('broken')
  await shot('broken')
  expect(problems).toEqual([])
}, 120_000)
