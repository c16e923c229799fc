import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from './fixtures/harness'

let h: Harness
let server: ReturnType<typeof serve>
let port = 0

beforeAll(async () => {
  h = await createHarness()
  await new Promise<void>((resolve) => {
    server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      port = (info as AddressInfo).port
      resolve()
    })
  })
})

afterAll(async () => {
  if ('closeAllConnections' in server) server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  await h.close()
})

/** A raw request: fetch refuses a GET with a body, which is what is tested here. */
function send(method: string, path: string, body: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        )
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

describe('the body limit', () => {
  const large = JSON.stringify({ padding: 'x'.repeat(70_000) })

  it('refuses a POST body beyond 64 KiB before any route reads it', async () => {
    const answer = await send('POST', '/v1/link-sessions', large)
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.body).error.code).toBe('payload_too_large')
  })

  it('leaves GET alone: no GET route reads a body, so none is asked for', async () => {
    const answer = await send('GET', '/healthz', large)
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body)).toEqual({ status: 'ok' })
  })
})
