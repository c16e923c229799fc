import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createJumpLinkClient } from '@jumplink/client'
import { createLinkServer, DEMO_SECRET_KEY, loadConfig } from '@jumplink/link-server'
import { type RunningSandbox, startSandbox } from '@jumplink/sandbox'
import { createHostApp } from '../../../examples/host-app/src/server/app.ts'
import { createTokenStore } from '../../../examples/host-app/src/server/token-store.ts'
import { listen } from './listen'

const HOST_APP_WEB = fileURLToPath(new URL('../../../examples/host-app/dist/web', import.meta.url))

export interface Stack {
  /** The demo host app, as the browser opens it. */
  hostUrl: string
  linkUrl: string
  sandbox: RunningSandbox
  /** The host backend's SDK client (the test may look behind the UI). */
  jumplink: ReturnType<typeof createJumpLinkClient>
  close(): Promise<void>
}

export interface StackOptions {
  /** Runs the change feed's job queue and syncs in the link server (off by default: quieter). */
  changeFeed?: boolean
}

/**
 * The demo as `npm run demo` runs it, in-process on free ports: the sandbox directory, the link
 * server in demo mode (embedded database in a temporary folder, serving the built hosted page)
 * and the host app serving its built front.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  // Smaller organizations than the demo's: the pages are the same, the reads quicker.
  const sandbox = await startSandbox({
    port: 0,
    sizes: {
      single: { users: 60, devices: 40, eventDays: 7 },
      msp: { users: 30, devices: 20, eventDays: 7 },
    },
  })
  const [link, host] = await Promise.all([listen(), listen()])
  const dataDir = await mkdtemp(join(tmpdir(), 'jumplink-e2e-'))
  const server = await createLinkServer(
    loadConfig({
      LINK_MODE: 'demo',
      LINK_PUBLIC_URL: link.url,
      LINK_DATA_DIR: dataDir,
      LINK_DIRECTORY_URL: sandbox.url,
      LINK_DEMO_ORIGINS: host.url,
      LINK_DEMO_APP_NAME: 'Clearview',
      LINK_LOG_LEVEL: process.env.E2E_LINK_LOG_LEVEL ?? 'error',
      // Every test shares one address; the limits themselves are tested elsewhere.
      LINK_RATE_LIMIT_PER_SESSION: '1000',
      LINK_RATE_LIMIT_PER_ADDRESS: '1000',
    }),
    options.changeFeed ? { changeFeed: true } : {},
  )
  link.handle(server.app.fetch)
  const jumplink = createJumpLinkClient({ baseUrl: link.url, secretKey: DEMO_SECRET_KEY })
  host.handle(
    createHostApp({
      jumplink,
      linkServerUrl: link.url,
      tokens: createTokenStore(),
      webDir: HOST_APP_WEB,
      // With the feed running, the host app registers its receiver for signed webhooks.
      ...(options.changeFeed
        ? { webhook: { url: `${host.url}/webhooks/jumplink`, secretKey: DEMO_SECRET_KEY } }
        : {}),
    }).fetch,
  )
  return {
    hostUrl: host.url,
    linkUrl: link.url,
    sandbox,
    jumplink,
    async close() {
      await Promise.all([host.close(), link.close(), sandbox.close()])
      await server.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
