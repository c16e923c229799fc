import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Hono } from 'hono'

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  woff2: 'font/woff2',
}
const ASSET = /^[A-Za-z0-9_-][A-Za-z0-9._-]*\.([a-z0-9]+)$/
export const NONCE_PLACEHOLDER = '__CSP_NONCE__'

/**
 * The built front: hashed assets cached forever, and index.html for every page path (the front
 * routes itself), under a strict CSP. The widget renders its `<style>` with the page's nonce and
 * talks to the link server, the only other origin the page may reach or frame.
 */
export function serveWeb(webDir: string, linkServerUrl: string): Hono {
  const linkOrigin = new URL(linkServerUrl).origin
  const web = new Hono()

  web.get('/assets/:name', async (c) => {
    const name = c.req.param('name')
    const type = TYPES[ASSET.exec(name)?.[1] ?? '']
    if (!type) return c.notFound()
    try {
      const body = await readFile(join(webDir, 'assets', name))
      c.header('content-type', type)
      c.header('cache-control', 'public, max-age=31536000, immutable')
      return c.body(new Uint8Array(body))
    } catch {
      return c.notFound()
    }
  })

  web.get('*', async (c) => {
    const nonce = randomBytes(16).toString('base64')
    const html = await readFile(join(webDir, 'index.html'), 'utf8')
    c.header(
      'content-security-policy',
      [
        "default-src 'self'",
        "script-src 'self'",
        `style-src 'self' 'nonce-${nonce}'`,
        `connect-src 'self' ${linkOrigin}`,
        `frame-src ${linkOrigin}`,
        "img-src 'self' data:",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join('; '),
    )
    c.header('referrer-policy', 'strict-origin-when-cross-origin')
    c.header('cache-control', 'no-store')
    return c.html(html.replaceAll(NONCE_PLACEHOLDER, nonce))
  })
  return web
}
