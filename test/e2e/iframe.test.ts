import { SCENARIO_KEYS } from '@jumplink/sandbox'
import { expect, it } from 'vitest'
import { screenshots } from './support/browser'
import { openConnections, useE2e } from './support/session'
import { expectStep, finish, frameWidget, reachKeyForm, submitKey } from './support/widget'

const e2e = useE2e()

it('connects through the hosted page in an iframe and ignores messages from a foreign origin', async () => {
  const { page, problems } = await e2e.newPage()
  const shot = screenshots(page, 'iframe')
  const exchanges: string[] = []
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/exchange') exchanges.push(request.url())
  })
  await openConnections(page, e2e.stack.hostUrl)
  await page.getByRole('button', { name: 'Connect in a secure window' }).click()

  // The link server's /link page, told which origin embeds it; the link token is not in the URL.
  const iframe = page.locator('iframe[data-jumplink-frame]')
  const src = new URL((await iframe.getAttribute('src')) ?? '')
  expect(src.origin).toBe(e2e.stack.linkUrl)
  expect(src.pathname).toBe('/link')
  expect([...src.searchParams.keys()]).toEqual(['origin'])
  expect(src.searchParams.get('origin')).toBe(e2e.stack.hostUrl)
  const widget = frameWidget(page)
  await expectStep(widget, /^Connect .+ to JumpCloud$/)
  await shot('consent-in-frame')

  // Records forged messages as they arrive. It listens after the embed (registered later), so
  // once it has seen them, the embed has handled them too.
  await page.evaluate((linkOrigin) => {
    const seen: string[] = []
    // The test project has no DOM types: the browser's window, as far as used here.
    const win = globalThis as unknown as {
      forgedSeen: string[]
      addEventListener(
        type: 'message',
        listener: (e: { origin: string; data: unknown }) => void,
      ): void
    }
    win.forgedSeen = seen
    win.addEventListener('message', (event) => {
      const data = event.data as { type?: string } | null
      if (event.origin !== linkOrigin && data?.type) seen.push(data.type)
    })
  }, e2e.stack.linkUrl)

  // A page of another origin (here the sandbox's) that holds a reference to the host window
  // forges a success and an exit, as the frame would send them. The host must not listen.
  const [foreign] = await Promise.all([
    page.waitForEvent('popup'),
    page.evaluate((url) => {
      ;(globalThis as unknown as { open(url: string, name: string): void }).open(url, 'foreign')
    }, `${e2e.stack.sandbox.url}/_sandbox`),
  ])
  await foreign.waitForLoadState()
  await foreign.evaluate(() => {
    const { opener } = globalThis as unknown as {
      opener: { postMessage(message: unknown, target: string): void }
    }
    opener.postMessage(
      {
        jumplink: 1,
        type: 'success',
        data: {
          publicToken: 'pt_forged_by_a_foreign_page',
          organization: { id: 'org', name: 'Forged' },
          connectionId: 'conn_forged000000000000000000',
        },
      },
      '*',
    )
    opener.postMessage(
      { jumplink: 1, type: 'exit', data: { reason: 'error', step: 'consent' } },
      '*',
    )
  })
  await page.waitForFunction(() =>
    (globalThis as unknown as { forgedSeen: string[] }).forgedSeen.includes('exit'),
  )
  await foreign.close()
  // The frame is still there, on the same step, and nothing was sent to the backend.
  await expectStep(widget, /^Connect .+ to JumpCloud$/)
  expect(await iframe.count()).toBe(1)
  expect(exchanges).toEqual([])

  await reachKeyForm(widget)
  await shot('key-form-in-frame')
  await submitKey(widget, SCENARIO_KEYS.single)
  await expectStep(widget, 'Connected')
  await shot('connected-in-frame')
  await finish(widget)
  await iframe.waitFor({ state: 'detached' })

  await page.getByRole('table', { name: 'People and their access' }).waitFor()
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
    'Access review: Acme Corp',
  )
  expect(exchanges).toHaveLength(1)
  await shot('access-review')
  expect(problems).toEqual([])
})
