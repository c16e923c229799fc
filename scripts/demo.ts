// `npm run demo`: the sandbox directory, the link server (embedded database, demo mode, serving
// the hosted widget page) and the demo host app, each as its own process talking over real HTTP,
// as in production. `npm run demo` runs setup first, which builds the browser bundles they serve.
// Ctrl-C stops them all. Ports: DEMO_SANDBOX_PORT, DEMO_LINK_PORT, DEMO_HOST_APP_PORT (README).
// The demo secret key is fixed and public (DEMO_SECRET_KEY, demo mode only), so printing it
// here is no leak; the link server's own log still never prints a secret.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SCENARIO_DESCRIPTIONS, SCENARIO_KEYS } from '../packages/sandbox/src/keys.ts'
import { SCENARIO_SERVICE_ACCOUNTS } from '../packages/sandbox/src/service-accounts.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const tsx = join(root, 'node_modules', '.bin', 'tsx')

const SANDBOX_PORT = Number(process.env.DEMO_SANDBOX_PORT ?? 4010)
const LINK_PORT = Number(process.env.DEMO_LINK_PORT ?? 3100)
const HOST_APP_PORT = Number(process.env.DEMO_HOST_APP_PORT ?? 5173)

interface Service {
  name: string
  entry: string
  args?: string[]
  env?: Record<string, string>
  /** Answers 2xx once the service is ready. */
  readyUrl: string
}

const allServices: Service[] = [
  {
    name: 'sandbox',
    entry: 'packages/sandbox/src/cli.ts',
    args: ['--port', String(SANDBOX_PORT)],
    readyUrl: `http://127.0.0.1:${SANDBOX_PORT}/_sandbox`,
  },
  {
    name: 'link-server',
    entry: 'packages/link-server/src/server.ts',
    env: {
      LINK_MODE: 'demo',
      LINK_PORT: String(LINK_PORT),
      LINK_PUBLIC_URL: `http://localhost:${LINK_PORT}`,
      LINK_DIRECTORY_URL: `http://127.0.0.1:${SANDBOX_PORT}`,
      LINK_DEMO_ORIGINS: `http://localhost:${HOST_APP_PORT},http://127.0.0.1:${HOST_APP_PORT}`,
      LINK_DEMO_APP_NAME: 'Clearview',
    },
    readyUrl: `http://127.0.0.1:${LINK_PORT}/readyz`,
  },
  {
    name: 'host-app',
    entry: 'examples/host-app/src/server/main.ts',
    env: {
      PORT: String(HOST_APP_PORT),
      JUMPLINK_URL: `http://localhost:${LINK_PORT}`,
    },
    readyUrl: `http://127.0.0.1:${HOST_APP_PORT}/healthz`,
  },
]
// Later parts of the demo join in as they are built.
const services = allServices.filter((service) => existsSync(join(root, service.entry)))

const children: ChildProcess[] = []
let stopping = false

function stopAll(code: number): never {
  stopping = true
  for (const child of children) child.kill('SIGTERM')
  process.exit(code)
}
process.on('SIGINT', () => stopAll(0))
process.on('SIGTERM', () => stopAll(0))

function prefixLines(name: string, stream: NodeJS.ReadableStream, out: NodeJS.WritableStream) {
  let buffered = ''
  stream.on('data', (chunk: Buffer) => {
    buffered += chunk.toString()
    const lines = buffered.split('\n')
    buffered = lines.pop() ?? ''
    for (const line of lines) out.write(`[${name}] ${line}\n`)
  })
}

function start(service: Service): ChildProcess {
  const child = spawn(tsx, ['--conditions=source', service.entry, ...(service.args ?? [])], {
    cwd: root,
    env: { ...process.env, ...service.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  if (child.stdout) prefixLines(service.name, child.stdout, process.stdout)
  if (child.stderr) prefixLines(service.name, child.stderr, process.stderr)
  child.on('exit', (code) => {
    if (stopping) return
    console.error(`\n${service.name} stopped (exit code ${code}); stopping the demo.`)
    stopAll(1)
  })
  children.push(child)
  return child
}

async function waitUntilReady(service: Service, seconds = 60): Promise<void> {
  const deadline = Date.now() + seconds * 1000
  while (Date.now() < deadline) {
    try {
      const response = await fetch(service.readyUrl)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  console.error(`${service.name} was not ready after ${seconds} s (${service.readyUrl}).`)
  stopAll(1)
}

for (const service of services) {
  start(service)
  await waitUntilReady(service)
}

const hostApp = services.some((service) => service.name === 'host-app')
const keyLines = Object.entries(SCENARIO_KEYS).map(
  ([name, key]) => `    ${key}   ${SCENARIO_DESCRIPTIONS[name as keyof typeof SCENARIO_KEYS]}`,
)
const serviceAccountLines = (['single', 'msp', 'invalidSecret'] as const).map((name) => {
  const { clientId, clientSecret } = SCENARIO_SERVICE_ACCOUNTS[name]
  return `    ${clientId} / ${clientSecret}`
})
const lines = [
  '',
  'JumpLink demo is running.',
  '',
  hostApp
    ? `  Open the demo host app:  http://localhost:${HOST_APP_PORT}`
    : `  Link server:             http://localhost:${LINK_PORT}   (API reference: http://localhost:${LINK_PORT}/docs)`,
  `  API reference:           http://localhost:${LINK_PORT}/docs`,
  `  Sandbox directory:       http://localhost:${SANDBOX_PORT}   (lists the keys below)`,
  '  Demo host secret key:    jl_sk_demo_development_secret_only_for_local_host   (fixed, demo only)',
  '',
  hostApp
    ? '  Open Connections, click Connect (in the page or in a secure window), paste a key:'
    : '  Paste a sandbox key into the widget:',
  ...keyLines,
  '',
  '  Or choose "With a service account" in the widget: client id / client secret',
  ...serviceAccountLines,
  '',
  hostApp ? '  "Access for Clearview: Read and act" lets the access review suspend users.' : '',
  hostApp
    ? ''
    : `  Try it: curl -s -X POST http://localhost:${LINK_PORT}/v1/link-sessions \\
      -H 'authorization: Bearer jl_sk_demo_development_secret_only_for_local_host' \\
      -H 'content-type: application/json' -d '{"end_user":{"id":"you"}}'`,
  '',
  'Press Ctrl-C to stop.',
]
console.log(lines.join('\n'))
