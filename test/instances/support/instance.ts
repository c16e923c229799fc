import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
/** The published bin (`scripts/build-packages.mjs` builds it): plain Node, no tsx. */
const BUILT_BIN = 'packages/link-server/dist/cli.js'

export interface Instance {
  name: string
  port: number
  url: string
  /** Everything the process wrote, across every start. */
  output: string[]
  start(): Promise<void>
  /** SIGTERM; resolves with the exit code once the process is gone. */
  terminate(): Promise<number | null>
  /** SIGKILL: nothing runs, in-flight requests die with the process. */
  kill(): Promise<void>
  readonly running: boolean
}

/**
 * One link server as production runs it: its own Node process from `src/server.ts` (tsx's
 * loader in the same process, so signals reach the server itself), or with `entry: 'built'` the
 * built `jumplink-server start`, configured by environment. Restarts on the same port with the
 * same environment.
 */
export function linkServerProcess(
  name: string,
  port: number,
  env: Record<string, string>,
  options: { entry?: 'source' | 'built' } = {},
): Instance {
  const args =
    options.entry === 'built'
      ? [BUILT_BIN, 'start']
      : ['--import', 'tsx', '--conditions=source', 'packages/link-server/src/server.ts']
  const output: string[] = []
  let child: ChildProcess | undefined
  let exited: Promise<number | null> = Promise.resolve(null)
  return {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    output,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null
    },
    start() {
      const proc = spawn(process.execPath, args, {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          LINK_PORT: String(port),
          LINK_HOST: '127.0.0.1',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      child = proc
      exited = new Promise((resolve) => proc.once('exit', (code) => resolve(code)))
      return new Promise<void>((resolve, reject) => {
        let seen = ''
        const onData = (chunk: Buffer) => {
          const text = chunk.toString()
          output.push(text)
          seen += text
          if (seen.includes('listening on')) resolve()
        }
        proc.stdout?.on('data', onData)
        proc.stderr?.on('data', onData)
        proc.once('exit', (code) => reject(new Error(`${name} exited (${code}):\n${seen}`)))
      })
    },
    async terminate() {
      child?.kill('SIGTERM')
      return exited
    },
    async kill() {
      child?.kill('SIGKILL')
      await exited
    },
  }
}
