import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { headerReader, undiciTransport } from './transport'

/** A real server on loopback: the transport's guarantees are about sockets, not mocks. */
let server: Server
let baseUrl = ''
const seen: { url: string; headers: IncomingMessage['headers'] }[] = []
let handle: (req: IncomingMessage, res: ServerResponse) => void = (_, res) => res.end()

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers })
    handle(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const transport = undiciTransport()
const call = (signal = AbortSignal.timeout(5_000)) => ({
  method: 'GET',
  headers: { accept: 'application/json', 'x-api-key': 'k' },
  signal,
})

describe('undiciTransport', () => {
  it('answers a redirect as it came and never calls where it points', async () => {
    seen.length = 0
    handle = (req, res) => {
      if (req.url === '/elsewhere') return res.end('{"taken":true}')
      res.writeHead(302, { location: `${baseUrl}/elsewhere` })
      res.end()
    }
    const answer = await transport(`${baseUrl}/api/systemusers`, call())
    expect(answer.status).toBe(302)
    expect(answer.headers.get('Location')).toBe(`${baseUrl}/elsewhere`)
    await answer.discard()
    expect(seen.map((s) => s.url)).toEqual(['/api/systemusers'])
  })

  it('asks for compressed answers and reads gzip, deflate and br as text', async () => {
    const body = JSON.stringify({ results: Array.from({ length: 50 }, (_, i) => ({ i })) })
    for (const [encoding, compress] of [
      ['gzip', gzipSync],
      ['deflate', deflateSync],
      ['br', brotliCompressSync],
    ] as const) {
      seen.length = 0
      handle = (_, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding })
        res.end(compress(body))
      }
      const answer = await transport(`${baseUrl}/api/x`, call())
      expect(await answer.text()).toBe(body)
      expect(seen[0]?.headers['accept-encoding']).toContain(encoding)
      expect(seen[0]?.headers['x-api-key']).toBe('k')
    }
  })

  it('refuses an encoding it cannot read rather than answering garbled text', async () => {
    handle = (_, res) => {
      res.writeHead(200, { 'content-encoding': 'compress' })
      res.end('abc')
    }
    const answer = await transport(`${baseUrl}/api/x`, call())
    await expect(answer.text()).rejects.toThrow(/content-encoding/)
  })

  it('aborts a body that stalls after its headers when the attempt times out', async () => {
    handle = (_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"results": [')
    }
    const answer = await transport(`${baseUrl}/api/x`, call(AbortSignal.timeout(200)))
    expect(answer.status).toBe(200)
    await expect(answer.text()).rejects.toMatchObject({ name: 'TimeoutError' })
  })

  it('rejects with the timeout when no headers come', async () => {
    handle = () => {}
    await expect(
      transport(`${baseUrl}/api/x`, call(AbortSignal.timeout(200))),
    ).rejects.toMatchObject({ name: 'TimeoutError' })
  })
})

describe('headerReader', () => {
  it('reads names case-insensitively and joins repeated headers as Headers does', () => {
    const headers = headerReader({ 'x-total-count': '7', 'set-cookie': ['a=1', 'b=2'] })
    expect(headers.get('X-Total-Count')).toBe('7')
    expect(headers.get('set-cookie')).toBe('a=1, b=2')
    expect(headers.get('retry-after')).toBeNull()
  })
})
