// The front of the demo host app. `vite build` writes dist/web, which the host app's server
// serves; `vite` alone runs a dev server that forwards /api to it (HOST_APP_API, default :5173).
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defaultClientConditions, defineConfig } from 'vite'

export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  plugins: [react()],
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: {
    port: 5174,
    proxy: { '/api': process.env.HOST_APP_API ?? 'http://127.0.0.1:5173' },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    // Everything from files: the page's CSP allows no inline script.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'es2022',
  },
})
