import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from '../fixtures/harness'
import { createDrain } from '../lifecycle/drain'

let h: Harness
beforeAll(async () => {
  h = await createHarness()
})
afterAll(() => h.close())

describe('meta routes', () => {
  it('answers /healthz and /readyz', async () => {
    expect(await (await h.call('GET', '/healthz')).json()).toEqual({ status: 'ok' })
    expect(await (await h.call('GET', '/readyz')).json()).toEqual({
      status: 'ok',
      checks: { database: 'ok' },
    })
  })

  it('publishes the signing keys, public parts only', async () => {
    const { keys } = (await (await h.call('GET', '/.well-known/jwks.json')).json()) as {
      keys: Record<string, string>[]
    }
    expect(keys).toHaveLength(1)
    expect(keys[0]).toMatchObject({
      kty: 'OKP',
      crv: 'Ed25519',
      alg: 'EdDSA',
      use: 'sig',
      kid: expect.any(String),
    })
    expect(keys[0]).not.toHaveProperty('d')
  })

  it('serves an OpenAPI 3.1 document built from the shared schemas', async () => {
    const doc = (await (await h.call('GET', '/openapi.json')).json()) as {
      openapi: string
      paths: Record<
        string,
        Record<
          string,
          { security?: unknown; responses: Record<string, unknown>; requestBody?: unknown }
        >
      >
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> }
    }
    expect(doc.openapi).toBe('3.1.0')
    // The unified routes are checked against the collection table in unified.test.ts.
    const paths = Object.keys(doc.paths).filter((path) => !path.startsWith('/v1/unified/'))
    expect(paths.sort()).toEqual(
      [
        '/healthz',
        '/readyz',
        '/v1/connections',
        '/v1/connections/{id}',
        '/v1/connections/{id}/audit',
        '/v1/connections/{id}/check',
        '/v1/connections/{id}/sync',
        '/v1/connections/{id}/ingest-url',
        '/v1/connections/{id}/ingest-url/rotate',
        '/v1/host-app',
        '/v1/ingest/{connection_id}',
        '/v1/ingest/{connection_id}/{secret}',
        '/v1/link-sessions',
        '/v1/link/complete',
        '/v1/link/organizations',
        '/v1/link/session',
        '/v1/proxy/{path}',
        '/v1/tokens/exchange',
        '/v1/webhook-deliveries',
        '/v1/webhook-deliveries/{id}',
        '/v1/webhook-deliveries/{id}/redeliver',
        '/v1/webhook-endpoints',
        '/v1/webhook-endpoints/{id}',
        '/v1/webhook-endpoints/{id}/rotate-secret',
        '/.well-known/jwks.json',
      ].sort(),
    )
    expect(doc.paths['/v1/link-sessions']?.post?.responses).toHaveProperty('201')
    expect(doc.paths['/v1/link/organizations']?.post?.security).toEqual([{ linkToken: [] }])
    expect(doc.components.schemas).toHaveProperty('CreateLinkSessionRequest')
    expect(doc.components.schemas).toHaveProperty('Error')
    expect(Object.keys(doc.components.securitySchemes)).toEqual([
      'secretKey',
      'linkToken',
      'integrationToken',
    ])
  })

  it('documents both credential kinds: the API key and the service account', async () => {
    const doc = (await (await h.call('GET', '/openapi.json')).json()) as {
      components: { schemas: Record<string, { description?: string; enum?: string[] }> }
    }
    const { CredentialKind, ServiceAccountCredential, Connection } = doc.components.schemas
    expect(CredentialKind?.enum).toEqual(['api_key', 'service_account'])
    expect(CredentialKind?.description).toMatch(/service_account/)
    expect(ServiceAccountCredential?.description).toMatch(/client id and client secret/)
    expect(JSON.stringify(Connection)).toContain('#/components/schemas/CredentialKind')
  })

  it('documents exactly the routes the server registers, each in a described group', async () => {
    const doc = (await (await h.call('GET', '/openapi.json')).json()) as {
      info: { description: string }
      tags: { name: string; description: string }[]
      paths: Record<string, Record<string, { tags?: string[]; description?: string }>>
    }
    const toOpenApi = (path: string) => path.replace(/:(\w+)/g, '{$1}').replace(/\/\*$/, '/{path}')
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    )
    const routes = h.app.routes
    // `app.use` middleware is registered as ALL on a prefix that concrete routes live under;
    // an ALL route with nothing under it is a handler of its own (the proxy: every method).
    const concrete = routes.filter((r) => r.method !== 'ALL')
    const registered = new Set<string>()
    for (const route of concrete) registered.add(`${route.method} ${toOpenApi(route.path)}`)
    for (const route of routes.filter((r) => r.method === 'ALL' && r.path.endsWith('/*'))) {
      const prefix = route.path.slice(0, -1)
      if (concrete.some((r) => r.path.startsWith(prefix))) continue
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
        registered.add(`${method} ${toOpenApi(route.path)}`)
    }
    // Pages for people, not API operations; each says why it is left out.
    const NOT_API = new Set([
      'GET /', // redirects to /docs
      'GET /docs', // the reference page that reads this document
      'GET /docs/assets/{name}', // its script, stylesheet and icon (from swagger-ui-dist)
      'GET /openapi.json', // this document
      'GET /link', // the hosted widget page
      'GET /link/assets/{name}', // its scripts and stylesheet
      'GET /metrics', // Prometheus text for the operator, documented in docs/deploying.md
      'GET /embed.js', // the script-tag embed, for pages (docs/deploying.md)
    ])
    const isNotApi = (route: string) =>
      NOT_API.has(route) || /^GET \/embed\/v[^/]+\/jumplink\.js$/.test(route) // the pinned embed
    const undocumented = [...registered].filter((r) => !documented.has(r) && !isNotApi(r))
    const phantom = [...documented].filter((d) => !registered.has(d))
    expect({ undocumented, phantom }).toEqual({ undocumented: [], phantom: [] })
    expect(registered.has('GET /v1/proxy/{path}')).toBe(true)

    const tags = new Set(doc.tags.map((tag) => tag.name))
    for (const tag of doc.tags) expect(tag.description.length, tag.name).toBeGreaterThan(40)
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(operation.tags?.length, `${method} ${path}`).toBe(1)
        expect(tags.has(operation.tags?.[0] ?? ''), `${method} ${path}`).toBe(true)
        expect(operation.description, `${method} ${path}`).toMatch(/Authenticate|No authentication/)
      }
    }
    expect(doc.info.description.split('\n').length).toBeGreaterThan(4)
  })

  it('sends a browser opening the server to the API reference', async () => {
    const res = await h.call('GET', '/')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/docs')
  })

  it('serves the API reference page', async () => {
    const res = await h.call('GET', '/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(await res.text()).toContain('/docs/assets/swagger-ui-bundle.js')
    const init = await h.call('GET', '/docs/assets/init.js')
    expect(await init.text()).toContain('/openapi.json')
  })

  it('reports a database that stopped answering', async () => {
    const broken = await createHarness({
      store: h.store,
      deps: { store: { ...h.store, ping: () => Promise.reject(new Error('down')) } },
    })
    const res = await broken.call('GET', '/readyz')
    expect(res.status).toBe(503)
    expect(await res.json()).toEqual({ status: 'unavailable', checks: { database: 'failed' } })
  })

  it('answers /readyz 503 as soon as a shutdown starts, and every answer then closes its connection', async () => {
    const drain = createDrain()
    const stopping = await createHarness({ store: h.store, deps: { drain } })
    expect((await stopping.call('GET', '/readyz')).status).toBe(200)
    drain.begin()
    const res = await stopping.call('GET', '/readyz')
    expect(res.status).toBe(503)
    expect(await res.json()).toEqual({ status: 'unavailable', checks: { accepting: 'failed' } })
    expect(res.headers.get('connection')).toBe('close')
    // Requests already on their way are still answered in full.
    const health = await stopping.call('GET', '/healthz')
    expect(health.status).toBe(200)
    expect(health.headers.get('connection')).toBe('close')
  })
})
