// `pnpm check:deps` (second half): fails when a provider's name appears in code outside the
// places listed in provider-isolation.ts. Reads every tracked or new, non-ignored file.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PROVIDER_IDS } from '../packages/shared/src/providers/index.ts'
import { findProviderLeaks } from './provider-isolation.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const paths = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\n')
  .filter(Boolean)

const files = paths.flatMap((path) => {
  try {
    return [{ path, content: readFileSync(join(root, path), 'utf8') }]
  } catch {
    return [] // deleted in the work tree but still in the index
  }
})

const leaks = findProviderLeaks(files, PROVIDER_IDS)
for (const leak of leaks) {
  console.error(`${leak.path}:${leak.line}: names provider "${leak.provider}": ${leak.text}`)
}
if (leaks.length > 0) {
  console.error(
    `\n${leaks.length} provider-specific line(s) outside the provider folders (see scripts/provider-isolation.ts).`,
  )
  process.exit(1)
}
console.log(`Provider isolation: ${files.length} files checked, no leaks.`)
