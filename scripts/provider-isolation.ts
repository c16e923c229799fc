/**
 * Directory-specific knowledge stays in a few places, so a second directory is an addition, not
 * a hunt: shared's provider metadata, the provider's folder in the link server, the sandbox (a
 * stand-in for one directory as a whole), and tests, fixtures and benchmarks. Anywhere else, a
 * provider's name in code is a leak.
 */
export interface SourceFile {
  path: string
  content: string
}

export interface ProviderLeak {
  path: string
  line: number
  provider: string
  text: string
}

const CODE_FILE = /\.(ts|tsx|js|mjs|cjs|html)$/
const EXEMPT = [
  /\.(test|spec)\.tsx?$/,
  /\.suite\.ts$/,
  /(^|\/)fixtures\//,
  /(^|\/)bench\//,
  /^test\//,
  /^packages\/shared\/src\/providers\//,
  /^packages\/sandbox\//,
  // A language's catalog translates the provider metadata's copy (English lives in shared's
  // provider metadata); a second directory adds its section to each language file.
  /^packages\/widget\/src\/copy\/[a-z]{2}\.ts$/,
]

export function mayNameProvider(path: string, provider: string): boolean {
  if (!CODE_FILE.test(path)) return true
  if (path.startsWith(`packages/link-server/src/providers/${provider}/`)) return true
  return EXEMPT.some((pattern) => pattern.test(path))
}

export function findProviderLeaks(
  files: SourceFile[],
  providers: readonly string[],
): ProviderLeak[] {
  const leaks: ProviderLeak[] = []
  for (const provider of providers) {
    const name = new RegExp(provider, 'i')
    for (const file of files) {
      if (mayNameProvider(file.path, provider)) continue
      file.content.split('\n').forEach((text, index) => {
        if (name.test(text))
          leaks.push({ path: file.path, line: index + 1, provider, text: text.trim() })
      })
    }
  }
  return leaks
}
