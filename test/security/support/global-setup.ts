import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { clearFigures, FIGURES_DIR, readFigures } from './figures'
import { summaryLines } from './summary'

/** Clears last run's figures, and after every file prints (and saves) what this run measured. */
export default function setup() {
  clearFigures()
  return () => {
    const { files, totals } = readFigures()
    const lines = summaryLines(totals, files)
    console.warn(`\n${lines.join('\n')}\n`)
    if (files.length > 0) {
      writeFileSync(join(FIGURES_DIR, 'summary.txt'), `${lines.join('\n')}\n`)
    }
  }
}
