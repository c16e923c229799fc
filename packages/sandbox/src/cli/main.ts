import { SCENARIO_DESCRIPTIONS as DESCRIPTIONS, SCENARIO_KEYS, type Scenario } from '../keys.ts'
import { startSandbox } from '../server.ts'
import { SCENARIO_SERVICE_ACCOUNTS } from '../service-accounts.ts'

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
  console.log('Scenario service accounts (POST /oauth2/token, Basic client id:secret):')
  for (const [name, account] of Object.entries(SCENARIO_SERVICE_ACCOUNTS)) {
    console.log(`  ${name.padEnd(13)} ${account.clientId}  ${account.clientSecret}`)
  }
  console.log(`Admin endpoint: ${running.url}/_sandbox (see packages/sandbox/README.md)`)
  const stop = () => {
    running.close().finally(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}
