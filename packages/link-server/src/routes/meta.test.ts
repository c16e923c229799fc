import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from '../fixtures/harness'

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
    expect(paths.sort()).toEqual([
      '/healthz',
      '/readyz',
      '/v1/connections',
      '/v1/connections/{id}',
      '/v1/connections/{id}/check',
      '/v1/link-sessions',
      '/v1/link/complete',
      '/v1/link/organizations',
      '/v1/link/session',
      '/v1/tokens/exchange',
    ])
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

  it('serves the API reference page', async () => {
    const res = await h.call('GET', '/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    expect(await res.text()).toContain('/openapi.json')
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
})
