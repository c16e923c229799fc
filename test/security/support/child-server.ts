import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))

/** A port free right now (the link server binds it a moment later, and again after a crash). */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

export interface ChildServer {
  url: string
  /** Everything the process wrote, across every start. */
  output: string[]
  start(): Promise<void>
  /** SIGKILL: no shutdown hook runs, in-flight requests die with the process. */
  kill(): Promise<void>
  stop(): Promise<void>
}

/**
 * The link server as production runs it: its own Node process from `src/server.ts` (tsx's loader
 * in the same process, so that SIGKILL reaches the server itself), configured by environment
 * only. Restarts on the same port with the same environment: same issuer, keys and database.
 */
export async function childLinkServer(env: Record<string, string>): Promise<ChildServer> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const output: string[] = []
  let child: ChildProcess | undefined

  return {
    url,
    output,
    start() {
      const proc = spawn(
        process.execPath,
        ['--import', 'tsx', '--conditions=source', 'packages/link-server/src/server.ts'],
        {
          cwd: ROOT,
          env: {
            PATH: process.env.PATH ?? '',
            LINK_PORT: String(port),
            LINK_HOST: '127.0.0.1',
            LINK_PUBLIC_URL: url,
            ...env,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      )
      child = proc
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
        proc.once('exit', (code) => reject(new Error(`link server exited (${code}):\n${seen}`)))
      })
    },
    async kill() {
      const proc = child
      if (!proc || proc.exitCode !== null) return
      const exited = new Promise((resolve) => proc.once('exit', resolve))
      proc.kill('SIGKILL')
      await exited
    },
    async stop() {
      const proc = child
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return
      const exited = new Promise((resolve) => proc.once('exit', resolve))
      proc.kill('SIGTERM')
      await exited
    },
  }
}
