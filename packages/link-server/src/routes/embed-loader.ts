import { readFile } from 'node:fs/promises'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { JumpLinkError } from '@jumplink/shared'
import packageJson from '../../package.json' with { type: 'json' }
import type { AppEnv } from '../context'
import { builtWidgetFile } from './hosted-widget'

/**
 * The script-tag loader's version: this package's. One URL always serves the same bytes, so
 * browsers and CDNs may keep it for a year and pages may pin it with Subresource Integrity.
 */
export const EMBED_LOADER_VERSION = packageJson.version
export const EMBED_LOADER_PATH = `/embed/v${EMBED_LOADER_VERSION}/jumplink.js`

/** Built by the widget (`vite.loader.config.ts`); copied into this package's dist/ when packed. */
export const DEFAULT_EMBED_LOADER_FILE = builtWidgetFile('loader/jumplink.js')

/**
 * `GET /embed/v<version>/jumplink.js`, the loader that defines `window.JumpLink` for pages
 * without a bundler, and `GET /embed.js`, which points at the current version.
 */
export function registerEmbedLoaderRoutes(
  app: OpenAPIHono<AppEnv>,
  options: { file?: string } = {},
): void {
  const file = options.file ?? DEFAULT_EMBED_LOADER_FILE
  let loaded: Promise<Buffer> | undefined

  app.get(EMBED_LOADER_PATH, async (c) => {
    loaded ??= readFile(file)
    let body: Buffer
    try {
      body = await loaded
    } catch {
      loaded = undefined
      c.get('logger')?.error({ file }, 'the script-tag loader is not built; run `pnpm setup`')
      throw new JumpLinkError('service_unavailable', {
        message: 'The script-tag loader is not built on this server.',
      })
    }
    c.header('content-type', 'text/javascript; charset=utf-8')
    c.header('cache-control', 'public, max-age=31536000, immutable')
    // Host pages on other origins load it with `integrity` + `crossorigin="anonymous"`.
    c.header('access-control-allow-origin', '*')
    c.header('cross-origin-resource-policy', 'cross-origin')
    return c.body(new Uint8Array(body))
  })

  // The unversioned name only redirects, and is never cached: pin the versioned URL instead.
  app.get('/embed.js', (c) => {
    c.header('cache-control', 'no-cache')
    return c.redirect(EMBED_LOADER_PATH, 302)
  })
}
