import { defineProject } from 'vitest/config'
import { resolveFromSource } from '../../vitest.shared.ts'

// Several link-server processes on one PostgreSQL and Redis behind a round-robin proxy (issue
// 18). Its own project: real child processes, a SIGTERM and a SIGKILL, long timeouts; run after
// the other projects, like the security suite, so their load does not slow each other.
export default defineProject({
  ...resolveFromSource,
  test: {
    name: 'instances',
    environment: 'node',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    sequence: { groupOrder: 1 },
  },
})
