import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppEnv } from '../../context'
import { responseHeaders } from './index'

/** Whether the answer written is the very one the route made (not re-created on the way). */
const written = new Map<string, boolean>()
let made: Response | undefined
const app = new Hono<AppEnv>()
app.use(async (c, next) => {
  await next()
  written.set(c.req.path, c.res === made)
})
app.use(responseHeaders())
app.get('/json', (c) => {
  made = c.json({ result: Array.from({ length: 200 }, (_, i) => ({ i })) })
  return made
})
app.get('/cached', (c) => c.text('kept', 200, { 'cache-control': 'public, max-age=60' }))
// Headers that cannot change, as on a response passed on as fetched.
app.get('/immutable', () => Response.redirect('https://example.test/elsewhere', 302))

let server: ReturnType<typeof serve>
let port = 0

beforeAll(async () => {
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      port = (info as AddressInfo).port
      resolve()
    })
  })
})

afterAll(async () => {
  if ('closeAllConnections' in server) server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

/** The raw head and body as Node's HTTP server wrote them (fetch would hide the framing). */
function get(path: string): Promise<{ headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({ headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      )
    })
      .on('error', reject)
      .end()
  })
}

describe('responseHeaders', () => {
  it('adds nosniff and no-store to a JSON answer and leaves it whole, with its length', async () => {
    const { headers, body } = await get('/json')
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['cache-control']).toBe('no-store')
    // Written as the string it is, not re-created as a stream and sent in chunks.
    expect(headers['content-length']).toBe(String(Buffer.byteLength(body)))
    expect(headers['transfer-encoding']).toBeUndefined()
    expect(JSON.parse(body).result).toHaveLength(200)
    // The route's own answer goes out: a re-created one would carry its string as a stream.
    expect(written.get('/json')).toBe(true)
  })

  it('keeps the caching a route chose', async () => {
    const { headers, body } = await get('/cached')
    expect(body).toBe('kept')
    expect(headers['cache-control']).toBe('public, max-age=60')
    expect(headers['x-content-type-options']).toBe('nosniff')
  })

  it('still marks an answer whose headers cannot change', async () => {
    const { headers } = await get('/immutable')
    expect(headers.location).toBe('https://example.test/elsewhere')
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['cache-control']).toBe('no-store')
  })
})
