import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHostApp, openPostgresStore, type Store } from '@jumplink/link-server'
import { type RunningSandbox, SCENARIO_KEYS, startSandbox } from '@jumplink/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPackages } from '../../scripts/build-packages.mjs'
import { freePort } from '../security/support/child-server'
import { connect } from '../security/support/flow'
import { createCaller } from '../security/support/http'
import { newMasterKeys } from '../security/support/link-server'
import { createDatabase, type FreshDatabase } from '../security/support/postgres'
import { type Instance, linkServerProcess } from './support/instance'

/**
 * With OTEL_EXPORTER_OTLP_ENDPOINT set, the link server exports traces over OTLP/HTTP: a span
 * per request named by route, the directory calls (undici) and database queries (pg) inside
 * it, the request id on each, and no secret anywhere in what it sends.
 */
interface ExportedSpan {
  name: string
  attributes: Record<string, unknown>
}

let collector: Server
const exported: string[] = []
let sandbox: RunningSandbox
let database: FreshDatabase
let server: Instance
let store: Store
const masterKeys = newMasterKeys()

beforeAll(async () => {
  collector = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    if (req.url === '/v1/traces') exported.push(Buffer.concat(chunks).toString('utf8'))
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end('{}')
  })
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve))
  await buildPackages({ quiet: true })
  sandbox = await startSandbox({ port: 0 })
  database = await createDatabase('tracing')
  const port = await freePort()
  server = linkServerProcess(
    'traced',
    port,
    {
      LINK_MODE: 'production',
      LINK_PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: database.url,
      LINK_MASTER_KEYS: masterKeys,
      LINK_DIRECTORY_URL: sandbox.url,
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    },
    { entry: 'built' },
  )
  await server.start()
  store = await openPostgresStore({ databaseUrl: database.url, maxConnections: 2 })
}, 120_000)

afterAll(async () => {
  await server?.kill()
  await store?.close()
  await sandbox?.close()
  await database?.drop()
  await new Promise<void>((resolve) => collector?.close(() => resolve()))
})

/** Every span exported so far (OTLP JSON), with attributes as a plain object. */
function spans(): ExportedSpan[] {
  const all: ExportedSpan[] = []
  for (const body of exported) {
    const parsed = JSON.parse(body) as {
      resourceSpans: {
        scopeSpans: {
          spans: {
            name: string
            attributes: { key: string; value: Record<string, unknown> }[]
          }[]
        }[]
      }[]
    }
    for (const resource of parsed.resourceSpans)
      for (const scope of resource.scopeSpans)
        for (const span of scope.spans) {
          const attributes: Record<string, unknown> = {}
          for (const { key, value } of span.attributes) attributes[key] = Object.values(value)[0]
          all.push({ name: span.name, attributes })
        }
  }
  return all
}

describe('traces', () => {
  it('export each request with its directory calls and queries, the request id on every span, no secret', async () => {
    const { hostApp, secret } = await createHostApp(store, {
      name: 'Traced host',
      allowedOrigins: ['https://host.example'],
    })
    const call = createCaller(server.url)
    const { token } = await connect(
      call,
      secret,
      SCENARIO_KEYS.single,
      sandbox.sandbox.organizations.single.id,
    )
    const read = await call('GET', '/v1/unified/user-directory/users?limit=5', { token })
    expect(read.status).toBe(200)
    const requestId = read.headers.get('x-request-id')
    expect(requestId).toBeTruthy()

    let ours: ExportedSpan[] = []
    for (let i = 0; i < 100; i++) {
      ours = spans().filter((s) => s.attributes['jumplink.request_id'] === requestId)
      if (ours.some((s) => s.name === 'GET /v1/unified/user-directory/users')) {
        if (ours.some((s) => String(s.attributes['url.full'] ?? '').startsWith(sandbox.url))) break
      }
      await new Promise((r) => setTimeout(r, 100))
    }
    const request = ours.find((s) => s.name === 'GET /v1/unified/user-directory/users')
    expect(request?.attributes).toMatchObject({
      'http.route': '/v1/unified/user-directory/users',
      'http.response.status_code': 200,
    })
    // The directory call (undici) and the database reads (pg) of that request carry its id.
    expect(ours.some((s) => String(s.attributes['url.full'] ?? '').startsWith(sandbox.url))).toBe(
      true,
    )
    expect(ours.some((s) => s.attributes['db.system.name'] === 'postgresql')).toBe(true)
    // Queries are recorded without their values.
    for (const query of ours.filter((s) => s.attributes['db.query.text'] !== undefined)) {
      expect(String(query.attributes['db.query.text'])).not.toContain(hostApp.id)
    }

    const everything = exported.join('\n')
    for (const secretValue of [
      SCENARIO_KEYS.single,
      token,
      secret,
      masterKeys.split(':')[1] ?? 'unset',
    ]) {
      expect(everything).not.toContain(secretValue)
    }
  })
})
