import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getConnInfo } from '@hono/node-server/conninfo'
import {
  createHostApp,
  createLinkServer,
  type LinkServer,
  listenWithCatalogErrors,
  loadConfig,
} from '@jumplink/link-server'

/** A master key for one test run, in LINK_MASTER_KEYS form. */
export function newMasterKeys(): string {
  return `sec1:${randomBytes(32).toString('base64')}`
}

export interface RunningLinkServer {
  url: string
  server: LinkServer
  /** Every line the server logged, as written (after its own redaction). */
  logs: string[]
  /** A host app of its own, with its secret key (returned once, stored hashed). */
  addHostApp(name?: string): Promise<{ id: string; secret: string }>
  close(): Promise<void>
}

/**
 * The link server as `server.ts` builds it, from environment variables, on a free port of
 * 127.0.0.1, logging at debug level into `logs`. The client address is the socket's (as in
 * production); `env` adds or overrides variables, e.g. LINK_TRUST_PROXY or DATABASE_URL.
 */
export async function startLinkServer(options: {
  directoryUrl: string
  env?: Record<string, string>
}): Promise<RunningLinkServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'jumplink-security-'))
  const logs: string[] = []
  let handler: (request: Request, env: unknown) => Response | Promise<Response> = () =>
    new Response('starting', { status: 503 })
  // As server.ts does: what Node or its adapter cannot parse is answered in the catalog's shape.
  const listener = listenWithCatalogErrors({
    fetch: (request, env) => handler(request, env),
    port: 0,
    hostname: '127.0.0.1',
  })
  await new Promise<void>((resolve, reject) => {
    listener.once('listening', resolve)
    listener.once('error', reject)
  })
  const url = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`
  const server = await createLinkServer(
    loadConfig({
      LINK_MODE: 'test',
      LINK_PUBLIC_URL: url,
      LINK_DATA_DIR: dataDir,
      LINK_MASTER_KEYS: newMasterKeys(),
      LINK_DIRECTORY_URL: options.directoryUrl,
      LINK_DIRECTORY_TIMEOUT_MS: '1000',
      LINK_LOG_LEVEL: 'debug',
      ...options.env,
    }),
    {
      logDestination: { write: (line) => logs.push(line) },
      clientAddress: (c) => getConnInfo(c).remote.address ?? 'unknown',
    },
  )
  handler = (request, env) => server.app.fetch(request, env as object)
  return {
    url,
    server,
    logs,
    async addHostApp(name = 'Host app') {
      const { hostApp, secret } = await createHostApp(server.store, {
        name,
        allowedOrigins: ['https://host.example'],
      })
      return { id: hostApp.id, secret }
    },
    async close() {
      await new Promise<void>((resolve) => {
        if ('closeAllConnections' in listener) listener.closeAllConnections()
        listener.close(() => resolve())
      })
      await server.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
