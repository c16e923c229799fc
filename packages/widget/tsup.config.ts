import { defineConfig } from 'tsup'

// The published build: ESM and bundled .d.ts in dist/ (the workspace itself runs from src/).
// React stays a peer: the host's own copy renders the widget.
export default defineConfig({
  entry: { index: 'src/index.ts', embed: 'src/embed/index.ts' },
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  // dist/link and dist/loader (the Vite bundles) are built beside these files, not wiped.
  clean: ['!link/**', '!loader/**'],
  sourcemap: true,
})
