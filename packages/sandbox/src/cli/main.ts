import { SCENARIO_KEYS, type Scenario } from '../keys.ts'
import { startSandbox } from '../server.ts'

const DESCRIPTIONS: Record<Scenario, string> = {
  single: 'one organization (Acme Corp)',
  msp: 'MSP admin of three organizations; send x-org-id',
  large: '10,000 users and 5,000 devices (Hooli)',
  invalid: 'unknown key: 401',
  forbidden: 'role without permission: 403',
  rateLimited: '429 with Retry-After',
  slow: 'Acme Corp after a delay',
  flaky: 'Acme Corp with some 5xx and dropped connections',
}

/** Reads `--port N`, `--host H`, `--seed N`; defaults: PORT env or 4010, 127.0.0.1, 1. */
export function parseArgs(argv: readonly string[]): {
  port: number
  hostname: string
  seed: number
} {
  const value = (name: string) => {
    const index = argv.indexOf(name)
    return index >= 0 ? argv[index + 1] : undefined
  }
  return {
    port: Number(value('--port') ?? process.env.PORT ?? 4010),
    hostname: value('--host') ?? '127.0.0.1',
    seed: Number(value('--seed') ?? 1),
  }
}

export async function main(argv: readonly string[]): Promise<void> {
  const { port, hostname, seed } = parseArgs(argv)
  const running = await startSandbox({ port, hostname, seed })
  console.log(`JumpCloud sandbox listening on ${running.url}`)
  console.log('Use it as the base URL for /api, /api/v2 and /insights/directory/v1.')
  console.log('Scenario keys (x-api-key):')
  for (const [name, key] of Object.entries(SCENARIO_KEYS) as [Scenario, string][]) {
    console.log(`  ${name.padEnd(12)} ${key}  ${DESCRIPTIONS[name]}`)
  }
  console.log(`Admin endpoint: ${running.url}/_sandbox (see packages/sandbox/README.md)`)
  const stop = () => {
    running.close().finally(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}
