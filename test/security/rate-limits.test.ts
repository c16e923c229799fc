import { SCENARIO_KEYS } from '@jumplink/sandbox'
import { afterAll, describe, expect, it } from 'vitest'
import { createTally } from './support/figures'
import { startSession } from './support/flow'
import { expectError, type Reply } from './support/http'
import { type Stack, startStack } from './support/stack'

/**
 * Key checks (the organization list and the completion) are where an attacker would guess API
 * keys: they are limited per link session and per client address. The address is the socket's
 * unless LINK_TRUST_PROXY=true, so X-Forwarded-For buys nothing by default.
 */
const tally = createTally('rate-limits')
const stacks: Stack[] = []
afterAll(async () => {
  tally.save()
  await Promise.all(stacks.map((s) => s.close()))
})

async function stackWith(env: Record<string, string>) {
  const stack = await startStack({ label: 'ratelimit', env })
  stacks.push(stack)
  return { stack, secret: (await stack.link.addHostApp()).secret }
}

/** One key guess: an invalid key, as an attacker would send. */
function guess(stack: Stack, linkToken: string, headers: Record<string, string> = {}) {
  tally.add('rate_limit.key_checks')
  return stack.call('POST', '/v1/link/organizations', {
    token: linkToken,
    body: { api_key: SCENARIO_KEYS.invalid, region: 'us' },
    headers,
  })
}

function expectLimited(reply: Reply) {
  const error = expectError(reply, 'rate_limited')
  expect(error.retry_after).toBeGreaterThanOrEqual(1)
  expect(reply.headers.get('retry-after')).toBe(String(error.retry_after))
  tally.add('rate_limit.refused')
}

describe('key checks are rate limited', () => {
  it('per link session: the 4th guess on one session is refused, another session still checks', async () => {
    const { stack, secret } = await stackWith({
      LINK_RATE_LIMIT_PER_SESSION: '3',
      LINK_RATE_LIMIT_PER_ADDRESS: '1000',
    })
    const session = await startSession(stack.call, secret)
    for (let i = 0; i < 3; i++) expectError(await guess(stack, session), 'invalid_api_key')
    expectLimited(await guess(stack, session))
    // The completion is a key check too, on the same budget.
    tally.add('rate_limit.key_checks')
    expectLimited(
      await stack.call('POST', '/v1/link/complete', {
        token: session,
        body: { api_key: stack.key, region: 'us', organization_id: stack.orgId },
      }),
    )
    const other = await startSession(stack.call, secret)
    expectError(await guess(stack, other), 'invalid_api_key')
  })

  it('per address: fresh sessions from one address share its budget', async () => {
    const { stack, secret } = await stackWith({
      LINK_RATE_LIMIT_PER_SESSION: '1000',
      LINK_RATE_LIMIT_PER_ADDRESS: '5',
    })
    for (let i = 0; i < 5; i++) {
      expectError(await guess(stack, await startSession(stack.call, secret)), 'invalid_api_key')
    }
    expectLimited(await guess(stack, await startSession(stack.call, secret)))
    // A correct key does not jump the queue either.
    const session = await startSession(stack.call, secret)
    tally.add('rate_limit.key_checks')
    expectLimited(
      await stack.call('POST', '/v1/link/organizations', {
        token: session,
        body: { api_key: stack.key, region: 'us' },
      }),
    )
  })

  it('by default X-Forwarded-For is ignored: spoofing a new address each time does not help', async () => {
    const { stack, secret } = await stackWith({
      LINK_RATE_LIMIT_PER_SESSION: '1000',
      LINK_RATE_LIMIT_PER_ADDRESS: '5',
    })
    for (let i = 0; i < 5; i++) {
      const spoof = { 'x-forwarded-for': `198.51.100.${i}` }
      expectError(
        await guess(stack, await startSession(stack.call, secret), spoof),
        'invalid_api_key',
      )
    }
    for (let i = 5; i < 8; i++) {
      const spoof = { 'x-forwarded-for': `198.51.100.${i}, 10.0.0.1` }
      expectLimited(await guess(stack, await startSession(stack.call, secret), spoof))
      tally.add('attacks.tried')
      tally.add('attacks.rejected')
    }
  })

  it('with LINK_TRUST_PROXY=true the forwarded address is the one limited', async () => {
    const { stack, secret } = await stackWith({
      LINK_TRUST_PROXY: 'true',
      LINK_RATE_LIMIT_PER_SESSION: '1000',
      LINK_RATE_LIMIT_PER_ADDRESS: '5',
    })
    const a = { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' }
    const b = { 'x-forwarded-for': '203.0.113.8' }
    for (let i = 0; i < 5; i++) {
      expectError(await guess(stack, await startSession(stack.call, secret), a), 'invalid_api_key')
    }
    expectLimited(await guess(stack, await startSession(stack.call, secret), a))
    // The first hop is the client: other proxies after it do not make it someone else.
    expectLimited(
      await guess(stack, await startSession(stack.call, secret), {
        'x-forwarded-for': '203.0.113.7, 10.0.0.2',
      }),
    )
    expectError(await guess(stack, await startSession(stack.call, secret), b), 'invalid_api_key')
  })
})
