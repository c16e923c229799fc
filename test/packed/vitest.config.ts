import { defineProject } from 'vitest/config'
import { resolveFromSource } from '../../vitest.shared.ts'

// The packages as a host installs them: packed tarballs, plain npm, a folder outside the
// workspace. Slow by nature (a build, npm installs, child processes): one file, long timeouts.
export default defineProject({
  ...resolveFromSource,
  test: {
    name: 'packed',
    environment: 'node',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
})
