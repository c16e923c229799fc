import { defineConfig } from 'vitest/config'

// Each package and the cross-package `test/` folder is its own vitest project, so
// `vitest run` from the root runs everything and `vitest --project shared` runs one.
export default defineConfig({
  test: {
    projects: ['packages/*', 'examples/*', 'test', 'test/e2e', 'test/security'],
  },
})
