import { defineConfig } from 'tsup'

// The published build: ESM and bundled .d.ts in dist/, and the `jumplink-sandbox` bin.
export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli.ts' },
  format: 'esm',
  target: 'node20',
  platform: 'node',
  dts: { entry: { index: 'src/index.ts' }, compilerOptions: { ignoreDeprecations: '6.0' } },
  clean: true,
  sourcemap: true,
})
