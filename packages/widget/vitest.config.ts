import react from '@vitejs/plugin-react'
import { defineProject } from 'vitest/config'
import { resolveFromSource } from '../../vitest.shared.ts'

export default defineProject({
  ...resolveFromSource,
  plugins: [react()],
  test: {
    name: 'widget',
    environment: 'jsdom',
    setupFiles: ['./src/test-support/setup.ts'],
  },
})
