import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createSandbox, type SandboxOptions } from '@jumplink/sandbox'

export interface CountingSandbox {
  url: string
  sandbox: ReturnType<typeof createSandbox>
  /** JumpCloud calls (`/api`, `/insights`) made with this key so far. */
  calls(key: string): number
  /** The most calls with this key in flight at once since the last `resetPeak`. */
  peak(key: string): number
  resetPeak(): void
  close(): Promise<void>
}

/** The sandbox JumpCloud on a real port, counting calls per key and how many overlap. */
export async function startCountingSandbox(options: SandboxOptions): Promise<CountingSandbox> {
  const sandbox = createSandbox(options)
  const calls = new Map<string, number>()
  const active = new Map<string, number>()
  const peaks = new Map<string, number>()
  const server = serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch: async (request, env) => {
      const path = new URL(request.url).pathname
      const key = request.headers.get('x-api-key')
      if (!key || !(path.startsWith('/api/') || path.startsWith('/insights/'))) {
        return sandbox.app.fetch(request, env)
      }
      calls.set(key, (calls.get(key) ?? 0) + 1)
      const now = (active.get(key) ?? 0) + 1
      active.set(key, now)
      peaks.set(key, Math.max(peaks.get(key) ?? 0, now))
      try {
        const response = await sandbox.app.fetch(request, env)
        // Counted until the body is read, as the caller's slot is held until then.
        const body = await response.arrayBuffer()
        return new Response(body, response)
      } finally {
        active.set(key, (active.get(key) ?? 1) - 1)
      }
    },
  })
  await new Promise<void>((resolve) => server.once('listening', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sandbox,
    calls: (key) => calls.get(key) ?? 0,
    peak: (key) => peaks.get(key) ?? 0,
    resetPeak: () => peaks.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
