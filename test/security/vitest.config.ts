import { defineProject } from 'vitest/config'
import { resolveFromSource } from '../../vitest.shared.ts'

// The security and reliability suite (issue 8): real servers on real ports, real PostgreSQL,
// a link server killed with SIGKILL. Its own project so that its summary of figures prints once,
// after every file, from the global setup's teardown.
export default defineProject({
  ...resolveFromSource,
  test: {
    name: 'security',
    environment: 'node',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['./support/global-setup.ts'],
    // After every other project, alone: its child processes, bursts and storms load two cores
    // fully, and would slow other projects' tests past their timeouts (and theirs would slow ours).
    sequence: { groupOrder: 1 },
  },
})
