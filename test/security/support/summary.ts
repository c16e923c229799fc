import type { Figures } from './figures'

/** The figures the issue asks for, each as "what / out of what". */
const HEADLINES: [label: string, numerator: string, denominator: string][] = [
  ['attacks rejected', 'attacks.rejected', 'attacks.tried'],
  ['bad requests answered 4xx with a catalog code', 'bad_input.answered_4xx', 'bad_input.sent'],
  ['upstream faults survived', 'faults.survived', 'faults.injected'],
  [
    'acknowledged connections found after kill -9',
    'crash.acknowledged_found',
    'crash.acknowledged',
  ],
]

/** The summary printed at the end of the suite: headlines, then every figure by name. */
export function summaryLines(totals: Figures, files: string[]): string[] {
  if (files.length === 0) return ['security suite: no figures were recorded']
  const lines = [
    `── security suite: figures measured by ${files.length} files (${files.join(', ')})`,
  ]
  for (const [label, numerator, denominator] of HEADLINES) {
    if (totals[denominator] === undefined) continue
    lines.push(`   ${label}: ${totals[numerator] ?? 0} of ${totals[denominator]}`)
  }
  const width = Math.max(...Object.keys(totals).map((k) => k.length))
  lines.push('   every figure:')
  for (const key of Object.keys(totals).sort()) {
    lines.push(`     ${key.padEnd(width)}  ${totals[key]}`)
  }
  return lines
}
