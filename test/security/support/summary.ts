import type { Figures } from './figures'

type Line = (f: (name: string) => number) => string

/** The figures the issue asks for, each as "what, out of what"; a line shows when measured. */
const HEADLINES: [requires: string, line: Line][] = [
  [
    'review.attacks',
    (f) =>
      `outside review (issue 13): ${f('review.attacks')} attacks of its findings reproduced, ${f('review.refused')} refused`,
  ],
  [
    'attacks.tried',
    (f) => `attacks: ${f('attacks.tried')} tried, ${f('attacks.rejected')} rejected`,
  ],
  [
    'bad_input.sent',
    (f) =>
      `bad requests: ${f('bad_input.sent')} sent; ${f('bad_input.answered_4xx')} answered 4xx with a catalog code, ` +
      `${f('bad_input.answered_4xx_by_directory')} relayed 4xx from the directory (proxy), ` +
      `${f('bad_input.accepted_as_valid')} accepted as odd but legal input, ${f('bad_input.answered_5xx')} answered 5xx`,
  ],
  [
    'faults.injected',
    (f) => `upstream faults: ${f('faults.injected')} injected, ${f('faults.survived')} survived`,
  ],
  [
    'rate_limit.key_checks',
    (f) =>
      `rate limits: ${f('rate_limit.key_checks')} key checks sent, ${f('rate_limit.refused')} refused as rate_limited`,
  ],
  [
    'concurrency.exchanges',
    (f) =>
      `concurrency: ${f('concurrency.completions')} parallel completions and ${f('concurrency.exchanges')} exchanges, ` +
      `${f('concurrency.exchanges_won')} exchanges won, ${f('concurrency.connections_found')} connections found once each`,
  ],
  [
    'hygiene.searches',
    (f) =>
      `secret hygiene: ${f('hygiene.searches')} searches through ${f('hygiene.bytes_searched')} bytes of logs, ` +
      `responses and rows, ${f('hygiene.leaks')} leaks`,
  ],
  [
    'crash.acknowledged',
    (f) =>
      `crash: ${f('crash.kills')} kill -9 with ${f('crash.requests_in_flight_at_kill')} requests in flight, ` +
      `${f('crash.acknowledged')} completions and exchanges acknowledged, ` +
      `${f('crash.acknowledged_found')} found and decrypted after restart; ` +
      `${f('crash.unacknowledged')} unacknowledged: ${f('crash.unacknowledged_done_on_retry')} done once on retry, ` +
      `${f('crash.unacknowledged_had_happened')} had happened once (a new public token on retry)`,
  ],
]

/** The summary printed at the end of the suite: headlines, then every figure by name. */
export function summaryLines(totals: Figures, files: string[]): string[] {
  if (files.length === 0) return ['security suite: no figures were recorded']
  const f = (name: string) => totals[name] ?? 0
  const lines = [
    `── security suite: figures measured by ${files.length} files (${files.join(', ')})`,
  ]
  for (const [requires, line] of HEADLINES) {
    if (totals[requires] !== undefined) lines.push(`   ${line(f)}`)
  }
  const width = Math.max(...Object.keys(totals).map((k) => k.length))
  lines.push('   every figure:')
  for (const key of Object.keys(totals).sort()) {
    lines.push(`     ${key.padEnd(width)}  ${totals[key]}`)
  }
  return lines
}
