import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTally } from './support/figures'
import { startSession } from './support/flow'
import type { Reply } from './support/http'
import { type Stack, startStack } from './support/stack'

/**
 * Many completions and exchanges at once, on both databases the link server runs on: each
 * public token is exchanged exactly once, each link session completes once, and no connection
 * is lost or made twice.
 */
const tally = createTally('concurrency')
const SESSIONS = 24
const EXCHANGES_PER_TOKEN = 3
const COMPLETIONS_PER_SESSION = 4

const statuses = (replies: Reply[]) => replies.map((r) => r.status).sort()

describe.each(['postgres', 'pglite'] as const)('on %s', (database) => {
  let stack: Stack
  let secret: string

  beforeAll(async () => {
    stack = await startStack({
      database,
      label: 'concurrency',
      env: { LINK_RATE_LIMIT_PER_ADDRESS: '100000' },
    })
    secret = (await stack.link.addHostApp()).secret
  })
  afterAll(async () => {
    await stack?.close()
  })

  async function connectionIds(): Promise<string[]> {
    const list = await stack.call('GET', '/v1/connections?limit=1000', { token: secret })
    return (list.json as { result: { id: string }[] }).result.map((c) => c.id)
  }

  it(`${SESSIONS} parallel completions, each token exchanged ${EXCHANGES_PER_TOKEN} times at once: one wins each`, async () => {
    const before = await connectionIds()
    const links = await Promise.all(
      Array.from({ length: SESSIONS }, (_, i) => startSession(stack.call, secret, `user-${i}`)),
    )
    const completions = await Promise.all(
      links.map((token) =>
        stack.call('POST', '/v1/link/complete', {
          token,
          body: { api_key: stack.key, region: 'us', organization_id: stack.orgId },
        }),
      ),
    )
    tally.add('concurrency.completions', completions.length)
    expect(statuses(completions)).toEqual(Array(SESSIONS).fill(200))
    const done = completions.map((r) => r.json as { public_token: string; connection_id: string })

    const exchanges = await Promise.all(
      done.flatMap(({ public_token }) =>
        Array.from({ length: EXCHANGES_PER_TOKEN }, () =>
          stack.call('POST', '/v1/tokens/exchange', { token: secret, body: { public_token } }),
        ),
      ),
    )
    tally.add('concurrency.exchanges', exchanges.length)
    // Grouped by public token: exactly one 200, the rest public_token_already_used.
    for (let i = 0; i < SESSIONS; i++) {
      const mine = exchanges.slice(i * EXCHANGES_PER_TOKEN, (i + 1) * EXCHANGES_PER_TOKEN)
      expect(statuses(mine)).toEqual([200, ...Array(EXCHANGES_PER_TOKEN - 1).fill(409)])
      for (const lost of mine.filter((r) => r.status === 409)) {
        expect((lost.json as { error: { code: string } }).error.code).toBe(
          'public_token_already_used',
        )
      }
      const won = mine.find((r) => r.status === 200)?.json as { connection: { id: string } }
      expect(won.connection.id).toBe(done[i]?.connection_id)
    }
    tally.add('concurrency.exchanges_won', exchanges.filter((r) => r.status === 200).length)

    // Every connection exists once, and reads through the token its exchange gave.
    const after = await connectionIds()
    const made = after.filter((id) => !before.includes(id))
    expect(new Set(made).size).toBe(made.length)
    expect(made.sort()).toEqual(done.map((d) => d.connection_id).sort())
    tally.add('concurrency.connections_found', made.length)
    const tokens = exchanges
      .filter((r) => r.status === 200)
      .map((r) => (r.json as { integration_token: string }).integration_token)
    const reads = await Promise.all(
      tokens.map((token) =>
        stack.call('GET', '/v1/unified/user-directory/organizations', { token }),
      ),
    )
    expect(statuses(reads)).toEqual(Array(SESSIONS).fill(200))
  })

  it(`one link session completed ${COMPLETIONS_PER_SESSION} times at once: one connection`, async () => {
    const before = await connectionIds()
    for (let round = 0; round < 4; round++) {
      const token = await startSession(stack.call, secret)
      const replies = await Promise.all(
        Array.from({ length: COMPLETIONS_PER_SESSION }, () =>
          stack.call('POST', '/v1/link/complete', {
            token,
            body: { api_key: stack.key, region: 'us', organization_id: stack.orgId },
          }),
        ),
      )
      tally.add('concurrency.completions', replies.length)
      // One completion wins; the others lose the race (409), or arrive after it committed and,
      // being the same admin's retry, get a public token for that same connection.
      expect(statuses(replies)[0]).toBe(200)
      for (const status of statuses(replies)) expect([200, 409]).toContain(status)
      const connections = new Set(
        replies
          .filter((r) => r.status === 200)
          .map((r) => (r.json as { connection_id: string }).connection_id),
      )
      expect(connections.size).toBe(1)
    }
    const made = (await connectionIds()).filter((id) => !before.includes(id))
    expect(made).toHaveLength(4)
    tally.add('concurrency.connections_found', made.length)
  })
})

afterAll(() => tally.save())
