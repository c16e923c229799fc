// Builds the script-tag loader that the link server serves at `/embed/v<version>/jumplink.js`:
// one self-contained IIFE defining `window.JumpLink`, written to dist/loader/jumplink.js.
import { fileURLToPath } from 'node:url'
import { defaultClientConditions, defineConfig } from 'vite'

export default defineConfig({
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    outDir: fileURLToPath(new URL('./dist/loader', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    lib: {
      entry: fileURLToPath(new URL('./src/embed/script-tag.ts', import.meta.url)),
      formats: ['iife'],
      name: 'JumpLink',
      fileName: () => 'jumplink.js',
    },
  },
})
