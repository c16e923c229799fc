import { ENVIRONMENT, MODES, RULES, type Variable } from './env'

/** `docs/environment.md`, written from `ENVIRONMENT` and `RULES` (`pnpm docs:environment`). */
export function renderEnvironmentDoc(): string {
  const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ')
  const lines = [
    '# Environment variables of the link server',
    '',
    '<!-- Generated from packages/link-server/src/env.ts by `pnpm docs:environment`; do not edit. -->',
    '',
    'The link server reads only these variables (the operator CLI reads the same ones). An invalid',
    'value, or a missing one that its mode requires, stops the start with a message naming it; key',
    `material and database passwords are never echoed. Modes: ${MODES.map((m) => `\`${m}\``).join(', ')}.`,
    '',
    '| variable | required in | default | format | what it does |',
    '| --- | --- | --- | --- | --- |',
  ]
  for (const [name, spec] of Object.entries(ENVIRONMENT) as [string, Variable<unknown>][]) {
    const required =
      spec.requiredIn === undefined
        ? '—'
        : spec.requiredIn.length === MODES.length
          ? 'every mode'
          : spec.requiredIn.join(', ')
    lines.push(
      `| \`${name}\` | ${required} | ${cell(spec.defaultText ?? '—')} | ${cell(spec.format)} | ${cell(spec.description)} |`,
    )
  }
  lines.push('', '## Checks across variables', '')
  for (const rule of RULES) lines.push(`- ${rule.description}`)
  lines.push(
    '',
    'In production the server also refuses to start while the database holds a usable demo host',
    'app (see [security.md](security.md)).',
    '',
  )
  return lines.join('\n')
}
