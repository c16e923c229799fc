import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Where each file leaves what it measured; the global teardown prints the sum. */
export const FIGURES_DIR = fileURLToPath(new URL('../../../test-results/security', import.meta.url))

/** A named count, always incremented by what a test did (never set to a constant). */
export type Figures = Record<string, number>

/** A tally a test file keeps while it runs; `save` writes it for the summary. */
export function createTally(file: string) {
  const figures: Figures = {}
  return {
    figures,
    add(name: string, by = 1) {
      figures[name] = (figures[name] ?? 0) + by
    },
    save() {
      mkdirSync(FIGURES_DIR, { recursive: true })
      writeFileSync(join(FIGURES_DIR, `${file}.json`), `${JSON.stringify(figures, null, 2)}\n`)
    },
  }
}

export type Tally = ReturnType<typeof createTally>

export function clearFigures(): void {
  rmSync(FIGURES_DIR, { recursive: true, force: true })
}

/** Every file's figures, summed by name, and the files they came from. */
export function readFigures(): { files: string[]; totals: Figures } {
  let names: string[] = []
  try {
    names = readdirSync(FIGURES_DIR).filter((n) => n.endsWith('.json'))
  } catch {
    return { files: [], totals: {} }
  }
  const totals: Figures = {}
  for (const name of names.sort()) {
    const figures = JSON.parse(readFileSync(join(FIGURES_DIR, name), 'utf8')) as Figures
    for (const [key, value] of Object.entries(figures)) totals[key] = (totals[key] ?? 0) + value
  }
  return { files: names.map((n) => n.replace(/\.json$/, '')), totals }
}
