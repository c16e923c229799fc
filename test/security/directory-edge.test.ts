import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAULT_ORG_ID, type FaultServer, startFaultServer } from './support/fault-server'
import { connect, startSession } from './support/flow'
import { type Call, createCaller, expectError } from './support/http'
import { type RunningLinkServer, startLinkServer } from './support/link-server'
import { createDatabase, type FreshDatabase } from './support/postgres'
import { createReviewTally } from './support/review'

/**
 * The outside review's findings at the directory's edge (issue 13): finding 3, key checks and
 * unified reads followed redirects and resent `x-api-key` to the new host; and from its "Also"
 * list, the proxy relayed the directory's CORS headers, and logs could quote a directory's body.
 */
const tally = createReviewTally('directory-edge')
const KEY = `jca_${'E'.repeat(36)}`

let fault: FaultServer
let database: FreshDatabase
let link: RunningLinkServer
let call: Call
let secret: string
let connection: { connectionId: string; token: string }
/** Another host, where a redirect points: it must never see a request, let alone the key. */
const elsewhere = { requests: [] as IncomingMessage['headers'][], url: '' }
const catcher = createServer((req, res) => {
  elsewhere.requests.push(req.headers)
  res.writeHead(200, { 'content-type': 'application/json' })
  res.end('{"totalCount":0,"results":[]}')
})

beforeAll(async () => {
  await new Promise<void>((resolve) => catcher.listen(0, '127.0.0.1', resolve))
  // `localhost`, not 127.0.0.1: another origin than the directory's.
  elsewhere.url = `http://localhost:${(catcher.address() as AddressInfo).port}`
  fault = await startFaultServer()
  database = await createDatabase('edge')
  link = await startLinkServer({ directoryUrl: fault.url, env: { DATABASE_URL: database.url } })
  call = createCaller(link.url)
  secret = (await link.addHostApp()).secret
  connection = await connect(call, secret, KEY, FAULT_ORG_ID)
})
afterAll(async () => {
  tally.save()
  await link?.close()
  await fault?.close()
  await database?.drop()
  await new Promise((resolve) => catcher.close(resolve))
})

describe('finding 3: no upstream call follows a redirect', () => {
  for (const status of [301, 302, 307, 308]) {
    it(`a ${status} to another host: key checks and unified reads answer provider_unavailable, the key stays`, async () => {
      fault.set({
        kind: 'status',
        status,
        headers: { location: `${elsewhere.url}/api/organizations?limit=100` },
      })
      try {
        await tally.attack(async () => {
          const linkToken = await startSession(call, secret)
          expectError(
            await call('POST', '/v1/link/organizations', {
              token: linkToken,
              body: { api_key: KEY, region: 'us' },
            }),
            'provider_unavailable',
          )
          expectError(
            await call('POST', '/v1/link/complete', {
              token: linkToken,
              body: { api_key: KEY, region: 'us', organization_id: FAULT_ORG_ID },
            }),
            'provider_unavailable',
          )
          expectError(
            await call('GET', '/v1/unified/user-directory/users?limit=1', {
              token: connection.token,
            }),
            'provider_unavailable',
          )
          expectError(
            await call('POST', `/v1/connections/${connection.connectionId}/check`, {
              token: secret,
            }),
            'provider_unavailable',
          )
          // The proxy relays the redirect as the directory's answer, without following it.
          const proxied = await call('GET', '/v1/proxy/api/systemusers', {
            token: connection.token,
          })
          expect(proxied.status).toBe(status)
          expect(elsewhere.requests).toEqual([])
        })
      } finally {
        fault.set({ kind: 'ok' })
      }
    })
  }
})

describe('also: what the directory sends does not leak through', () => {
  it('the proxy drops the directory’s access-control-* headers and sends nosniff', async () => {
    fault.set({
      kind: 'status',
      status: 200,
      headers: {
        'access-control-allow-origin': '*',
        'access-control-allow-credentials': 'true',
        'access-control-expose-headers': 'x-api-key',
        'x-content-type-options': 'whatever',
        'content-type': 'text/html',
      },
      body: '<script>alert(1)</script>',
    })
    try {
      await tally.attack(async () => {
        const reply = await call('GET', '/v1/proxy/api/systemusers', { token: connection.token })
        expect(reply.status).toBe(200)
        const names = [...reply.headers.keys()]
        expect(names.filter((n) => n.startsWith('access-control-'))).toEqual([])
        expect(reply.headers.get('x-content-type-options')).toBe('nosniff')
      })
    } finally {
      fault.set({ kind: 'ok' })
    }
  })

  it('a directory body that is not JSON is never quoted in the logs', async () => {
    const before = link.logs.length
    // Short, so that a JSON parser's error message would quote it whole.
    const secretish = fault.marker.slice(-8)
    await tally.attack(async () => {
      for (const body of [`X${secretish}`, `{"results": "${fault.marker}`]) {
        fault.set({ kind: 'status', status: 200, body })
        expectError(
          await call('GET', '/v1/unified/user-directory/users?limit=1', {
            token: connection.token,
          }),
          'provider_unavailable',
        )
        const linkToken = await startSession(call, secret)
        expectError(
          await call('POST', '/v1/link/organizations', {
            token: linkToken,
            body: { api_key: KEY, region: 'us' },
          }),
          'provider_unavailable',
        )
      }
      fault.set({ kind: 'ok' })
      const logged = link.logs.slice(before).join('\n')
      expect(logged).toMatch(/upstream failure/)
      expect(logged).not.toContain(fault.marker)
      expect(logged).not.toContain(secretish)
    })
  })
})
