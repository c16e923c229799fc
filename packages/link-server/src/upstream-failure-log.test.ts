import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSandbox, SCENARIO_KEYS } from '@jumplink/sandbox'
import { afterAll, describe, expect, it } from 'vitest'
import { createLinkServer } from './bootstrap'
import { loadConfig } from './env'
import { DEMO_SECRET_KEY } from './host-apps'

// Issue 19 item 5: a failed directory call is logged by the running server, naming the call
// (method, path without its query, status) and never the key or the directory's answer.

const dir = mkdtempSync(join(tmpdir(), 'jumplink-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('a failed directory call', () => {
  it('is logged once as `directory call failed` with method, path and status only', async () => {
    const sandbox = createSandbox()
    const logs: string[] = []
    const server = await createLinkServer(
      { ...loadConfig({ LINK_MODE: 'demo' }), dataDir: join(dir, '.jumplink') },
      {
        logDestination: { write: (line) => logs.push(line) },
        fetch: (url, init) =>
          new URL(url).pathname === '/api/organizations'
            ? Promise.resolve(new Response('{"message":"secret upstream detail"}', { status: 403 }))
            : Promise.resolve(sandbox.app.request(url, init)),
      },
    )
    try {
      const session = await server.app.request('http://localhost/v1/link-sessions', {
        method: 'POST',
        headers: { authorization: `Bearer ${DEMO_SECRET_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ end_user: { id: 'demo-user' } }),
      })
      const { link_token } = (await session.json()) as { link_token: string }
      const listed = await server.app.request('http://localhost/v1/link/organizations', {
        method: 'POST',
        headers: { authorization: `Bearer ${link_token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ api_key: SCENARIO_KEYS.single, region: 'us' }),
      })
      // A refusal is not retried, so the call is logged after its one attempt.
      expect(listed.status).toBe(403)
      expect(((await listed.json()) as { error: { code: string } }).error.code).toBe(
        'insufficient_permissions',
      )
    } finally {
      await server.close()
    }
    const failed = logs.filter((line) => line.includes('directory call failed'))
    expect(failed).toHaveLength(1)
    for (const line of failed) {
      expect(line).toMatch(/"method":"GET"/)
      expect(line).toMatch(/"path":"\/api\/organizations"/)
      expect(line).toMatch(/"status":403/)
      expect(line).not.toContain('?')
    }
    const text = logs.join('')
    expect(text).not.toContain(SCENARIO_KEYS.single)
    expect(text).not.toContain('secret upstream detail')
    // Starting a server on the embedded database takes a while on a loaded machine.
  }, 60_000)
})
