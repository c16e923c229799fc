import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RoundRobin {
  url: string
  /** Answers per upstream, path (without query) and status, as the proxy passed them on. */
  answers: Map<string, number>
  /** Requests each upstream is handling now. */
  inFlight: Map<string, number>
  /** Requests sent again to the next upstream because the first refused the connection. */
  retriedRefused: number
  /**
   * Reads (GET, HEAD) sent again because their connection was reset before any answer: a
   * connection the upstream accepted while closing, before it read the request.
   */
  retriedReset: number
  /** Requests the proxy could not deliver: it answered 502. */
  failed: number
  close(): Promise<void>
}

/**
 * A load balancer of the simplest kind, on loopback: each request goes to the next upstream in
 * turn on a connection of its own. As nginx's `proxy_next_upstream error` does, a refused
 * connection (an instance that stopped listening or died) goes to the next upstream, whatever
 * the method, and so does a read whose connection failed before any answer; a write that fails
 * after it was sent is not retried but answered 502, and the test counts it as lost.
 */
export async function startRoundRobin(
  upstreams: { name: string; port: number }[],
): Promise<RoundRobin> {
  let next = 0
  const answers = new Map<string, number>()
  const inFlight = new Map<string, number>(upstreams.map((u) => [u.name, 0]))
  const state = { retriedRefused: 0, retriedReset: 0, failed: 0 }
  const bump = (map: Map<string, number>, key: string, by = 1) =>
    map.set(key, (map.get(key) ?? 0) + by)

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    const first = next++ % upstreams.length
    for (let attempt = 0; attempt < upstreams.length; attempt++) {
      const upstream = upstreams[(first + attempt) % upstreams.length]
      if (!upstream) break
      const outcome = await new Promise<'refused' | 'reset' | 'done'>((resolve) => {
        bump(inFlight, upstream.name)
        const proxied = request(
          {
            host: '127.0.0.1',
            port: upstream.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, connection: 'close' },
            agent: false,
          },
          (upstreamRes) => {
            res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers)
            upstreamRes.pipe(res)
            upstreamRes.on('end', () => {
              bump(inFlight, upstream.name, -1)
              bump(answers, `${upstream.name} ${req.url?.split('?')[0]} ${upstreamRes.statusCode}`)
              resolve('done')
            })
            upstreamRes.on('error', () => {
              bump(inFlight, upstream.name, -1)
              state.failed++
              res.destroy()
              resolve('done')
            })
          },
        )
        proxied.on('error', (error: NodeJS.ErrnoException) => {
          bump(inFlight, upstream.name, -1)
          if (error.code === 'ECONNREFUSED') return resolve('refused')
          if (!res.headersSent && (req.method === 'GET' || req.method === 'HEAD')) {
            return resolve('reset')
          }
          if (!res.headersSent) {
            state.failed++
            res.writeHead(502, { 'content-type': 'text/plain' })
            res.end(`proxy: ${upstream.name} failed: ${error.code}`)
          }
          resolve('done')
        })
        proxied.end(body)
      })
      if (outcome === 'done') return
      if (outcome === 'refused') state.retriedRefused++
      else state.retriedReset++
    }
    state.failed++
    res.writeHead(502, { 'content-type': 'text/plain' })
    res.end('proxy: no upstream took the connection')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answers,
    inFlight,
    get retriedRefused() {
      return state.retriedRefused
    },
    get retriedReset() {
      return state.retriedReset
    },
    get failed() {
      return state.failed
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
