import { rmSync } from 'node:fs'
import { cp } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { defineConfig, type Options } from 'tsup'

// The published build: ESM and bundled .d.ts in dist/, the `jumplink-server` bin (dist/cli.js)
// and `server.js` (the server alone). The widget's built browser files (the hosted page at
// /link and the script-tag loader) are copied beside them: the package serves them itself.
const widgetDist = (name: string) =>
  fileURLToPath(new URL(`../widget/dist/${name}`, import.meta.url))

/**
 * Left as imports in the server bundle: native or WebAssembly packages that load files beside
 * their own module (PGlite, libsodium, swagger-ui-dist's assets), pino (its transports run in
 * worker threads from their own files), and what OpenTelemetry patches as Node loads it (pg and
 * the SDK): bundled, pg would be invisible to the pg instrumentation. The Redis and job-queue
 * libraries load only when configured. Everything else is bundled: resolving and compiling a
 * few hundred small ESM files (kysely, zod, hono) was most of the start.
 */
const SERVER_EXTERNAL = [
  '@electric-sql/pglite',
  'libsodium-wrappers',
  'swagger-ui-dist',
  'pino',
  'pg',
  'pg-boss',
  'ioredis',
  'redis-semaphore',
  'prom-client',
  '@opentelemetry/[^/]+',
]
/** Every package but those (tsup's `noExternal` wins over `external`, so it must exclude them). */
const BUNDLED = new RegExp(`^(?!(${SERVER_EXTERNAL.join('|')})(/|$))`)

// Two builds that write one folder at once: it is emptied once, before both (tsup's own `clean`
// would run in each, racing the other's output).
export default defineConfig((): Options[] => {
  rmSync('dist', { recursive: true, force: true })
  return [
    {
      // The library entry keeps every dependency external: a host's own copies stay shared.
      entry: { index: 'src/index.ts' },
      format: 'esm',
      target: 'node20',
      platform: 'node',
      dts: { entry: { index: 'src/index.ts' }, compilerOptions: { ignoreDeprecations: '6.0' } },
      clean: false,
      sourcemap: true,
    },
    {
      entry: { cli: 'src/cli/index.ts', server: 'src/server.ts' },
      format: 'esm',
      target: 'node20',
      platform: 'node',
      clean: false,
      sourcemap: true,
      noExternal: [BUNDLED],
      // @jumplink/shared from its sources, as the workspace resolves it: the packages build at
      // once, so its dist/ may not be there yet (or may be an older build).
      esbuildOptions(options) {
        options.conditions = ['source']
      },
      // Less source for Node to compile at start; names kept for stack traces and error names.
      minify: true,
      keepNames: true,
      // Bundled CommonJS code calls `require` for Node's own modules; ESM has none in scope.
      banner: {
        js: "import { createRequire as __jumplinkRequire } from 'node:module'; const require = __jumplinkRequire(import.meta.url);",
      },
      async onSuccess() {
        await cp(widgetDist('link'), 'dist/link', { recursive: true })
        await cp(widgetDist('loader'), 'dist/loader', { recursive: true })
      },
    },
  ]
})
