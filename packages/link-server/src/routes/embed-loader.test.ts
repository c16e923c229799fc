import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { OpenAPIHono } from '@hono/zod-openapi'
import { JumpLinkError } from '@jumplink/shared'
import { requestId } from 'hono/request-id'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import packageJson from '../../package.json' with { type: 'json' }
import type { AppEnv } from '../context'
import { errorResponse, handleError } from '../errors'
import { EMBED_LOADER_PATH, registerEmbedLoaderRoutes } from './embed-loader'

type ErrorBody = { error: { code: string } }

const LOADER = 'var JumpLink=(function(){return{open(){}}})();'
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'embed-loader-'))
  await writeFile(join(dir, 'jumplink.js'), LOADER)
})
afterAll(() => rm(dir, { recursive: true, force: true }))

function appServing(file: string) {
  const app = new OpenAPIHono<AppEnv>()
  app.use(requestId())
  registerEmbedLoaderRoutes(app, { file })
  app.notFound((c) => errorResponse(c, new JumpLinkError('route_not_found')))
  app.onError(handleError)
  return app
}

describe('the script-tag loader', () => {
  it("lives at a URL named after this package's version", () => {
    expect(EMBED_LOADER_PATH).toBe(`/embed/v${packageJson.version}/jumplink.js`)
  })

  it('is served as JavaScript, cached for a year as immutable, readable from any origin', async () => {
    const response = await appServing(join(dir, 'jumplink.js')).request(
      `http://localhost${EMBED_LOADER_PATH}`,
    )
    expect(response.status).toBe(200)
    expect(await response.text()).toBe(LOADER)
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    // SRI on a cross-origin script needs CORS.
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
  })

  it('answers another version with the catalog 404', async () => {
    const response = await appServing(join(dir, 'jumplink.js')).request(
      'http://localhost/embed/v0.0.1/jumplink.js',
    )
    expect(response.status).toBe(404)
    expect(((await response.json()) as ErrorBody).error.code).toBe('route_not_found')
  })

  it('redirects /embed.js to the versioned URL, uncached', async () => {
    const response = await appServing(join(dir, 'jumplink.js')).request('http://localhost/embed.js')
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(EMBED_LOADER_PATH)
    expect(response.headers.get('cache-control')).toBe('no-cache')
  })

  it('answers 503 service_unavailable, not a stack, when the loader is not built', async () => {
    const response = await appServing(join(dir, 'missing.js')).request(
      `http://localhost${EMBED_LOADER_PATH}`,
    )
    expect(response.status).toBe(503)
    const body = (await response.json()) as ErrorBody
    expect(body.error.code).toBe('service_unavailable')
    expect(JSON.stringify(body)).not.toContain(dir)
  })
})
