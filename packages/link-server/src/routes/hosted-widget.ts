import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { JumpLinkError } from '@jumplink/shared'
import type { Context } from 'hono'
import type { AppEnv } from '../context'
import type { Store } from '../storage/store'

/**
 * The built hosted page: in the published package it sits beside the bundled code
 * (`dist/link`, copied there by the build); in the workspace, where this file runs from src/,
 * it is the widget's own build output. A folder on disk, not an import: the link server never
 * imports the widget's code, it only serves its built files.
 */
export const DEFAULT_HOSTED_PAGE_DIR = builtWidgetFile('link')

/** A file or folder the widget's Vite build writes, wherever this code runs from. */
export function builtWidgetFile(name: string): string {
  const packaged = fileURLToPath(new URL(`./${name}`, import.meta.url))
  if (existsSync(packaged)) return packaged
  return fileURLToPath(new URL(`../../../widget/dist/${name}`, import.meta.url))
}

const CONTENT_TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  woff2: 'font/woff2',
}
/** Built asset names only: no folders, no dot-files, so nothing outside assets/ is reachable. */
const ASSET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*\.([a-z0-9]+)$/

/**
 * The page's policy. The link token arrives later by postMessage, so at page load the only hint
 * of who frames us is `?origin=`: it becomes the frame ancestor only if some host app allows it.
 */
export function hostedPageCsp(frameAncestor: string | null): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestor ?? "'none'"}`,
  ].join('; ')
}

/** `?origin=` if it is exactly an origin that a host app allows, else null. */
async function allowedFrameAncestor(
  claimed: string | undefined,
  store: Pick<Store, 'hostApps'>,
): Promise<string | null> {
  if (!claimed) return null
  let origin: string
  try {
    origin = new URL(claimed).origin
  } catch {
    return null
  }
  if (origin !== claimed || !/^https?:$/.test(new URL(origin).protocol)) return null
  return (await store.hostApps.isOriginAllowedAnywhere(origin)) ? origin : null
}

/** The hosted widget page (`GET /link`) and its hashed assets (`GET /link/assets/*`). */
export function registerHostedWidgetRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { store: Pick<Store, 'hostApps'> },
  options: { dir?: string } = {},
): void {
  const dir = options.dir ?? DEFAULT_HOSTED_PAGE_DIR

  const secure = (c: Context<AppEnv>, frameAncestor: string | null) => {
    c.header('content-security-policy', hostedPageCsp(frameAncestor))
    c.header('referrer-policy', 'no-referrer')
    c.header('cross-origin-resource-policy', 'same-origin')
  }

  app.get('/link', async (c) => {
    secure(c, await allowedFrameAncestor(c.req.query('origin'), deps.store))
    c.header('vary', 'Origin', { append: true })
    let html: string
    try {
      html = await readFile(join(dir, 'index.html'), 'utf8')
    } catch {
      c.get('logger')?.error(
        { dir },
        'the hosted widget page is not built; run `pnpm --filter @jumplink/widget build`',
      )
      throw new JumpLinkError('service_unavailable', {
        message: 'The hosted widget page is not built on this server.',
      })
    }
    // The answer depends on ?origin (the CSP), so no shared cache may keep it.
    c.header('cache-control', 'no-store')
    return c.html(html)
  })

  app.get('/link/assets/:name', async (c) => {
    secure(c, null)
    const name = c.req.param('name')
    const type = CONTENT_TYPES[ASSET_NAME.exec(name)?.[1] ?? '']
    if (!type) throw new JumpLinkError('route_not_found')
    let body: Buffer
    try {
      body = await readFile(join(dir, 'assets', name))
    } catch {
      throw new JumpLinkError('route_not_found')
    }
    // Names carry a content hash: a changed file is a new name.
    c.header('cache-control', 'public, max-age=31536000, immutable')
    c.header('content-type', type)
    return c.body(new Uint8Array(body))
  })
}
