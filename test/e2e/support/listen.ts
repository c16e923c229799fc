import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'

export interface Listener {
  url: string
  /** What answers requests; set once the app that needs this URL is built. */
  handle(fetch: (request: Request) => Response | Promise<Response>): void
  close(): Promise<void>
}

/**
 * A server on a free port whose handler comes later: the link server must know the host app's
 * origin (CORS, frame-ancestors) and the host app the link server's URL, so both ports come first.
 */
export function listen(): Promise<Listener> {
  let handler: (request: Request) => Response | Promise<Response> = () =>
    new Response('starting', { status: 503 })
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: (request) => handler(request), port: 0, hostname: '127.0.0.1' },
      (info: AddressInfo) => {
        resolve({
          url: `http://127.0.0.1:${info.port}`,
          handle: (fetch) => {
            handler = fetch
          },
          close: () =>
            new Promise<void>((done) => {
              if ('closeAllConnections' in server) server.closeAllConnections()
              server.close(() => done())
            }),
        })
      },
    )
    server.once('error', reject)
  })
}
