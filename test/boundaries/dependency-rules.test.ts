import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const depcruise = join(root, 'node_modules', '.bin', 'depcruise')
const config = join(root, '.dependency-cruiser.cjs')

interface Violation {
  rule: { name: string }
  from: string
  to: string
}

/**
 * Runs the real rule set over a tree and returns `rule: from -> to` lines. The report goes to a
 * file, not a pipe: depcruise exits before a report of a megabyte or more has drained from one.
 */
function cruise(cwd: string, paths: string[]): string[] {
  const folder = mkdtempSync(join(tmpdir(), 'depcruise-'))
  const reportFile = join(folder, 'report.json')
  try {
    try {
      execFileSync(
        depcruise,
        ['--config', config, '--output-type', 'json', '--output-to', reportFile, ...paths],
        { cwd, stdio: ['ignore', 'ignore', 'pipe'] },
      )
    } catch {
      // depcruise exits non-zero when it finds violations; the report is still written.
    }
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
      summary: { violations: Violation[] }
    }
    return report.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort()
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

describe('dependency rules', () => {
  it('catch every forbidden import in a tree built to break them', () => {
    const violations = cruise(join(root, 'test/boundaries/fixtures/tree'), ['packages', 'examples'])
    expect(violations).toEqual(
      expect.arrayContaining([
        'browser-packages-stay-off-the-server: packages/widget/src/index.ts -> packages/link-server/src/app.ts',
        'browser-packages-stay-off-the-server: packages/client/src/index.ts -> packages/sandbox/src/index.ts',
        'shared-imports-only-zod: packages/shared/src/index.ts -> fs',
        'sandbox-is-reached-over-http: packages/link-server/src/server.ts -> packages/sandbox/src/index.ts',
        'example-uses-public-entries: examples/host-app/src/main.ts -> packages/shared/src/contract.ts',
        'no-relative-imports-across-packages: packages/widget/src/index.ts -> packages/shared/src/contract.ts',
      ]),
    )
    // A test may start the sandbox in-process; only its relative path is wrong.
    expect(violations.filter((v) => v.includes('app.test.ts'))).toEqual([
      'no-relative-imports-across-packages: packages/link-server/src/app.test.ts -> packages/sandbox/src/index.ts',
    ])
  })

  // The whole workspace is several hundred modules: seconds of parsing, more on a busy machine.
  it('find nothing wrong in the workspace itself', { timeout: 60_000 }, () => {
    expect(cruise(root, ['packages', 'examples', 'test'])).toEqual([])
  })
})
