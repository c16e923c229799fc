import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { Sandbox, SandboxOptions } from './public-types.ts'
import { createSandbox } from './sandbox.ts'

export interface StartOptions extends SandboxOptions {
  /** Default 0: any free port. */
  port?: number
  /** Default 127.0.0.1. */
  hostname?: string
}

export interface RunningSandbox {
  /** Base URL for v1, v2 and Directory Insights alike, e.g. `http://127.0.0.1:4010`. */
  url: string
  sandbox: Sandbox
  close(): Promise<void>
}

/** Serves a sandbox on a real port (needed for dropped connections). */
export async function startSandbox(options: StartOptions = {}): Promise<RunningSandbox> {
  const { port = 0, hostname = '127.0.0.1', ...sandboxOptions } = options
  const sandbox = createSandbox(sandboxOptions)
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: sandbox.app.fetch, port, hostname }, (info: AddressInfo) => {
      const host = info.address.includes(':') ? `[${info.address}]` : info.address
      resolve({
        url: `http://${host}:${info.port}`,
        sandbox,
        close: () =>
          new Promise<void>((done, fail) => {
            if ('closeAllConnections' in server) server.closeAllConnections()
            server.close((error) => (error ? fail(error) : done()))
          }),
      })
    })
    server.once('error', reject)
  })
}
