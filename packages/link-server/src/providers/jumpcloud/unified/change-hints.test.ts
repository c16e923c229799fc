import { createSandbox, SCENARIO_KEYS } from '@jumplink/sandbox'
import { describe, expect, it } from 'vitest'
import { createJumpcloudHttp } from '../http'
import { createDirectoryReader } from './index'

const sandbox = createSandbox()
const org = sandbox.organizations.single
const bodies: Record<string, unknown>[] = []
const http = createJumpcloudHttp({
  baseUrl: 'http://sandbox.test',
  fetch: (url, init) => {
    if (String(url).includes('/insights/')) bodies.push(JSON.parse(String(init.body)))
    return Promise.resolve(sandbox.app.request(url, init))
  },
  maxRetries: 0,
})
const reader = createDirectoryReader(http)
const session = {
  connectionId: 'conn_hints',
  credential: SCENARIO_KEYS.single,
  region: 'us' as const,
  organizationId: org.id,
}

const admin = (path: string, body: unknown) =>
  sandbox.app.request(`/_sandbox/organizations/${org.id}${path}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

describe('newestChangeSince (Directory Insights as a hint)', () => {
  it('answers null while nothing changed, then the time of an admin change, in one call each', async () => {
    const since = new Date(Date.now() - 1000)
    expect(await reader.newestChangeSince?.(session, since)).toBeNull()
    const user = org.data.users.find((u) => u.state === 'ACTIVATED')
    if (!user) throw new Error('an active user')
    expect((await admin(`/users/${user._id}`, { suspended: true })).status).toBe(200)
    const newest = await reader.newestChangeSince?.(session, since)
    expect(newest).toBeInstanceOf(Date)
    expect(newest?.getTime()).toBeGreaterThanOrEqual(since.getTime())
    // Asked for later than the change: nothing.
    expect(
      await reader.newestChangeSince?.(session, new Date((newest?.getTime() ?? 0) + 1)),
    ).toBeNull()
    expect(bodies).toHaveLength(3)
    expect(bodies[0]).toMatchObject({ limit: 1, sort: 'DESC', start_time: since.toISOString() })
  })
})
