import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { JumpLinkError } from '@jumplink/shared'
import type { Context } from 'hono'
import type { AppEnv } from '../context'

/**
 * The API reference page (`/docs`): Swagger UI from the pinned `swagger-ui-dist` package, served
 * by this server, so that the origin that handles API keys never runs a script from a CDN, and
 * the page works offline. `LINK_DOCS=false` leaves these routes out.
 */
const ASSET_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))

/** The files the page needs, and nothing else of the package. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
}

/** Our own start script: inline scripts are not allowed by the page's policy. */
const INIT_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#reference', deepLinking: true })
})
`

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>JumpLink API</title>
<link rel="icon" href="/docs/assets/favicon-32x32.png">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/init.js"></script>
</body>
</html>
`

/**
 * Scripts only from here; Swagger UI sets style attributes, hence inline styles (no script can
 * come through them); it fetches nothing but `/openapi.json`; nobody may frame it.
 */
export const API_REFERENCE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

export function registerApiReferenceRoutes(app: OpenAPIHono<AppEnv>): void {
  const cache = new Map<string, Uint8Array<ArrayBuffer>>()
  const secure = (c: Context<AppEnv>) => {
    c.header('content-security-policy', API_REFERENCE_CSP)
    c.header('referrer-policy', 'no-referrer')
    c.header('cross-origin-resource-policy', 'same-origin')
  }

  app.get('/docs', (c) => {
    secure(c)
    return c.html(PAGE)
  })

  // The server's own address, opened in a browser: the API reference is what there is to see.
  app.get('/', (c) => c.redirect('/docs', 302))

  app.get('/docs/assets/:name', async (c) => {
    secure(c)
    const name = c.req.param('name')
    // Assets come from a pinned package version: an hour of caching is safe.
    c.header('cache-control', 'public, max-age=3600')
    if (name === 'init.js') {
      c.header('content-type', 'text/javascript; charset=utf-8')
      return c.body(INIT_SCRIPT)
    }
    const type = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined
    if (!type) throw new JumpLinkError('route_not_found')
    let body = cache.get(name)
    if (!body) {
      body = new Uint8Array(await readFile(join(ASSET_DIR, name)))
      cache.set(name, body)
    }
    c.header('content-type', type)
    return c.body(body)
  })
}
