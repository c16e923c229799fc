import { cp } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'tsup'

// The published build: ESM and bundled .d.ts in dist/, the `jumplink-server` bin (dist/cli.js)
// and `server.js` (the server alone). The widget's built browser files (the hosted page at
// /link and the script-tag loader) are copied beside them: the package serves them itself.
const widgetDist = (name: string) =>
  fileURLToPath(new URL(`../widget/dist/${name}`, import.meta.url))

export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli/index.ts', server: 'src/server.ts' },
  format: 'esm',
  target: 'node20',
  platform: 'node',
  dts: { entry: { index: 'src/index.ts' }, compilerOptions: { ignoreDeprecations: '6.0' } },
  clean: true,
  sourcemap: true,
  async onSuccess() {
    await cp(widgetDist('link'), 'dist/link', { recursive: true })
    await cp(widgetDist('loader'), 'dist/loader', { recursive: true })
  },
})
