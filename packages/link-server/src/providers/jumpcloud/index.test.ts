import { createSandbox, SCENARIO_KEYS } from '@jumplink/sandbox'
import { JumpLinkError } from '@jumplink/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import type { DirectoryProvider } from '../provider'
import { mapUpstreamStatus, parseRetryAfter } from './errors'
import { createProvider } from './index'

/** The JumpCloud provider against the sandbox, in-process through an injected fetch. */
let sandbox: ReturnType<typeof createSandbox>
let provider: DirectoryProvider

beforeAll(() => {
  sandbox = createSandbox({
    rateLimit: { requestsPerWindow: 1, windowSeconds: 30 },
    slowLatencyMs: 2_000,
  })
  provider = createProvider({
    baseUrl: 'http://sandbox.test',
    fetch: (url, init) => Promise.resolve(sandbox.app.request(url, init)),
    timeoutMs: 300,
  })
})

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise
    return 'ok'
  } catch (error) {
    return error instanceof JumpLinkError ? error.code : String(error)
  }
}

describe('JumpCloud provider on the sandbox', () => {
  it('lists the one organization of a single-org key', async () => {
    const orgs = await provider.listOrganizations({
      credential: SCENARIO_KEYS.single,
      region: 'us',
    })
    expect(orgs).toEqual([{ id: sandbox.organizations.single.id, name: expect.any(String) }])
  })

  it('lists the three organizations of an MSP key and verifies one with x-org-id', async () => {
    const orgs = await provider.listOrganizations({ credential: SCENARIO_KEYS.msp, region: 'eu' })
    expect(orgs.map((o) => o.id)).toEqual(sandbox.organizations.msp.map((o) => o.id))
    const chosen = sandbox.organizations.msp[1]?.id ?? ''
    const verified = await provider.verifyOrganization({
      credential: SCENARIO_KEYS.msp,
      region: 'eu',
      organizationId: chosen,
    })
    expect(verified).toMatchObject({ id: chosen, multiOrganization: true })
  })

  it('verifies the organization of a single-org key and says it reads no other', async () => {
    const verified = await provider.verifyOrganization({
      credential: SCENARIO_KEYS.single,
      region: 'us',
      organizationId: sandbox.organizations.single.id,
    })
    expect(verified).toEqual({
      id: sandbox.organizations.single.id,
      name: expect.any(String),
      multiOrganization: false,
    })
  })

  it('says organization_not_accessible for an organization the key cannot reach', async () => {
    const check = (organizationId: string) =>
      codeOf(
        provider.verifyOrganization({
          credential: SCENARIO_KEYS.msp,
          region: 'us',
          organizationId,
        }),
      )
    expect(await check(sandbox.organizations.single.id)).toBe('organization_not_accessible')
    expect(await check('not-an-object-id')).toBe('organization_not_accessible')
  })

  it.each([
    ['invalid', 'invalid_api_key'],
    ['forbidden', 'insufficient_permissions'],
    ['slow', 'provider_timeout'],
  ] as const)('maps the %s scenario to %s', async (scenario, code) => {
    expect(
      await codeOf(
        provider.listOrganizations({ credential: SCENARIO_KEYS[scenario], region: 'us' }),
      ),
    ).toBe(code)
  })

  it('maps a spent rate limit to provider_rate_limited with retry_after', async () => {
    const call = () =>
      provider.listOrganizations({ credential: SCENARIO_KEYS.rateLimited, region: 'us' })
    let error: unknown
    for (let i = 0; i < 5 && !error; i++) await call().catch((e: unknown) => (error = e))
    expect(error).toBeInstanceOf(JumpLinkError)
    expect((error as JumpLinkError).code).toBe('provider_rate_limited')
    expect((error as JumpLinkError).retryAfter).toBeGreaterThan(0)
  })

  it('treats a rotated key as invalid', async () => {
    const fresh = sandbox.rotateKey(SCENARIO_KEYS.single)
    expect(
      await codeOf(provider.listOrganizations({ credential: SCENARIO_KEYS.single, region: 'us' })),
    ).toBe('invalid_api_key')
    expect(await codeOf(provider.listOrganizations({ credential: fresh, region: 'us' }))).toBe('ok')
  })
})

describe('upstream status mapping', () => {
  it.each([
    [401, 'list', 'invalid_api_key'],
    [403, 'list', 'insufficient_permissions'],
    [429, 'list', 'provider_rate_limited'],
    [404, 'organization', 'organization_not_accessible'],
    [400, 'organization', 'organization_not_accessible'],
    [404, 'list', 'provider_unavailable'],
    [500, 'list', 'provider_unavailable'],
    [503, 'list', 'provider_unavailable'],
    [504, 'list', 'provider_timeout'],
  ] as const)('%i on a %s call → %s', (status, context, code) => {
    expect(mapUpstreamStatus(status, new Headers(), context).code).toBe(code)
  })

  it('reads Retry-After as seconds or a date, within bounds', () => {
    expect(parseRetryAfter('12')).toBe(12)
    expect(parseRetryAfter(null)).toBe(60)
    expect(parseRetryAfter('soon')).toBe(60)
    expect(parseRetryAfter(new Date(Date.now() + 30_000).toUTCString())).toBeGreaterThanOrEqual(29)
    expect(parseRetryAfter('999999')).toBe(3600)
  })

  it('uses the real regional hosts by default', async () => {
    const urls: string[] = []
    const spy = createProvider({
      fetch: async (url) => {
        urls.push(url)
        return new Response('{"results":[]}', { status: 200 })
      },
    })
    for (const region of ['us', 'eu', 'in'] as const)
      await spy.listOrganizations({ credential: 'k', region })
    expect(urls.map((u) => new URL(u).host)).toEqual([
      'console.jumpcloud.com',
      'console.eu.jumpcloud.com',
      'console.in.jumpcloud.com',
    ])
  })
})
