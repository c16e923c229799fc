import { defineProject } from 'vitest/config'
import { resolveFromSource } from '../../vitest.shared.ts'

export default defineProject({
  ...resolveFromSource,
  test: { name: 'link-server', environment: 'node', testTimeout: 20_000, hookTimeout: 30_000 },
})
