import { defineProject } from 'vitest/config'
import { resolveFromSource } from '../vitest.shared.ts'

export default defineProject({
  ...resolveFromSource,
  test: {
    name: 'cross-package',
    environment: 'node',
    include: ['**/*.test.ts'],
    // e2e/, security/, instances/ and packed/ are projects of their own (their vitest.config.ts): a browser, serial
    // files, longer timeouts; the security suite's summary of figures.
    exclude: [
      '**/fixtures/**',
      '**/node_modules/**',
      'e2e/**',
      'security/**',
      'instances/**',
      'packed/**',
    ],
  },
})
