import { request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppEnv } from '../context'
import { createDrain } from './drain'
import { createGracefulShutdown } from './graceful-shutdown'

/** A real server whose `/slow` answers when the test opens the gate. */
async function start() {
  const drain = createDrain()
  let open: () => void = () => {}
  const gate = new Promise<void>((resolve) => {
    open = resolve
  })
  const app = new Hono<AppEnv>()
  app.use(drain.middleware)
  app.get('/slow', async (c) => {
    await gate
    return c.text('done')
  })
  const listener = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server
  await new Promise<void>((resolve) => listener.once('listening', resolve))
  const port = (listener.address() as AddressInfo).port
  const events: string[] = []
  const logger = {
    info: () => {},
    warn: (_: unknown, message: string) => events.push(`warn: ${message}`),
    error: (_: unknown, message: string) => events.push(`error: ${message}`),
  }
  servers.push(listener)
  return { drain, open, listener, port, events, logger }
}
const servers: Server[] = []
afterEach(() => {
  for (const server of servers.splice(0)) server.closeAllConnections()
})

/** One GET on a connection of its own; resolves with status, connection header and body. */
function get(port: number, path: string) {
  return new Promise<{ status: number; connection: string | undefined; body: string }>(
    (resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        let body = ''
        res.on('data', (chunk) => {
          body += chunk
        })
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }),
        )
        res.on('error', reject)
      })
      req.on('error', reject)
      req.end()
    },
  )
}

async function until(check: () => boolean) {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10))
  expect(check()).toBe(true)
}

describe('graceful shutdown', () => {
  it('stops taking connections, lets started requests finish, closes, then exits 0', async () => {
    const s = await start()
    const order: string[] = []
    const shutdown = createGracefulShutdown({
      listener: s.listener,
      drain: s.drain,
      graceMs: 10_000,
      logger: s.logger,
      close: async () => {
        order.push('closed')
      },
      exit: (code) => order.push(`exit ${code}`),
    })
    const started = [get(s.port, '/slow'), get(s.port, '/slow'), get(s.port, '/slow')]
    await until(() => s.drain.inFlight === 3)

    const done = shutdown.shutdown('SIGTERM')
    expect(s.drain.draining).toBe(true)
    // A second signal does not start a second shutdown.
    expect(shutdown.shutdown('SIGTERM')).toBe(done)
    // The listener no longer takes connections: refused before anything started.
    await expect(get(s.port, '/slow')).rejects.toMatchObject({ code: 'ECONNREFUSED' })
    expect(order).toEqual([])

    s.open()
    const answers = await Promise.all(started)
    expect(answers.map((a) => [a.status, a.body])).toEqual([
      [200, 'done'],
      [200, 'done'],
      [200, 'done'],
    ])
    expect(answers.every((a) => a.connection === 'close')).toBe(true)
    await done
    expect(order).toEqual(['closed', 'exit 0'])
    expect(s.events).toEqual([])
  })

  it('cuts what is still running once the grace period is over, and still exits 0', async () => {
    const s = await start()
    let exitCode: number | undefined
    const shutdown = createGracefulShutdown({
      listener: s.listener,
      drain: s.drain,
      graceMs: 200,
      logger: s.logger,
      close: async () => {},
      exit: (code) => {
        exitCode = code
      },
    })
    const stuck = get(s.port, '/slow').catch((error: NodeJS.ErrnoException) => error.code)
    await until(() => s.drain.inFlight === 1)
    await shutdown.shutdown('SIGTERM')
    expect(exitCode).toBe(0)
    expect(await stuck).toBe('ECONNRESET')
    expect(s.events).toEqual(['warn: grace period over: cutting the connections still open'])
  })

  it('exits 1 when closing fails', async () => {
    const s = await start()
    let exitCode: number | undefined
    await createGracefulShutdown({
      listener: s.listener,
      drain: s.drain,
      graceMs: 1_000,
      logger: s.logger,
      close: () => Promise.reject(new Error('database gone')),
      exit: (code) => {
        exitCode = code
      },
    }).shutdown()
    expect(exitCode).toBe(1)
    expect(s.events).toEqual(['error: shutdown failed while closing'])
  })
})
