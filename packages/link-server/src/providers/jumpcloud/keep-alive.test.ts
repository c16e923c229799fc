import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createSandbox, SCENARIO_KEYS } from '@jumplink/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_DIRECTORY_CONCURRENCY } from '../provider'
import { createJumpcloudHttp, type JumpcloudSession } from './http'

/**
 * The client with its default transport (undici's keep-alive pool, `transport.ts`) against the
 * sandbox on a real port, counting the TCP connections the server accepts: calls reuse
 * kept-alive connections.
 */
const sandbox = createSandbox()
let server: ReturnType<typeof serve>
let baseUrl = ''
let connections = 0

beforeAll(async () => {
  await new Promise<void>((resolve) => {
    server = serve({ fetch: sandbox.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      baseUrl = `http://127.0.0.1:${(info as AddressInfo).port}`
      resolve()
    })
  })
  server.on('connection', () => {
    connections++
  })
})

afterAll(async () => {
  if ('closeAllConnections' in server) server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const session = (connectionId: string): JumpcloudSession => ({
  connectionId,
  credential: SCENARIO_KEYS.single,
  region: 'us',
  organizationId: sandbox.organizations.single.id,
})

describe('JumpCloud client connection reuse', () => {
  it('sends sequential calls of one connection over one kept-alive TCP connection', async () => {
    const http = createJumpcloudHttp({ baseUrl })
    const before = connections
    for (let skip = 0; skip < 20; skip++) {
      const { body } = await http.json<{ results: unknown[] }>(session('conn_sequential'), {
        path: '/api/systemusers',
        query: { limit: 1, skip },
      })
      expect(body.results).toHaveLength(1)
    }
    // undici may open a second socket on the first calls to an origin (the first answer's is
    // not yet marked free when the next call starts), then stays on those.
    expect(connections - before).toBeGreaterThan(0)
    expect(connections - before).toBeLessThanOrEqual(2)
  })

  it('opens about as many connections as the cap for many more concurrent calls', async () => {
    const http = createJumpcloudHttp({ baseUrl })
    const calls = DEFAULT_DIRECTORY_CONCURRENCY * 5
    const before = connections
    const bodies = await Promise.all(
      Array.from({ length: calls }, (_, skip) =>
        http.json<{ results: unknown[] }>(session('conn_concurrent'), {
          path: '/api/systemusers',
          query: { limit: 1, skip },
        }),
      ),
    )
    expect(bodies.every(({ body }) => body.results.length === 1)).toBe(true)
    const opened = connections - before
    expect(opened).toBeGreaterThan(0)
    // A little above the cap: a slot frees once the headers arrive, so the next call may start
    // while the previous answer's body still holds its socket.
    expect(opened).toBeLessThanOrEqual(2 * DEFAULT_DIRECTORY_CONCURRENCY)
    expect(opened).toBeLessThan(calls / 2)
  })
})
