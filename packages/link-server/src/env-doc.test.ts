import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ENVIRONMENT } from './env'
import { renderEnvironmentDoc } from './env-doc'

const DOC = fileURLToPath(new URL('../../../docs/environment.md', import.meta.url))

describe('docs/environment.md', () => {
  it('is what the schema generates (run `pnpm docs:environment` after changing env.ts)', () => {
    expect(readFileSync(DOC, 'utf8')).toBe(renderEnvironmentDoc())
  })

  it('names every variable of the schema', () => {
    const doc = renderEnvironmentDoc()
    for (const name of Object.keys(ENVIRONMENT)) expect(doc).toContain(`| \`${name}\` |`)
  })
})
