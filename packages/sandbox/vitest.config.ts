import { defineProject } from 'vitest/config'
import { resolveFromSource } from '../../vitest.shared.ts'

export default defineProject({
  ...resolveFromSource,
  // Paging every collection at every page size is heavy on a busy 2-core machine: a hang guard,
  // not a speed check (speed is measured by `pnpm bench`).
  test: { name: 'sandbox', environment: 'node', testTimeout: 60_000 },
})
