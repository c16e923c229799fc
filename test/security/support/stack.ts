import {
  type RunningSandbox,
  SCENARIO_KEYS,
  type StartOptions,
  startSandbox,
} from '@jumplink/sandbox'
import { type Call, createCaller } from './http'
import { type RunningLinkServer, startLinkServer } from './link-server'
import { createDatabase, type FreshDatabase } from './postgres'

export interface Stack {
  sandbox: RunningSandbox
  link: RunningLinkServer
  /** The link server's PostgreSQL database (absent on PGlite). */
  database: FreshDatabase | undefined
  /** Every answer any call of this stack received: status, headers and body. */
  seen: string[]
  call: Call
  /** The single organization's key and id in the sandbox. */
  key: string
  orgId: string
  close(): Promise<void>
}

/**
 * The sandbox JumpCloud and a link server pointed at it, both on free ports; the link server on
 * a fresh PostgreSQL database (quick to make), or on PGlite in a temporary folder.
 */
export async function startStack(
  options: {
    sandbox?: StartOptions
    env?: Record<string, string>
    database?: 'postgres' | 'pglite'
    label?: string
  } = {},
): Promise<Stack> {
  const sandbox = await startSandbox({ port: 0, ...options.sandbox })
  const database =
    options.database === 'pglite' ? undefined : await createDatabase(options.label ?? 'stack')
  const link = await startLinkServer({
    directoryUrl: sandbox.url,
    env: { ...(database ? { DATABASE_URL: database.url } : {}), ...options.env },
  })
  const seen: string[] = []
  return {
    sandbox,
    link,
    database,
    seen,
    call: createCaller(link.url, seen),
    key: SCENARIO_KEYS.single,
    orgId: sandbox.sandbox.organizations.single.id,
    async close() {
      await link.close()
      await sandbox.close()
      await database?.drop()
    },
  }
}
