import { connect } from 'node:net'
import { ErrorBodySchema } from '@jumplink/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCaller, expectError } from './support/http'
import { type RunningLinkServer, startLinkServer } from './support/link-server'
import { createDatabase, type FreshDatabase } from './support/postgres'
import { createReviewTally } from './support/review'

/**
 * The outside review's "Also" points at the HTTP layer (issue 13): requests that Node's HTTP
 * adapter rejects (a bad Host, a backslash path) were answered with a bare, empty 400 and no
 * request id; and a caller's `x-request-id` was echoed whatever its length.
 */
const tally = createReviewTally('http-edge')
let database: FreshDatabase
let link: RunningLinkServer

beforeAll(async () => {
  database = await createDatabase('http_edge')
  link = await startLinkServer({
    directoryUrl: 'http://127.0.0.1:9',
    env: { DATABASE_URL: database.url },
  })
})
afterAll(async () => {
  tally.save()
  await link?.close()
  await database?.drop()
})

/** Sends bytes exactly as written and reads the whole answer. */
function raw(request: string): Promise<string> {
  const { port } = new URL(link.url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.end(request))
    const chunks: Buffer[] = []
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('end', () => resolve(Buffer.concat(chunks).toString()))
    socket.on('error', reject)
  })
}

function parse(answer: string) {
  const [head = '', body = ''] = answer.split('\r\n\r\n')
  return {
    status: Number(head.split(' ')[1]),
    requestId: head.match(/^x-request-id: (.+)$/im)?.[1],
    nosniff: /^x-content-type-options: nosniff$/im.test(head),
    body: ErrorBodySchema.safeParse(JSON.parse(body || 'null')),
  }
}

describe('also: every answer has the catalog shape, even before routing', () => {
  const cases: [string, string][] = [
    ['a Host with a path in it', 'GET /healthz HTTP/1.1\r\nhost: a/b\r\nconnection: close\r\n\r\n'],
    ['a Host with a space', 'GET /healthz HTTP/1.1\r\nhost: ex ample\r\nconnection: close\r\n\r\n'],
    [
      'a backslash in the path',
      'GET /v1\\link/session HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n',
    ],
    [
      'a backslash traversal',
      'GET /link/assets/..\\..\\package.json HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n',
    ],
  ]
  for (const [name, request] of cases) {
    it(`${name}: invalid_request with a request id`, async () => {
      await tally.attack(async () => {
        const answer = parse(await raw(request))
        expect(answer.status).toBe(400)
        expect(answer.body.success, JSON.stringify(answer.body)).toBe(true)
        expect(answer.body.data?.error.code).toBe('invalid_request')
        expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/)
        expect(answer.body.data?.error.request_id).toBe(answer.requestId)
        expect(answer.nosniff).toBe(true)
      })
    })
  }
})

describe('also: a caller’s x-request-id is used only if short and plain', () => {
  it('replaces long or odd ids with its own, keeps plain ones', async () => {
    const call = createCaller(link.url)
    await tally.attack(async () => {
      for (const sent of ['a'.repeat(65), 'a'.repeat(255), 'id with spaces', '<script>', 'é-1']) {
        const reply = await call('GET', '/v1/nothing-here', { headers: { 'x-request-id': sent } })
        const error = expectError(reply, 'route_not_found')
        expect(error.request_id).not.toBe(sent)
        expect(error.request_id).toMatch(/^[0-9a-f-]{36}$/)
      }
      const plain = 'trace-0123456789_abcdef'
      const reply = await call('GET', '/v1/nothing-here', { headers: { 'x-request-id': plain } })
      expect(expectError(reply, 'route_not_found').request_id).toBe(plain)
    })
  })
})
