import { defineProject } from 'vitest/config'
import { resolveFromSource } from '../../vitest.shared.ts'

export default defineProject({
  ...resolveFromSource,
  test: { name: 'sandbox', environment: 'node' },
})
