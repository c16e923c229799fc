import type { ErrorCode } from '@jumplink/shared'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  FAULT_ORG_ID,
  type Fault,
  type FaultServer,
  startFaultServer,
} from './support/fault-server'
import { createTally } from './support/figures'
import { connect, startSession } from './support/flow'
import { type Call, createCaller, expectError, type Reply } from './support/http'
import { type RunningLinkServer, startLinkServer } from './support/link-server'
import { createDatabase, type FreshDatabase } from './support/postgres'

/**
 * The directory misbehaving: 429 storms, 5xx, silence, truncated JSON, dropped connections,
 * played by a fault server that counts what reaches it. Every call ends in the right catalog
 * error after a bounded number of attempts, without the directory's own words, and leaves no
 * request open upstream.
 */
const tally = createTally('upstream-faults')
const KEY = `jca_${'F'.repeat(36)}`
const READ = '/v1/unified/user-directory/organizations'
/** The reads' retry policy (providers/jumpcloud/http.ts): the first attempt and 3 retries. */
const MAX_ATTEMPTS = 4
/** Calls in flight per connection (the provider's keyed semaphore), set for this server. */
const PER_CONNECTION_CAP = 4
/**
 * The most requests the directory may see open at once for one connection when attempts time
 * out: the cap, plus as many again whose abort has freed their slot but whose socket close the
 * directory has not yet seen. A pile-up would show every call open at once.
 */
const MOST_OPEN = 2 * PER_CONNECTION_CAP
const SILENT_CALLS = 24

let fault: FaultServer
let database: FreshDatabase
let link: RunningLinkServer
let call: Call
let secret: string
let connection: { connectionId: string; token: string }
/** Upstream requests one healthy unified read makes (the unit of "attempts"). */
let perRead = 0

beforeAll(async () => {
  fault = await startFaultServer()
  database = await createDatabase('faults')
  link = await startLinkServer({
    directoryUrl: fault.url,
    env: {
      DATABASE_URL: database.url,
      LINK_DIRECTORY_TIMEOUT_MS: '300',
      LINK_DIRECTORY_CONCURRENCY: String(PER_CONNECTION_CAP),
    },
  })
  call = createCaller(link.url)
  secret = (await link.addHostApp()).secret
  connection = await connect(call, secret, KEY, FAULT_ORG_ID)
  fault.resetCounts()
  expect((await call('GET', READ, { token: connection.token })).status).toBe(200)
  perRead = fault.counts.requests
  expect(perRead).toBeGreaterThan(0)
})
afterAll(async () => {
  tally.save()
  await link?.close()
  await fault?.close()
  await database?.drop()
})

/** After the calls returned: nothing is still open at the directory (waits for the sockets to close). */
async function nothingOpenUpstream() {
  await vi.waitFor(() => expect(fault.counts.open).toBe(0), { timeout: 5000, interval: 20 })
}

/** Runs calls against a fault, checks each answer, counts what was injected and survived. */
async function underFault(
  injected: Fault,
  calls: (() => Promise<Reply>)[],
  check: (reply: Reply) => void,
) {
  fault.set(injected)
  fault.resetCounts()
  tally.add('faults.injected', calls.length)
  const replies = await Promise.all(calls.map((c) => c()))
  for (const reply of replies) {
    check(reply)
    expect(reply.text).not.toContain(fault.marker)
    expect(reply.text).not.toMatch(/stack|at x/)
  }
  await nothingOpenUpstream()
  fault.set({ kind: 'ok' })
  expect((await call('GET', '/healthz')).status).toBe(200)
  tally.add('faults.survived', replies.length)
  tally.add('faults.upstream_requests', fault.counts.requests)
  tally.add('faults.upstream_open_after_calls', fault.counts.open)
  return { attempts: fault.counts.requests, maxOpen: fault.counts.maxOpen }
}

const read = () => call('GET', READ, { token: connection.token })

/**
 * Attempts seen upstream for `calls` reads: every upstream call a read makes (`perRead`, some in
 * parallel) takes `each` attempts at most, and the first takes them all. Identical reads of one
 * connection in flight together share their upstream calls, so parallel reads may cost fewer.
 */
function expectBounded(attempts: number, each: number, calls = 1) {
  expect(attempts).toBeGreaterThanOrEqual(each)
  expect(attempts).toBeLessThanOrEqual(calls * each * perRead)
}

interface ReadCase {
  name: string
  fault: Fault
  code: ErrorCode
  /** Attempts per upstream call: retried faults take every attempt, the others one. */
  attempts: number
  retryAfter?: number
}

const READ_CASES: ReadCase[] = [
  {
    name: '429 with Retry-After beyond the retry budget',
    fault: { kind: 'status', status: 429, headers: { 'retry-after': '30' } },
    code: 'provider_rate_limited',
    attempts: 1,
    retryAfter: 30,
  },
  {
    name: '429 with a short Retry-After',
    fault: { kind: 'status', status: 429, headers: { 'retry-after': '1' } },
    code: 'provider_rate_limited',
    attempts: MAX_ATTEMPTS,
    retryAfter: 1,
  },
  {
    name: '500 with a stack trace in the body',
    fault: { kind: 'status', status: 500 },
    code: 'provider_unavailable',
    attempts: MAX_ATTEMPTS,
  },
  {
    name: '502',
    fault: { kind: 'status', status: 502 },
    code: 'provider_unavailable',
    attempts: MAX_ATTEMPTS,
  },
  {
    name: '503',
    fault: { kind: 'status', status: 503 },
    code: 'provider_unavailable',
    attempts: MAX_ATTEMPTS,
  },
  {
    name: '504',
    fault: { kind: 'status', status: 504 },
    code: 'provider_timeout',
    attempts: MAX_ATTEMPTS,
  },
  {
    name: 'a server that accepts and never answers',
    fault: { kind: 'hang' },
    code: 'provider_timeout',
    attempts: MAX_ATTEMPTS,
  },
  {
    name: 'dropped connections',
    fault: { kind: 'reset' },
    code: 'provider_unavailable',
    attempts: MAX_ATTEMPTS,
  },
  {
    name: 'truncated JSON',
    fault: { kind: 'truncated' },
    code: 'provider_unavailable',
    attempts: 1,
  },
  {
    name: 'a body that stalls half way',
    fault: { kind: 'stall-body' },
    code: 'provider_timeout',
    attempts: 1,
  },
]

describe('unified reads under upstream faults', () => {
  it.each(READ_CASES.map((c) => [c.name, c] as const))(
    '%s: the right error after bounded attempts, nothing left open',
    async (_, c) => {
      const { attempts } = await underFault(c.fault, [read], (reply) => {
        const error = expectError(reply, c.code)
        if (c.retryAfter !== undefined) {
          expect(error.retry_after).toBe(c.retryAfter)
          expect(reply.headers.get('retry-after')).toBe(String(c.retryAfter))
        }
      })
      expectBounded(attempts, c.attempts)
    },
  )

  it('a 429 storm: 24 parallel reads, at most 4 upstream at once, each refused once', async () => {
    const { attempts, maxOpen } = await underFault(
      { kind: 'status', status: 429, headers: { 'retry-after': '30' } },
      Array.from({ length: 24 }, () => read),
      (reply) => expect(expectError(reply, 'provider_rate_limited').retry_after).toBe(30),
    )
    expectBounded(attempts, 1, 24)
    expect(maxOpen).toBeLessThanOrEqual(PER_CONNECTION_CAP)
    tally.add('faults.storm_calls', 24)
  })

  it(`a silent directory: ${SILENT_CALLS} parallel reads time out, no pile-up, no request left open`, async () => {
    const { attempts, maxOpen } = await underFault(
      { kind: 'hang' },
      Array.from({ length: SILENT_CALLS }, () => read),
      (reply) => expectError(reply, 'provider_timeout'),
    )
    expectBounded(attempts, MAX_ATTEMPTS, SILENT_CALLS)
    expect(maxOpen).toBeLessThanOrEqual(MOST_OPEN)
    expect(maxOpen).toBeLessThan(SILENT_CALLS)
    tally.add('faults.storm_calls', SILENT_CALLS)
    tally.add('faults.most_open_upstream_in_silent_storm', maxOpen)
  })
})

describe('the link flow, connection checks and the proxy under upstream faults (one attempt each)', () => {
  const cases: [string, Fault, ErrorCode][] = [
    [
      '429',
      { kind: 'status', status: 429, headers: { 'retry-after': '7' } },
      'provider_rate_limited',
    ],
    ['503', { kind: 'status', status: 503 }, 'provider_unavailable'],
    ['silence', { kind: 'hang' }, 'provider_timeout'],
    ['a dropped connection', { kind: 'reset' }, 'provider_unavailable'],
    ['truncated JSON', { kind: 'truncated' }, 'provider_unavailable'],
  ]

  it.each(cases)('key check (organizations) under %s', async (_, injected, code) => {
    const linkToken = await startSession(call, secret)
    const { attempts } = await underFault(
      injected,
      [
        () =>
          call('POST', '/v1/link/organizations', {
            token: linkToken,
            body: { api_key: KEY, region: 'us' },
          }),
      ],
      (reply) => {
        const error = expectError(reply, code)
        if (code === 'provider_rate_limited') expect(error.retry_after).toBe(7)
      },
    )
    expect(attempts).toBe(1)
  })

  it.each(cases)('connection check under %s', async (_, injected, code) => {
    const { attempts } = await underFault(
      injected,
      [() => call('POST', `/v1/connections/${connection.connectionId}/check`, { token: secret })],
      (reply) => expectError(reply, code),
    )
    expect(attempts).toBe(1)
    // A directory fault is not a verdict on the key: the connection stays active.
    const got = await call('GET', `/v1/connections/${connection.connectionId}`, { token: secret })
    expect(got.json).toMatchObject({ status: 'active' })
  })

  it.each([
    ['silence', { kind: 'hang' }, 'provider_timeout'],
    ['a dropped connection', { kind: 'reset' }, 'provider_unavailable'],
  ] as const)('proxy under %s', async (_, injected, code) => {
    const { attempts } = await underFault(
      injected,
      [() => call('GET', '/v1/proxy/api/systemusers', { token: connection.token })],
      (reply) => expectError(reply, code),
    )
    expect(attempts).toBe(1)
  })

  it('the proxy turns a directory 401 into invalid_api_key without its body', async () => {
    const { attempts } = await underFault(
      { kind: 'status', status: 401 },
      [() => call('GET', '/v1/proxy/api/systemusers', { token: connection.token })],
      (reply) => expectError(reply, 'invalid_api_key'),
    )
    expect(attempts).toBe(1)
    // A rejected key breaks the connection; a healthy check mends it for the tests after this one.
    const check = await call('POST', `/v1/connections/${connection.connectionId}/check`, {
      token: secret,
    })
    expect(check.json).toMatchObject({ status: 'active' })
  })
})
