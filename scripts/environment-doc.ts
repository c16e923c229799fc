// `pnpm docs:environment`: writes docs/environment.md from the link server's environment schema.
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { renderEnvironmentDoc } from '../packages/link-server/src/env-doc'

const target = fileURLToPath(new URL('../docs/environment.md', import.meta.url))
writeFileSync(target, renderEnvironmentDoc())
console.log(`wrote ${target}`)
