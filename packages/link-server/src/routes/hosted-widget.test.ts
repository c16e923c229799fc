import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { OpenAPIHono } from '@hono/zod-openapi'
import { requestId } from 'hono/request-id'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppEnv } from '../context'
import { handleError } from '../errors'
import { createHarness, HOST_ORIGIN } from '../fixtures/harness'
import { hostedPageCsp, registerHostedWidgetRoutes } from './hosted-widget'

const ALLOWED = 'https://host.example'
const HTML = '<!doctype html><script type="module" src="/link/assets/index-abc123.js"></script>'
const JS = 'console.log("widget")'

let dir: string
let app: OpenAPIHono<AppEnv>

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hosted-widget-'))
  await mkdir(join(dir, 'assets'))
  await writeFile(join(dir, 'index.html'), HTML)
  await writeFile(join(dir, 'assets', 'index-abc123.js'), JS)
  await writeFile(join(dir, 'assets', 'widget-def456.css'), '.jl-root{color:red}')
  await writeFile(join(dir, 'secret.txt'), 'not an asset')
  app = new OpenAPIHono<AppEnv>()
  app.use(requestId())
  const store = {
    hostApps: { isOriginAllowedAnywhere: async (origin: string) => origin === ALLOWED },
  }
  registerHostedWidgetRoutes(app, { store: store as never }, { dir })
  app.onError(handleError)
})
afterAll(() => rm(dir, { recursive: true, force: true }))

const get = (path: string) => app.request(`http://localhost${path}`)

function directives(response: Response): Map<string, string> {
  const csp = response.headers.get('content-security-policy') ?? ''
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/)
      return [name, values.join(' ')]
    }),
  )
}

describe('GET /link', () => {
  it('serves the built page with the strict policy and no referrer', async () => {
    const response = await get(`/link?origin=${encodeURIComponent(ALLOWED)}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await response.text()).toBe(HTML)
    expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    expect(response.headers.get('cache-control')).toBe('no-store')
    const csp = directives(response)
    expect(Object.fromEntries(csp)).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'connect-src': "'self'",
      'img-src': "'self' data:",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': ALLOWED,
    })
  })

  it.each([
    ['no origin', '/link'],
    ['an origin no host app allows', '/link?origin=https://evil.example'],
    ['a URL with a path instead of an origin', `/link?origin=${ALLOWED}/path`],
    ['a non-http scheme', '/link?origin=javascript:alert(1)'],
    ['garbage', '/link?origin=%%%'],
  ])('lets nobody frame it for %s', async (_, path) => {
    const response = await get(path)
    expect(response.status).toBe(200)
    expect(directives(response).get('frame-ancestors')).toBe("'none'")
  })

  it('answers 503 with a catalog body when the page was never built', async () => {
    const bare = new OpenAPIHono<AppEnv>()
    bare.use(requestId())
    const store = { hostApps: { isOriginAllowedAnywhere: async () => true } }
    registerHostedWidgetRoutes(bare, { store: store as never }, { dir: join(dir, 'missing') })
    bare.onError(handleError)
    const response = await bare.request('http://localhost/link')
    expect(response.status).toBe(503)
    expect(await response.json()).toMatchObject({ error: { code: 'service_unavailable' } })
  })
})

describe('GET /link/assets/*', () => {
  it('serves hashed files with their type, cached forever', async () => {
    const response = await get('/link/assets/index-abc123.js')
    expect(response.status).toBe(200)
    expect(await response.text()).toBe(JS)
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const css = await get('/link/assets/widget-def456.css')
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
  })

  it.each([
    '/link/assets/index-nothere.js',
    '/link/assets/..%2Fsecret.txt',
    '/link/assets/.hidden.js',
    '/link/assets/index-abc123.exe',
  ])('answers 404 with a catalog body for %s', async (path) => {
    const response = await get(path)
    expect(response.status).toBe(404)
    const body = (await response.json()) as { error: { code: string; request_id: string } }
    expect(body.error.code).toBe('route_not_found')
    expect(body.error.request_id).toBeTruthy()
  })
})

describe('mounted in the link server', () => {
  it('uses the host apps of the store for frame-ancestors', async () => {
    const h = await createHarness()
    try {
      const allowed = await h.call('GET', `/link?origin=${encodeURIComponent(HOST_ORIGIN)}`)
      expect(allowed.headers.get('content-security-policy')).toContain(
        `frame-ancestors ${HOST_ORIGIN}`,
      )
      const foreign = await h.call('GET', '/link?origin=https://other.example')
      expect(foreign.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    } finally {
      await h.close()
    }
  })
})

describe('hostedPageCsp', () => {
  it("never leaves frame-ancestors open: 'none' without an allowed origin", () => {
    expect(hostedPageCsp(null)).toContain("frame-ancestors 'none'")
    expect(hostedPageCsp(null)).not.toContain('*')
  })
})
