// The link server and the sandbox as separate processes on loopback, as they run in production
// (and in `npm run demo`): each a Node process of its own, the link server started from its
// only Node entry, `packages/link-server/src/server.ts`, with nothing but environment variables.
import { type ChildProcess, spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { DEMO_SECRET_KEY } from '../../packages/link-server/src/host-apps.ts'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const LINK_SERVER_ENTRY = join(ROOT, 'packages', 'link-server', 'src', 'server.ts')
/** The published build (`scripts/build-packages.mjs`): plain Node, no tsx. */
const BUILT_LINK_SERVER_ENTRY = join(ROOT, 'packages', 'link-server', 'dist', 'server.js')
const PUBLIC_URL = 'http://localhost:3100'
const SANDBOX_CHILD = join(ROOT, 'packages', 'sandbox', 'bench', 'counted-server.ts')
const MAPPING_PROXY_CHILD = join(ROOT, 'bench', 'support', 'mapping-proxy.ts')

/**
 * `node --import tsx --conditions=source <entry>`: what `pnpm start` runs, as one process (the
 * tsx CLI would put a second, parent process in front; its RSS is not the server's).
 */
function spawnNode(
  entry: string,
  args: string[],
  env: Record<string, string>,
  nodeArgs: string[] = [],
): ChildProcess {
  const flags = [...nodeArgs, '--import', 'tsx', '--conditions=source']
  return spawn(process.execPath, [...flags, entry, ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/** Keeps the last lines a child wrote, to explain a failure. */
function tail(child: ChildProcess): () => string {
  const lines: string[] = []
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line)
      if (lines.length > 20) lines.shift()
    })
  }
  return () => lines.join('\n')
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
  await exited
  clearTimeout(timer)
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** Resident memory of a process, MiB, from /proc/<pid>/status (Linux). */
export async function readRssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)
  if (!match?.[1]) throw new Error(`no VmRSS for process ${pid}`)
  return Number(match[1]) / 1024
}

/** Samples a process's RSS every `everyMs` until stopped; answers the highest seen, MiB. */
export function sampleRss(pid: number, everyMs = 25): { stop(): Promise<number> } {
  let peak = 0
  let running = true
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, await readRssMiB(pid).catch(() => 0))
      await new Promise((resolve) => setTimeout(resolve, everyMs))
    }
  })()
  return {
    async stop() {
      running = false
      await loop
      return peak
    },
  }
}

export interface SandboxProcess {
  url: string
  pid: number
  /** The highest number of calls in flight at the sandbox since the last reset. */
  inFlight(): Promise<{ current: number; max: number; total: number }>
  resetInFlight(): Promise<void>
  stop(): Promise<void>
}

export async function startSandboxProcess(
  options: {
    latencyMs?: number
    /** Delay of every answer to the slow key. */
    slowLatencyMs?: number
    /** Users of the large organization (10,000 unless set). */
    largeUsers?: number
  } = {},
) {
  const flags = [
    '--latency-ms',
    String(options.latencyMs ?? 0),
    ...(options.slowLatencyMs === undefined
      ? []
      : ['--slow-latency-ms', String(options.slowLatencyMs)]),
    ...(options.largeUsers === undefined ? [] : ['--large-users', String(options.largeUsers)]),
  ]
  const child = spawnNode(SANDBOX_CHILD, flags, {})
  const lastLines = tail(child)
  const url = await new Promise<string>((resolve, reject) => {
    const lines = child.stdout && createInterface({ input: child.stdout })
    lines?.on('line', (line) => {
      if (line.startsWith('{"url"')) resolve((JSON.parse(line) as { url: string }).url)
    })
    child.once('exit', (code) => reject(new Error(`sandbox exited (${code}):\n${lastLines()}`)))
  })
  const counter = `${url}/_bench/in-flight`
  const sandbox: SandboxProcess = {
    url,
    pid: child.pid as number,
    inFlight: async () =>
      (await (await fetch(counter)).json()) as { current: number; max: number; total: number },
    resetInFlight: async () => {
      await (await fetch(counter, { method: 'POST' })).arrayBuffer()
    },
    stop: () => stopChild(child),
  }
  return sandbox
}

export interface MappingProxyProcess {
  url: string
  pid: number
  stop(): Promise<void>
}

/**
 * The bare mapping proxy (`mapping-proxy.ts`) in a process of its own, reading the first page of
 * users of `organizationId` from the sandbox with `apiKey`: the floor a mapping server has.
 */
export async function startMappingProxy(options: {
  sandboxUrl: string
  apiKey: string
  organizationId: string
  /** Node flags, e.g. `--cpu-prof` to profile the proxy (its profile is written on stop). */
  nodeArgs?: string[]
}): Promise<MappingProxyProcess> {
  const child = spawnNode(
    MAPPING_PROXY_CHILD,
    [options.sandboxUrl, options.apiKey, options.organizationId],
    {},
    options.nodeArgs,
  )
  const lastLines = tail(child)
  const url = await new Promise<string>((resolve, reject) => {
    const lines = child.stdout && createInterface({ input: child.stdout })
    lines?.on('line', (line) => {
      if (line.startsWith('{"url"')) resolve((JSON.parse(line) as { url: string }).url)
    })
    child.once('exit', (code) =>
      reject(new Error(`mapping proxy exited (${code}):\n${lastLines()}`)),
    )
  })
  return { url, pid: child.pid as number, stop: () => stopChild(child) }
}

export interface LinkServerProcess {
  url: string
  pid: number
  /** From spawn to the first 200 of /healthz, ms. */
  healthyAfterMs: number
  /** From spawn to the first 200 of /readyz (polled right after /healthz answered), ms. */
  readyAfterMs: number
  stop(): Promise<void>
}

/**
 * Spawns the link server in demo mode (embedded database in `dataDir`, the demo host app with
 * its documented secret), pointed at `directoryUrl`, and times its start.
 */
export async function startLinkServer(options: {
  dataDir: string
  directoryUrl: string
  logLevel?: string
  /** Node flags, e.g. `--cpu-prof` to profile the server. */
  nodeArgs?: string[]
  /** More settings, e.g. LINK_DIRECTORY_CONCURRENCY. */
  env?: Record<string, string>
  /** `built`: the published JavaScript (`dist/server.js`) under plain Node, as production runs it. */
  entry?: 'source' | 'built'
}): Promise<LinkServerProcess> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const started = performance.now()
  const environment = {
    LINK_MODE: 'demo',
    LINK_PORT: String(port),
    // Fixed, not the port: it is the tokens' issuer, and a later start on the same folder must
    // accept the tokens an earlier one signed.
    LINK_PUBLIC_URL: PUBLIC_URL,
    LINK_DATA_DIR: options.dataDir,
    LINK_DIRECTORY_URL: options.directoryUrl,
    LINK_LOG_LEVEL: options.logLevel ?? 'info',
    ...options.env,
  }
  const child =
    options.entry === 'built'
      ? spawn(process.execPath, [...(options.nodeArgs ?? []), BUILT_LINK_SERVER_ENTRY], {
          cwd: ROOT,
          env: { ...process.env, NODE_ENV: 'production', ...environment },
          stdio: ['ignore', 'pipe', 'pipe'],
        })
      : spawnNode(LINK_SERVER_ENTRY, [], environment, options.nodeArgs)
  const lastLines = tail(child)
  let exited = false
  child.once('exit', () => {
    exited = true
  })
  const firstOk = async (path: string): Promise<number> => {
    for (;;) {
      if (exited) throw new Error(`the link server exited:\n${lastLines()}`)
      if (performance.now() - started > 180_000) throw new Error(`no 200 from ${path} in 180 s`)
      try {
        const response = await fetch(`${url}${path}`)
        await response.arrayBuffer()
        if (response.status === 200) return performance.now() - started
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  }
  const healthyAfterMs = await firstOk('/healthz')
  const readyAfterMs = await firstOk('/readyz')
  return {
    url,
    pid: child.pid as number,
    healthyAfterMs,
    readyAfterMs,
    stop: () => stopChild(child),
  }
}

async function postJson<T>(url: string, token: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${text}`)
  return JSON.parse(text) as T
}

/**
 * The link flow over HTTP, as a host backend and the widget make it: a link session with the demo
 * host app's secret, the key and organization, the exchange. Answers the integration token.
 */
export async function connectOrganization(
  linkUrl: string,
  apiKey: string,
  organizationId: string,
): Promise<string> {
  const { link_token } = await postJson<{ link_token: string }>(
    `${linkUrl}/v1/link-sessions`,
    DEMO_SECRET_KEY,
    { end_user: { id: 'bench-user', email: 'it@example.test' } },
  )
  const { public_token } = await postJson<{ public_token: string }>(
    `${linkUrl}/v1/link/complete`,
    link_token,
    { api_key: apiKey, region: 'us', organization_id: organizationId },
  )
  const { integration_token } = await postJson<{ integration_token: string }>(
    `${linkUrl}/v1/tokens/exchange`,
    DEMO_SECRET_KEY,
    { public_token },
  )
  return integration_token
}

/** The only organization a single-organization key reads, straight from the sandbox. */
export async function organizationOf(sandboxUrl: string, apiKey: string): Promise<string> {
  const response = await fetch(`${sandboxUrl}/api/organizations`, {
    headers: { 'x-api-key': apiKey },
  })
  const body = (await response.json()) as { results?: { _id: string }[] }
  const id = body.results?.[0]?._id
  if (!id) throw new Error(`the sandbox lists no organization for this key (${response.status})`)
  return id
}

export interface StartParts {
  /** From the process's start to its first line of code, with the tsx loader, ms. */
  bootMs: number
  /** Loading the store's modules (Kysely, PGlite), ms. */
  importMs: number
  /** Opening the embedded database in the folder, migrations checked, ms. */
  openMs: number
  rssMiB: number
}

/**
 * Node with tsx alone (no folder), or with the embedded database opened in `folder` (the link
 * server's `<data dir>/db`), in a process of its own: to tell where start time and memory go.
 */
export async function measureStartParts(folder?: string): Promise<StartParts> {
  const entry = join(ROOT, 'bench', 'support', 'baseline-child.ts')
  const child = spawnNode(entry, folder ? ['--open', folder] : [], {})
  const lastLines = tail(child)
  return new Promise((resolve, reject) => {
    const lines = child.stdout && createInterface({ input: child.stdout })
    lines?.on('line', (line) => {
      if (line.startsWith('{"bootMs"')) resolve(JSON.parse(line) as StartParts)
    })
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`baseline exited (${code}):\n${lastLines()}`))
    })
  })
}
