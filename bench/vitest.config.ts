import { defineProject } from 'vitest/config'
import { resolveFromSource } from '../vitest.shared.ts'

// The benchmarks' helpers (percentiles, the in-flight counter, the load loop) have unit tests;
// the benchmarks themselves run with `pnpm bench`, never as tests.
export default defineProject({
  ...resolveFromSource,
  test: { name: 'bench', environment: 'node', include: ['**/*.test.ts'] },
})
