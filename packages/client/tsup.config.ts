import { defineConfig } from 'tsup'

// The published build: ESM and bundled .d.ts in dist/ (the workspace itself runs from src/).
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: 'esm',
  target: 'es2022',
  platform: 'neutral',
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  clean: true,
  sourcemap: true,
})
