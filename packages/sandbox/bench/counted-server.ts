// The sandbox JumpCloud as its own process, as `pnpm sandbox` runs it (startSandbox's server),
// with one addition for the benchmarks: every call is counted while in flight, at the sandbox,
// and `GET /_bench/in-flight` tells the highest count since the last `POST /_bench/in-flight`.
// Usage: node --import tsx --conditions=source packages/sandbox/bench/counted-server.ts
//   [--latency-ms N] [--slow-latency-ms N] [--large-users N]
//   (bench/support/processes.ts starts it for `pnpm bench`)
// Prints one JSON line, {"url": "http://127.0.0.1:PORT"}, once it listens.
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createInFlightCounter } from '../../../bench/support/stats.ts'
import { createSandbox, SCENARIO_KEYS } from '../src/index.ts'

const argv = process.argv.slice(2)
const latencyIndex = argv.indexOf('--latency-ms')
const latencyMs = latencyIndex >= 0 ? Number(argv[latencyIndex + 1]) : 0
if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error('--latency-ms must be ≥ 0')

const slowIndex = argv.indexOf('--slow-latency-ms')
const slowLatencyMs = slowIndex >= 0 ? Number(argv[slowIndex + 1]) : undefined
if (slowLatencyMs !== undefined && !(Number.isFinite(slowLatencyMs) && slowLatencyMs >= 0)) {
  throw new Error('--slow-latency-ms must be ≥ 0')
}

const usersIndex = argv.indexOf('--large-users')
const largeUsers = usersIndex >= 0 ? Number(argv[usersIndex + 1]) : undefined
if (largeUsers !== undefined && !(Number.isInteger(largeUsers) && largeUsers > 0)) {
  throw new Error('--large-users must be a positive integer')
}

const sandbox = createSandbox({
  latencyMs,
  ...(slowLatencyMs === undefined ? {} : { slowLatencyMs }),
  // The large organization at another size (the export's memory, 1,000 against 10,000 users).
  ...(largeUsers === undefined ? {} : { sizes: { large: { users: largeUsers } } }),
})
// Generate the large organization now, not inside the first measured call (about 0.5 s).
await sandbox.app.request('/api/systemusers?limit=1', {
  headers: { 'x-api-key': SCENARIO_KEYS.large },
})

const counter = createInFlightCounter()
const COUNTER_PATH = '/_bench/in-flight'

const server = serve(
  {
    hostname: '127.0.0.1',
    port: 0,
    fetch: (request, env) => {
      if (new URL(request.url).pathname === COUNTER_PATH) {
        if (request.method === 'POST') counter.reset()
        return Response.json({ current: counter.current, max: counter.max, total: counter.total })
      }
      // The whole answer, the latency included, is in flight: the body is a finished string.
      return counter.track(async () => sandbox.app.fetch(request, env))
    },
  },
  (info: AddressInfo) => {
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}` })}\n`)
  },
)

const stop = () => {
  if ('closeAllConnections' in server) server.closeAllConnections()
  server.close(() => process.exit(0))
}
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
