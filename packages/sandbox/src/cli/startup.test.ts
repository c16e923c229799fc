import type { ChildProcess } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { SCENARIO_KEYS } from '../keys.ts'
import { spawnSandboxCli } from './spawn-cli.ts'

// How fast it starts is measured by `pnpm bench sandbox` (packages/sandbox/bench/startup.bench.ts);
// this checks what it does once started.
let child: ChildProcess | undefined

afterEach(() => {
  child?.kill('SIGTERM')
})

describe('pnpm sandbox', () => {
  it('prints its URL and every scenario key, and answers on that URL', async () => {
    const started = await spawnSandboxCli()
    child = started.child
    for (const key of Object.values(SCENARIO_KEYS)) expect(started.output).toContain(key)
    const res = await fetch(`${started.url}/api/systemusers?limit=1`, {
      headers: { 'x-api-key': SCENARIO_KEYS.single },
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { results: unknown[] }
    expect(body.results).toHaveLength(1)
  }, 30_000)
})
