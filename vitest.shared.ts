import { defaultClientConditions, defaultServerConditions } from 'vite'
import type { UserWorkspaceConfig } from 'vitest/config'

/**
 * Resolve workspace packages through their `source` export condition, so tests run
 * straight from `src/` with no build step. Node-side (ssr) and browser-side resolution
 * are configured separately by Vite, so both get the condition.
 */
export const resolveFromSource = {
  resolve: { conditions: ['source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['source', ...serverConditions()] } },
} satisfies UserWorkspaceConfig

/**
 * Vite's server conditions without `module`. Vitest hands these to Node as `--conditions`,
 * and under `module` Node's own `require` picks ESM builds that Node cannot load (prom-client's
 * `require('@opentelemetry/api')`); the server never runs with it in production either.
 */
function serverConditions(): string[] {
  return defaultServerConditions.filter((condition) => condition !== 'module')
}
