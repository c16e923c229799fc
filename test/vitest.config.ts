import { defineProject } from 'vitest/config'
import { resolveFromSource } from '../vitest.shared.ts'

export default defineProject({
  ...resolveFromSource,
  test: {
    name: 'cross-package',
    environment: 'node',
    include: ['**/*.test.ts'],
    // e2e/ is its own project (test/e2e/vitest.config.ts): a browser, serial files, longer timeouts.
    exclude: ['**/fixtures/**', '**/node_modules/**', 'e2e/**'],
  },
})
