import { SCENARIO_KEYS } from '@jumplink/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTally } from './support/figures'
import { complete, connect, exchange, startSession } from './support/flow'
import { expectError } from './support/http'
import { type Stack, startStack } from './support/stack'

/**
 * A full run against one link server — link flows (single and MSP), unified reads with remote
 * data, the proxy, key errors, a key rotated at the directory and a relink, checks, a revoke —
 * then a search of everything it left: its log output, every response (status, headers, body)
 * and every row of its database. No API key or host secret may be found in plaintext (nor in
 * base64 or URL encoding), no error may carry a stack or the directory's own error text.
 */
const tally = createTally('secret-hygiene')
let stack: Stack
let host: { id: string; secret: string }
const apiKeys = new Set<string>()
const tokens = new Set<string>()

beforeAll(async () => {
  stack = await startStack({ label: 'hygiene' })
  host = await stack.link.addHostApp('Hygiene host')
})
afterAll(async () => {
  tally.save()
  await stack?.close()
})

const UNIFIED_READS = [
  '/v1/unified/user-directory/users?limit=3&include_remote_data=true&expand=groups,last_login',
  '/v1/unified/user-directory/groups?limit=3&include_remote_data=true',
  '/v1/unified/user-directory/organizations?include_remote_data=true',
  '/v1/unified/hris/employees?limit=3&include_remote_data=true',
  '/v1/unified/mdm/devices?limit=3&include_remote_data=true&expand=users,groups',
  '/v1/unified/sso/applications?limit=3&include_remote_data=true',
  '/v1/unified/events?limit=3&include_remote_data=true',
]

async function fullRun() {
  const { call } = stack
  for (const key of Object.values(SCENARIO_KEYS)) apiKeys.add(key)

  // Single organization: the whole flow, then every family of reads and the proxy.
  const single = await connect(call, host.secret, stack.key, stack.orgId)
  tokens.add(single.token).add(single.publicToken).add(single.linkToken)
  for (const path of UNIFIED_READS) {
    const reply = await call('GET', path, { token: single.token })
    expect(reply.status, `${path}: ${reply.text.slice(0, 200)}`).toBe(200)
  }
  const users = await call('GET', '/v1/unified/user-directory/users?limit=1', {
    token: single.token,
  })
  const userId = (users.json as { result: { id: string }[] }).result[0]?.id
  expect(
    (
      await call('GET', `/v1/unified/user-directory/users/${userId}?include_remote_data=true`, {
        token: single.token,
      })
    ).status,
  ).toBe(200)
  for (const path of [
    '/api/systemusers?limit=2',
    '/api/organizations',
    '/api/v2/usergroups?limit=2',
  ]) {
    expect((await call('GET', `/v1/proxy${path}`, { token: single.token })).status).toBe(200)
  }

  // An MSP key: list, pick the second organization.
  const mspLink = await startSession(call, host.secret)
  const orgs = await call('POST', '/v1/link/organizations', {
    token: mspLink,
    body: { api_key: `  ${SCENARIO_KEYS.msp}\n`, region: 'us' },
  })
  const second = (orgs.json as { organizations: { id: string }[] }).organizations[1]?.id ?? ''
  const msp = await complete(call, mspLink, SCENARIO_KEYS.msp, second)
  const mspToken = await exchange(call, host.secret, msp.public_token)
  tokens.add(mspToken).add(msp.public_token).add(mspLink)

  // Key errors, each carrying the key in the request.
  for (const [key, code] of [
    [SCENARIO_KEYS.invalid, 'invalid_api_key'],
    [SCENARIO_KEYS.forbidden, 'insufficient_permissions'],
    [SCENARIO_KEYS.rateLimited, 'provider_rate_limited'],
  ] as const) {
    const linkToken = await startSession(call, host.secret)
    expectError(
      await call('POST', '/v1/link/organizations', {
        token: linkToken,
        body: { api_key: key, region: 'us' },
      }),
      code,
    )
  }
  // Bad bodies that carry the key: in a field, as a wrong type's neighbour, as a field's name.
  const badLink = await startSession(call, host.secret)
  for (const body of [
    { api_key: stack.key, region: 'mars' },
    { api_key: stack.key, region: 'us', note: stack.key },
    { [stack.key]: true, region: 'us' },
    { api_key: [stack.key], region: 'us' },
  ]) {
    const reply = await call('POST', '/v1/link/complete', { token: badLink, body })
    expect(reply.status).toBe(400)
  }

  // The directory rotates the MSP key: reads fail and break the connection; a relink mends it.
  const rotated = stack.sandbox.sandbox.rotateKey(SCENARIO_KEYS.msp)
  apiKeys.add(rotated)
  expectError(
    await call('GET', '/v1/unified/user-directory/users?limit=1', { token: mspToken }),
    'invalid_api_key',
  )
  const relink = await call('POST', '/v1/link-sessions', {
    token: host.secret,
    body: { end_user: { id: 'user-1' }, connection_id: msp.connection_id },
  })
  const relinkToken = (relink.json as { link_token: string }).link_token
  const again = await complete(call, relinkToken, rotated, second)
  expect(again.connection_id).toBe(msp.connection_id)
  expect(
    (await call('GET', '/v1/unified/user-directory/users?limit=1', { token: mspToken })).status,
  ).toBe(200)

  // Host API: list, get, check, revoke.
  expect((await call('GET', '/v1/connections', { token: host.secret })).status).toBe(200)
  for (const id of [single.connectionId, msp.connection_id]) {
    expect((await call('GET', `/v1/connections/${id}`, { token: host.secret })).status).toBe(200)
    expect((await call('POST', `/v1/connections/${id}/check`, { token: host.secret })).status).toBe(
      200,
    )
  }
  expect(
    (await call('DELETE', `/v1/connections/${single.connectionId}`, { token: host.secret })).status,
  ).toBe(200)
  // A wrong secret that looks like a real one.
  expectError(
    await call('GET', '/v1/connections', { token: `${host.secret}x` }),
    'invalid_secret_key',
  )
}

/** The forms a leaked secret would take: as is, in base64, in URL encoding. */
function forms(secret: string): string[] {
  return [
    secret,
    Buffer.from(secret).toString('base64'),
    Buffer.from(secret).toString('base64url'),
    encodeURIComponent(secret),
  ]
}

describe('after a full run', () => {
  let haystacks: Record<'logs' | 'responses' | 'database', string>

  beforeAll(async () => {
    await fullRun()
    haystacks = {
      logs: stack.link.logs.join('\n'),
      responses: stack.seen.join('\n'),
      database: (await stack.database?.dump()) ?? '',
    }
    for (const text of Object.values(haystacks)) tally.add('hygiene.bytes_searched', text.length)
    tally.add('hygiene.log_lines', stack.link.logs.length)
    tally.add('hygiene.responses', stack.seen.length)
    expect(stack.link.logs.length).toBeGreaterThan(50)
    expect(haystacks.database).toContain('connections')
  })

  it.each(['logs', 'responses', 'database'] as const)(
    'the %s hold no API key and no host secret, in any encoding',
    (where) => {
      const found: string[] = []
      for (const secret of [...apiKeys, host.secret]) {
        for (const form of forms(secret)) {
          tally.add('hygiene.searches')
          if (haystacks[where].includes(form)) {
            const at = haystacks[where].indexOf(form)
            found.push(
              `${form.slice(0, 12)}… in …${haystacks[where].slice(Math.max(0, at - 150), at).replaceAll(form, '<key>')}`,
            )
          }
        }
      }
      tally.add('hygiene.leaks', found.length)
      expect(found).toEqual([])
    },
  )

  it('the logs hold no token, and the database no public or link token', () => {
    for (const token of tokens) {
      tally.add('hygiene.searches', 2)
      expect(haystacks.logs.includes(token)).toBe(false)
      expect(haystacks.database.includes(token)).toBe(false)
    }
  })

  it("no answer carries a stack trace or the directory's own error text", () => {
    for (const reply of stack.seen) {
      tally.add('hygiene.responses_checked')
      expect(reply).not.toMatch(/"stack"|\n\s+at [\w.<>]+ \(|node:internal|\.ts:\d+:\d+/)
      expect(reply).not.toContain('api key user not found')
    }
  })

  it('the stored credentials are ciphertext that names its master key', async () => {
    const rows = await stack.database?.query<{ credential: string | null }>(
      'select credential from connections',
    )
    expect(rows?.length).toBeGreaterThanOrEqual(2)
    for (const row of rows ?? []) {
      // A revoked connection forgets its key; the others hold only the sealed form.
      if (row.credential === null) continue
      expect(row.credential.split('.')[1]).toBe('sec1')
      for (const key of apiKeys) expect(row.credential.includes(key)).toBe(false)
    }
  })
})
