import { createRequire } from 'node:module'
import type { Frame, Page } from 'playwright-core'

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: unknown[]; failureSummary?: string }[]
}

/**
 * Runs axe-core in the page (or one frame) and returns its violations in a readable form, so a
 * failing assertion says what is wrong and where. Frames are scanned on their own.
 */
export async function axeViolations(target: Page | Frame): Promise<string[]> {
  // These callbacks run in the browser; the test project has no DOM types, hence globalThis.
  const loaded = await target.evaluate(() => 'axe' in globalThis)
  if (!loaded) await target.addScriptTag({ path: AXE_PATH })
  const violations = await target.evaluate(async () => {
    const { axe, document } = globalThis as unknown as {
      axe: { run: (...args: unknown[]) => Promise<unknown> }
      document: unknown
    }
    const result = (await axe.run(document, {
      iframes: false,
      resultTypes: ['violations'],
    })) as { violations: unknown[] }
    return result.violations
  })
  return (violations as AxeViolation[]).map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`)
        .join(' | ')}`,
  )
}
