import { defineConfig } from 'vitest/config'

// Each package and the cross-package `test/` folder is its own vitest project, so
// `vitest run` from the root runs everything and `vitest --project shared` runs one. `bench`
// holds the unit tests of the benchmarks' helpers (the benchmarks run with `pnpm bench`).
export default defineConfig({
  test: {
    projects: [
      'packages/*',
      'examples/*',
      'test',
      'test/e2e',
      'test/security',
      'test/instances',
      'test/packed',
      'bench',
    ],
  },
})
