import { defineProject } from 'vitest/config'
import { resolveFromSource } from '../vitest.shared.ts'

export default defineProject({
  ...resolveFromSource,
  test: {
    name: 'cross-package',
    environment: 'node',
    include: ['**/*.test.ts'],
    exclude: ['**/fixtures/**', '**/node_modules/**'],
  },
})
