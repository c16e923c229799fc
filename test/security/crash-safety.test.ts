import { createHostApp, openPostgresStore, type Store } from '@jumplink/link-server'
import { type RunningSandbox, SCENARIO_KEYS, startSandbox } from '@jumplink/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ChildServer, childLinkServer } from './support/child-server'
import { createTally } from './support/figures'
import { startSession } from './support/flow'
import { type Call, createCaller, expectError } from './support/http'
import { newMasterKeys } from './support/link-server'
import { createDatabase, type FreshDatabase } from './support/postgres'

/**
 * kill -9 during a burst of completions and exchanges, on PostgreSQL, with the link server in its
 * own process as production runs it. After a restart, everything acknowledged is there and
 * decrypts; everything unacknowledged either happens once when retried or had happened exactly
 * once; nothing is duplicated.
 */
const tally = createTally('crash-safety')
const ROUNDS = 2
const COMPLETIONS = 36
const EXCHANGES = 18
const WORKERS = 8
/** The kill comes once this share of the burst has been answered. */
const KILL_AFTER = 0.4

let sandbox: RunningSandbox
let database: FreshDatabase
let server: ChildServer
let store: Store
let call: Call
let host: { id: string; secret: string }
let orgId: string

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
  orgId = sandbox.sandbox.organizations.single.id
  database = await createDatabase('crash')
  server = await childLinkServer({
    LINK_MODE: 'production',
    DATABASE_URL: database.url,
    LINK_MASTER_KEYS: newMasterKeys(),
    LINK_DIRECTORY_URL: sandbox.url,
    LINK_RATE_LIMIT_PER_ADDRESS: '100000',
    LINK_LOG_LEVEL: 'info',
  })
  await server.start()
  // The operator's step: a host app, made in the database the server migrated.
  store = await openPostgresStore({ databaseUrl: database.url, maxConnections: 2 })
  const made = await createHostApp(store, {
    name: 'Crash host',
    allowedOrigins: ['https://host.example'],
  })
  host = { id: made.hostApp.id, secret: made.secret }
  call = createCaller(server.url)
}, 120_000)
afterAll(async () => {
  tally.save()
  await server?.stop()
  await store?.close()
  await sandbox?.close()
  await database?.drop()
})

type Outcome<T> = { acknowledged: true; value: T } | { acknowledged: false }

interface Completion {
  endUser: string
  linkToken: string
  outcome?: Outcome<{ public_token: string; connection_id: string }>
}
interface Exchange {
  publicToken: string
  connectionId: string
  outcome?: Outcome<{ integration_token: string }>
}

const completeBody = () => ({ api_key: SCENARIO_KEYS.single, region: 'us', organization_id: orgId })

async function tryComplete(c: Completion) {
  try {
    const reply = await call('POST', '/v1/link/complete', {
      token: c.linkToken,
      body: completeBody(),
    })
    c.outcome =
      reply.status === 200
        ? {
            acknowledged: true,
            value: reply.json as { public_token: string; connection_id: string },
          }
        : { acknowledged: false }
  } catch {
    c.outcome = { acknowledged: false }
  }
}

async function tryExchange(e: Exchange) {
  try {
    const reply = await call('POST', '/v1/tokens/exchange', {
      token: host.secret,
      body: { public_token: e.publicToken },
    })
    e.outcome =
      reply.status === 200
        ? { acknowledged: true, value: reply.json as { integration_token: string } }
        : { acknowledged: false }
  } catch {
    e.outcome = { acknowledged: false }
  }
}

/** Runs the burst through a few workers and kills the server once enough has been answered. */
async function burstAndKill(jobs: (() => Promise<void>)[]) {
  let sent = 0
  let answered = 0
  let inFlightAtKill = 0
  let killed = false
  let kill: Promise<void> | undefined
  const queue = [...jobs]
  const worker = async () => {
    for (let job = queue.shift(); job && !killed; job = queue.shift()) {
      sent++
      await job()
      answered++
      if (!killed && answered >= jobs.length * KILL_AFTER) {
        killed = true
        inFlightAtKill = sent - answered
        kill = server.kill()
      }
    }
  }
  await Promise.all(Array.from({ length: WORKERS }, worker))
  await kill
  expect(killed).toBe(true)
  // Mid-burst: requests were on the wire when the process died, and more were waiting.
  expect(inFlightAtKill).toBeGreaterThan(0)
  tally.add('crash.kills')
  tally.add('crash.requests_in_flight_at_kill', inFlightAtKill)
  tally.add('crash.requests_never_sent', queue.length)
}

async function connectionsOf(endUser: string): Promise<{ id: string; status: string }[]> {
  const list = await call('GET', `/v1/connections?end_user_id=${endUser}&limit=100`, {
    token: host.secret,
  })
  expect(list.status).toBe(200)
  return (list.json as { result: { id: string; status: string }[] }).result
}

/** Decrypts and re-checks the stored key at the directory: the connection is whole. */
async function expectWhole(connectionId: string, integrationToken?: string) {
  const check = await call('POST', `/v1/connections/${connectionId}/check`, { token: host.secret })
  expect(check.status, check.text).toBe(200)
  expect(check.json).toMatchObject({ id: connectionId, status: 'active' })
  if (integrationToken) {
    const read = await call('GET', '/v1/unified/user-directory/organizations', {
      token: integrationToken,
    })
    expect(read.status, read.text).toBe(200)
  }
}

describe.each(Array.from({ length: ROUNDS }, (_, i) => i + 1))('round %i', (round) => {
  const completions: Completion[] = []
  const exchanges: Exchange[] = []

  it('kill -9 in the middle of a burst of completions and exchanges', async () => {
    // Exchanges need public tokens from completions acknowledged before the burst.
    for (let i = 0; i < EXCHANGES; i++) {
      const linkToken = await startSession(call, host.secret, `pre-${round}-${i}`)
      const c: Completion = { endUser: `pre-${round}-${i}`, linkToken }
      await tryComplete(c)
      if (!c.outcome?.acknowledged) throw new Error('a completion before the burst failed')
      exchanges.push({
        publicToken: c.outcome.value.public_token,
        connectionId: c.outcome.value.connection_id,
      })
    }
    for (let i = 0; i < COMPLETIONS; i++) {
      const endUser = `burst-${round}-${i}`
      completions.push({ endUser, linkToken: await startSession(call, host.secret, endUser) })
    }
    // Interleaved, so that both kinds are in flight when the kill comes.
    const jobs: (() => Promise<void>)[] = []
    for (let i = 0; i < Math.max(COMPLETIONS, EXCHANGES); i++) {
      const c = completions[i]
      const e = exchanges[i]
      if (c) jobs.push(() => tryComplete(c))
      if (e) jobs.push(() => tryExchange(e))
    }
    await burstAndKill(jobs)
    await server.start()
    tally.add('crash.restarts')

    const acked = [...completions, ...exchanges].filter((x) => x.outcome?.acknowledged).length
    expect(acked).toBeGreaterThan(0)
    expect(acked).toBeLessThan(completions.length + exchanges.length)
  })

  it('every acknowledged completion exists once, decrypts, and its public token works once', async () => {
    for (const c of completions) {
      if (!c.outcome?.acknowledged) continue
      tally.add('crash.acknowledged')
      const { public_token, connection_id } = c.outcome.value
      expect((await connectionsOf(c.endUser)).map((x) => x.id)).toEqual([connection_id])
      const exchange = await call('POST', '/v1/tokens/exchange', {
        token: host.secret,
        body: { public_token },
      })
      expect(exchange.status, exchange.text).toBe(200)
      await expectWhole(
        connection_id,
        (exchange.json as { integration_token: string }).integration_token,
      )
      tally.add('crash.acknowledged_found')
    }
  })

  it('every acknowledged exchange gives a token that reads; its public token stays spent', async () => {
    for (const e of exchanges) {
      if (!e.outcome?.acknowledged) continue
      tally.add('crash.acknowledged')
      await expectWhole(e.connectionId, e.outcome.value.integration_token)
      expectError(
        await call('POST', '/v1/tokens/exchange', {
          token: host.secret,
          body: { public_token: e.publicToken },
        }),
        'public_token_already_used',
      )
      tally.add('crash.acknowledged_found')
    }
  })

  it('an unacknowledged completion either completes once on retry or had completed once, and its retry gets a usable public token', async () => {
    for (const c of completions) {
      if (c.outcome?.acknowledged) continue
      tally.add('crash.unacknowledged')
      const before = await connectionsOf(c.endUser)
      expect(before.length).toBeLessThanOrEqual(1)
      const retry = await call('POST', '/v1/link/complete', {
        token: c.linkToken,
        body: completeBody(),
      })
      // Either way the widget's retry succeeds: had the completion committed before the kill, its
      // public token never reached the widget, and the retry gets a new one for that connection.
      expect(retry.status, retry.text).toBe(200)
      const { connection_id, public_token } = retry.json as {
        connection_id: string
        public_token: string
      }
      const after = await connectionsOf(c.endUser)
      expect(after.map((x) => x.id)).toEqual([connection_id])
      if (before.length === 0) {
        tally.add('crash.unacknowledged_done_on_retry')
      } else {
        expect(before[0]?.id).toBe(connection_id)
        tally.add('crash.unacknowledged_had_happened')
      }
      // No connection is left that nobody can exchange.
      const exchanged = await call('POST', '/v1/tokens/exchange', {
        token: host.secret,
        body: { public_token },
      })
      expect(exchanged.status, exchanged.text).toBe(200)
      await expectWhole(
        connection_id,
        (exchanged.json as { integration_token: string }).integration_token,
      )
      // Once exchanged, the session is spent.
      const again = await call('POST', '/v1/link/complete', {
        token: c.linkToken,
        body: completeBody(),
      })
      expectError(again, 'link_session_completed')
    }
  })

  it('an unacknowledged exchange either works once on retry or not at all', async () => {
    for (const e of exchanges) {
      if (e.outcome?.acknowledged) continue
      tally.add('crash.unacknowledged')
      const retry = await call('POST', '/v1/tokens/exchange', {
        token: host.secret,
        body: { public_token: e.publicToken },
      })
      if (retry.status === 200) {
        await expectWhole(
          e.connectionId,
          (retry.json as { integration_token: string }).integration_token,
        )
        tally.add('crash.unacknowledged_done_on_retry')
      } else {
        expectError(retry, 'public_token_already_used')
        tally.add('crash.unacknowledged_had_happened')
      }
      expectError(
        await call('POST', '/v1/tokens/exchange', {
          token: host.secret,
          body: { public_token: e.publicToken },
        }),
        'public_token_already_used',
      )
    }
  })

  it('nothing is duplicated: one connection per completed session, none half-made', async () => {
    const rows = await database.query<{ end_user_id: string; n: string; creds: string }>(
      `select end_user_id, count(*) as n, count(credential) as creds from connections
        where end_user_id like $1 group by end_user_id`,
      [`%-${round}-%`],
    )
    expect(rows).toHaveLength(COMPLETIONS + EXCHANGES)
    for (const row of rows) {
      expect({ user: row.end_user_id, n: Number(row.n), creds: Number(row.creds) }).toEqual({
        user: row.end_user_id,
        n: 1,
        creds: 1,
      })
    }
    const orphans = await database.query(
      'select p.hash from public_tokens p left join connections c on c.id = p.connection_id where c.id is null',
    )
    expect(orphans).toEqual([])
    tally.add('crash.connections_checked', rows.length)
  })
})

describe('the Node entry after the crashes', () => {
  it('logged no API key or host secret, and answers what Node cannot parse with a catalog error', async () => {
    const output = server.output.join('')
    expect(output).toContain('listening on')
    expect(output.includes(SCENARIO_KEYS.single)).toBe(false)
    expect(output.includes(host.secret)).toBe(false)
    const huge = await call('GET', '/healthz', { headers: { 'x-pad': 'a'.repeat(64 * 1024) } })
    expectError(huge, 'invalid_request')
  })
})
