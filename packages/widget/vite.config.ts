// Builds the hosted widget page that the link server serves at `/link` (see README in
// src/hosted): `pnpm --filter @jumplink/widget build` writes it to dist/link/.
import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defaultClientConditions, defineConfig, type Plugin } from 'vite'
import { WIDGET_CSS } from './src/styles/css.ts'

/** The folder the link server serves at `/link`: index.html and assets/. */
export const HOSTED_PAGE_DIR = fileURLToPath(new URL('./dist/link', import.meta.url))

/**
 * The widget's CSS as a real stylesheet file linked from the page, so the page needs no inline
 * style under its CSP. (The in-page widget renders the same CSS in a `<style nonce>` instead.)
 */
function widgetStylesheet(): Plugin {
  const css = `html,body{margin:0;background:transparent}${WIDGET_CSS}`
  const fileName = `assets/widget-${createHash('sha256').update(css).digest('hex').slice(0, 8)}.css`
  let base = '/'
  return {
    name: 'jumplink-widget-stylesheet',
    configResolved(config) {
      base = config.base
    },
    transformIndexHtml: () => [
      { tag: 'link', attrs: { rel: 'stylesheet', href: `${base}${fileName}` }, injectTo: 'head' },
    ],
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: css })
    },
  }
}

export default defineConfig({
  root: fileURLToPath(new URL('./src/hosted', import.meta.url)),
  base: '/link/',
  plugins: [react(), widgetStylesheet()],
  resolve: {
    conditions: ['source', ...defaultClientConditions],
    // The page renders the same components with Preact's React-compatible layer: React 19's DOM
    // renderer alone is ~68 KB gzip, Preact's ~5 KB; the in-page widget keeps the host's React.
    alias: [
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
      { find: /^react(-dom)?$/, replacement: 'preact/compat' },
    ],
  },
  build: {
    outDir: HOSTED_PAGE_DIR,
    emptyOutDir: true,
    // No inline scripts: no modulepreload polyfill, nothing inlined into the HTML.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'es2022',
  },
})
