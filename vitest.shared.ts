import { defaultClientConditions, defaultServerConditions } from 'vite'
import type { UserWorkspaceConfig } from 'vitest/config'

/**
 * Resolve workspace packages through their `source` export condition, so tests run
 * straight from `src/` with no build step. Node-side (ssr) and browser-side resolution
 * are configured separately by Vite, so both get the condition.
 */
export const resolveFromSource = {
  resolve: { conditions: ['source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
} satisfies UserWorkspaceConfig
