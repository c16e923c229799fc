import { createSandbox, SCENARIO_KEYS } from '@jumplink/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectError, startSession } from './fixtures/flow'
import { createHarness, type Harness } from './fixtures/harness'

/** The link flow against the sandbox (a local JumpCloud), in-process. */
let h: Harness
const sandbox = createSandbox()
beforeAll(async () => {
  h = await createHarness({ fetch: (url, init) => Promise.resolve(sandbox.app.request(url, init)) })
})
afterAll(() => h.close())

describe('link flow on the sandbox', () => {
  it('connects one organization of an MSP key and exchanges the public token', async () => {
    const token = await startSession(h)
    const list = await h.call('POST', '/v1/link/organizations', {
      token,
      body: { api_key: SCENARIO_KEYS.msp, region: 'us' },
    })
    const { organizations } = (await list.json()) as { organizations: { id: string }[] }
    expect(organizations).toHaveLength(3)
    const chosen = organizations[2]?.id
    const done = await h.call('POST', '/v1/link/complete', {
      token,
      body: { api_key: SCENARIO_KEYS.msp, region: 'us', organization_id: chosen },
    })
    const { public_token, organization } = (await done.json()) as {
      public_token: string
      organization: { id: string }
    }
    expect(organization.id).toBe(chosen)
    const exchange = await h.call('POST', '/v1/tokens/exchange', {
      token: h.secret,
      body: { public_token },
    })
    expect(await exchange.json()).toMatchObject({
      connection: { organization: { id: chosen }, status: 'active' },
    })
  })

  it('reports a bad and a forbidden key with catalog codes', async () => {
    const orgs = async (api_key: string) =>
      h.call('POST', '/v1/link/organizations', {
        token: await startSession(h),
        body: { api_key, region: 'us' },
      })
    await expectError(await orgs(SCENARIO_KEYS.invalid), 'invalid_api_key')
    await expectError(await orgs(SCENARIO_KEYS.forbidden), 'insufficient_permissions')
  })
})
