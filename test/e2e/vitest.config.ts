import { defineProject } from 'vitest/config'
import { resolveFromSource } from '../../vitest.shared.ts'

// Browser tests in Debian's Chromium against the whole demo (sandbox, link server, host app).
// One file at a time: each starts its own servers and browser, and two cores run one well.
export default defineProject({
  ...resolveFromSource,
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    globalSetup: ['./support/global-setup.ts'],
  },
})
