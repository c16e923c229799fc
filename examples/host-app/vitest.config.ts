import { defineProject } from 'vitest/config'
import { resolveFromSource } from '../../vitest.shared.ts'

export default defineProject({
  ...resolveFromSource,
  test: { name: 'host-app', environment: 'node', include: ['src/**/*.test.ts'] },
})
