import { type ChildProcess, spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..')

export interface SpawnedSandbox {
  child: ChildProcess
  url: string
  /** Everything it printed until it said where it listens. */
  output: string
  /** From spawn to the line with the URL. */
  readyMs: number
}

/**
 * Runs what `pnpm sandbox` runs (tsx on src/cli.ts) as its own process on a free port, and
 * resolves once it prints its URL. The caller stops it with `child.kill()`.
 */
export function spawnSandboxCli(args: string[] = []): Promise<SpawnedSandbox> {
  const started = performance.now()
  const child = spawn(
    process.execPath,
    [
      join(root, 'node_modules/tsx/dist/cli.mjs'),
      '--conditions=source',
      'packages/sandbox/src/cli.ts',
      '--port',
      '0',
      ...args,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  return new Promise<SpawnedSandbox>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = output.match(/listening on (http:\/\/\S+)/)
      if (match?.[1]) {
        const readyMs = performance.now() - started
        // The key table follows the URL line in the same burst; give it a moment to arrive.
        setTimeout(() => resolve({ child, url: match[1] as string, output, readyMs }), 50)
      }
    })
    child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${output}`)))
  })
}
