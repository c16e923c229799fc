import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import { promisify } from 'node:util'
import pg from 'pg'

export const run = promisify(execFile)

/** The CI PostgreSQL server; LINK_TEST_DATABASE_URL points elsewhere. */
const TEST_DATABASE_URL =
  process.env.LINK_TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/test'

/** A database of its own (created here, dropped by `drop`). */
export async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `jl_packed_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(TEST_DATABASE_URL)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
      await client.connect()
      await client.query(`drop database if exists ${name} with (force)`)
      await client.end()
    },
  }
}

export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

export interface Process {
  pid: number | undefined
  output: () => string
  stop(): Promise<void>
}

/** Starts a long-running command; resolves once `healthUrl` answers 200. */
export async function startUntilHealthy(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; healthUrl: string; uid?: number; gid?: number },
): Promise<Process> {
  let output = ''
  const child: ChildProcess = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid } : {}),
  })
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
  }
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${command} exited early:\n${output}`)
    try {
      const response = await fetch(options.healthUrl)
      if (response.status === 200) return { pid: child.pid, output: () => output, stop }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  await stop()
  throw new Error(`${command} did not answer ${options.healthUrl} in time:\n${output}`)
}

export const masterKey = () => `k1:${randomBytes(32).toString('base64')}`
