import { createSandbox, SCENARIO_KEYS } from '@jumplink/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSession } from '../fixtures/flow'
import { createHarness, type Harness } from '../fixtures/harness'
import { connectWith } from '../fixtures/sandbox-connection'

/**
 * An organization JumpCloud lists with `displayName: null` (issue 19 item 2) is named from its
 * settings in every place the host sees it: the link step's list, the connection and the
 * unified organization.
 */
let h: Harness
const sandbox = createSandbox()
const unnamed = sandbox.organizations.msp.find((o) => o.record.displayName === null)

beforeAll(async () => {
  h = await createHarness({ fetch: (url, init) => Promise.resolve(sandbox.app.request(url, init)) })
})
afterAll(() => h.close())

// The fallback company takes the same name: `unified/fidelity.test.ts` item 2 (this tenant's
// users name companies, so its company list does not fall back).
describe('an organization listed without a display name', () => {
  it('carries its settings name in the link list, the connection and the organization', async () => {
    const name = unnamed?.spec.displayName ?? ''
    expect(unnamed?.record.displayName).toBeNull()
    expect(name).not.toBe('')

    const listed = await h.call('POST', '/v1/link/organizations', {
      token: await startSession(h),
      body: { api_key: SCENARIO_KEYS.msp, region: 'us' },
    })
    expect(listed.status).toBe(200)
    const { organizations } = (await listed.json()) as {
      organizations: { id: string; name: string }[]
    }
    expect(organizations.find((o) => o.id === unnamed?.id)?.name).toBe(name)

    const { connectionId, token } = await connectWith(h, SCENARIO_KEYS.msp, unnamed?.id ?? '')
    const connection = await h.call('GET', `/v1/connections/${connectionId}`, { token: h.secret })
    expect(connection.status).toBe(200)
    expect(((await connection.json()) as { organization: unknown }).organization).toEqual({
      id: unnamed?.id,
      name,
    })

    const organization = await h.call('GET', '/v1/unified/user-directory/organizations', { token })
    expect(((await organization.json()) as { result: { name: string }[] }).result).toEqual([
      expect.objectContaining({ id: unnamed?.id, name }),
    ])
  })
})
