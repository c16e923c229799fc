// Renders a `pnpm bench` result (bench/results/latest.json) as docs/benchmarks.md, and copies it
// to docs/benchmarks.json. `pnpm bench` with no filter does this itself; to re-render by hand:
//   node_modules/.bin/tsx --conditions=source bench/report.ts [results.json]
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Measurement, meetsTarget, type NamedProfile, profilesOf } from './harness.ts'
import type { ProfileSummary } from './support/cpu-profile.ts'

export interface BenchReport {
  ran_at: string
  machine: Record<string, string | number>
  results: {
    benchmark: string
    file: string
    measurements: Measurement[]
    profile?: ProfileSummary
    profiles?: NamedProfile[]
  }[]
  failures?: { benchmark: string; file: string; error: string }[]
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  if (Number.isInteger(value)) return value.toLocaleString('en-US')
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 })
}

function formatTarget(m: Measurement): string {
  if (!m.target) return ''
  return 'max' in m.target
    ? `≤ ${formatValue(m.target.max)} ${m.unit}`
    : `≥ ${formatValue(m.target.min)} ${m.unit}`
}

function verdict(m: Measurement): string {
  const met = meetsTarget(m)
  return met === null ? '' : met ? 'met' : '**missed**'
}

/** Table cells: no pipes or line breaks from notes. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

export function renderMarkdown(report: BenchReport): string {
  const lines: string[] = []
  const out = (line = '') => lines.push(line)
  out('# Benchmarks: what JumpLink costs')
  out()
  out(
    `Figures of the last full \`pnpm bench\` run, ${report.ran_at}, rendered by \`bench/report.ts\` ` +
      'from the same data as [`benchmarks.json`](benchmarks.json). Do not edit by hand: re-run. ' +
      'Each figure is what was measured; a target, where there is one, is beside it, and a ' +
      'missed target says why.',
  )
  out()
  const cores = Number(report.machine.cores ?? String(report.machine.cpu).split(' ')[0])
  const load = Number(report.machine.load_average_1m_at_start)
  if (cores > 0 && load > cores) {
    out(
      `> **This run shared a busy machine** (load average ${load} on ${cores} cores when it ` +
        'started): every wall-clock figure below is inflated and noisy. Re-measure on a quiet ' +
        'machine before quoting them.',
    )
    out()
  }
  out('## Machine')
  out()
  out('| | |')
  out('|---|---|')
  for (const [key, value] of Object.entries(report.machine)) {
    out(`| ${key.replace(/_/g, ' ')} | ${cell(String(value))} |`)
  }
  out()

  const targeted = report.results.flatMap((r) =>
    r.measurements.filter((m) => m.target).map((m) => ({ benchmark: r.benchmark, m })),
  )
  out('## Targets')
  out()
  out('| benchmark | figure | measured | target | |')
  out('|---|---|---:|---|---|')
  for (const { benchmark, m } of targeted) {
    out(
      `| ${benchmark} | ${cell(m.name)} | ${formatValue(m.value)} ${m.unit} | ${formatTarget(m)} | ${verdict(m)} |`,
    )
  }
  out()
  const missed = targeted.filter(({ m }) => meetsTarget(m) === false)
  out(
    missed.length === 0
      ? 'Every target is met.'
      : `${missed.length} of ${targeted.length} targets missed; why is under each benchmark below.`,
  )
  out()

  for (const failure of report.failures ?? []) {
    out(`**${failure.benchmark}** (\`${failure.file}\`) failed: \`${cell(failure.error)}\``)
    out()
  }

  out('## Figures')
  for (const result of report.results) {
    out()
    out(`### ${result.benchmark}`)
    out()
    out(`\`${result.file}\``)
    out()
    out('| figure | value | target | | note |')
    out('|---|---:|---|---|---|')
    for (const m of result.measurements) {
      out(
        `| ${cell(m.name)} | ${formatValue(m.value)} ${m.unit} | ${formatTarget(m)} | ${verdict(m)} | ${cell(m.note ?? '')} |`,
      )
    }
    const whys = result.measurements.filter((m) => meetsTarget(m) === false)
    if (whys.length > 0) {
      out()
      for (const m of whys) {
        out(`- **${m.name}: target missed.** ${m.why ?? 'The benchmark does not say why.'}`)
      }
    }
    for (const { title, summary } of profilesOf(result)) renderProfile(title, summary, out)
  }
  out()
  out(HOW_MEASURED)
  return `${lines.join('\n')}\n`
}

/** A process's CPU profile: self time by area, with the costliest functions of each. */
function renderProfile(title: string, profile: ProfileSummary, out: (line?: string) => void): void {
  out()
  out(
    `Where the CPU time of ${title} went (\`node --cpu-prof\`, ${profile.what}): ` +
      `${formatValue(profile.busyMs)} ms busy in ${formatValue(profile.wallMs)} ms` +
      (profile.startUpMs === undefined
        ? ''
        : `, ${formatValue(profile.startUpMs)} ms of it start-up (before it was ready to serve)`) +
      '. Self time, by area:',
  )
  out()
  out('| area | self time | share | costliest functions (self time) |')
  out('|---|---:|---:|---|')
  for (const area of profile.areas.filter((a) => a.share >= 0.5)) {
    const top = area.top.map((f) => `${f.name} ${formatValue(f.selfMs)} ms`).join('; ')
    out(
      `| ${cell(area.area)} | ${formatValue(area.selfMs)} ms | ${formatValue(area.share)} % | ${cell(top)} |`,
    )
  }
  if (profile.stages && profile.stages.length > 0) {
    out()
    const stages = profile.stages.map((s) => `${s.stage} ${formatValue(s.ms)} ms`).join('; ')
    const staged = profile.stages.reduce((sum, s) => sum + s.ms, 0)
    out(
      `By stage, the time in and below each: ${stages}; the rest of the busy time, ` +
        `${formatValue(Math.round((profile.busyMs - staged) * 10) / 10)} ms, outside them.`,
    )
  }
}

const HOW_MEASURED = `## How it is measured

- **Processes.** The link server runs as it is started in production: its own Node process from
  the built \`packages/link-server/dist/server.js\` (plain Node, built before the run when its
  sources changed), configured by environment only, in demo mode (the demo host app) on
  PostgreSQL (\`DATABASE_URL\`, a schema of its own per run), except where a figure names the
  embedded PGlite database. The sandbox JumpCloud runs as another process
  (\`packages/sandbox/bench/counted-server.ts\`: \`pnpm sandbox\`'s server plus a counter of calls in
  flight). \`pnpm bench\` itself is the host backend making the calls. Everything is on loopback.
- **unified-page.** The built link server (\`dist/server.js\`) on PostgreSQL (\`DATABASE_URL\`).
  The first page of 100 users of the 10,000-user organization through
  \`GET /v1/unified/user-directory/users?limit=100\`, against the call the link server makes for it,
  straight to the sandbox (\`/api/systemusers?sort=_id&fields=…&skip=0&limit=100\`, key and
  \`x-org-id\`; \`fields\` names what the user mapper reads, as the link server asks).
  The floor, in the same run: a bare \`node:http\` proxy in a process of its own
  (\`bench/support/mapping-proxy.ts\`) making the same upstream call, parsing the page, mapping
  each record with the link server's \`mapUser\` and writing the JSON, nothing else; and the same
  proxy passing the sandbox's bytes on unmapped (the hop alone). Its figures have no target.
  100 warm-up calls each way; latency from calls one at a time, the four ways in alternate
  rounds; throughput from a fixed number of calls, 8 at a time, each unified call on the next of 8
  connections of the organization (identical reads of one connection in flight share one upstream
  call, so 8 callers on one connection would time that sharing, not a page's work; the upstream calls
  counted at the sandbox are given beside the figure), and the floor proxy making one upstream
  call per page. Added latency is the difference of the percentiles. Then a second link server on the same database, started with
  \`--cpu-prof\`, serves the same calls (100 warm-up, then 600 pages 8 at a time, each on the next
  connection), and so does a second floor proxy started with \`--cpu-prof\` (on \`/users\`): their
  profiles (self time by area: a dependency, the link server's own code, Node.js, V8, the garbage
  collector; for the floor also the time in and below each of its steps: \`JSON.parse\`, \`mapUser\`,
  \`JSON.stringify\`, writing the response) are shown under the figures. CPU per page is each
  process's busy time less its start-up (the busy time before it was ready to serve), over the
  700 pages it served after it (the 100 warm-up calls and the 600); the start-up is said beside
  it, and where it could not be located in a profile, the figure says it includes it.
- **unified-export.** The built link server on PostgreSQL; the sandbox adds 50 ms to every call
  (\`latencyMs\`). The unified export follows \`next_cursor\` at \`limit=1000\`; the baseline pages
  the sandbox 100 at a time, one call after another, whole records without \`fields\` (what a
  naive client does), after a warm-up of 10 pages (the unified side's warm-up is a whole export).
  The floor of the export is timed straight from the sandbox, asked as the link server asks
  (\`sort=_id\`, \`fields\`, pages of 100): one page, then the other pages of the 100 that
  10,000 users need, 10 in flight. The sandbox counts calls in flight at its
  side. Then the peak RSS (VmRSS sampled every 10 ms) of a fresh link server exporting the large
  organization at 1,000 users, and of another at 10,000.
- **access-review-slow.** The demo host app's access review (the people, and their last login
  and SSO apps, read at once as the page reads them, through the SDK) of the 250-person
  organization with the slow scenario key (1.5 s per directory call), on a fresh connection of
  the built link server on PostgreSQL with the per-connection cap of 10; then again within the
  minute. The sandbox counts the calls and the most in flight.
- **device-users.** The built link server on PostgreSQL with the cap of 10; the sandbox adds
  50 ms to every call. First, for the first 100 devices of the large organization by id, the
  per-device reading the device users index replaced, straight from the sandbox (every page of
  \`/v2/systems/{id}/users\`, then the usernames, at most 10 calls at once); then the same page
  through \`GET /v1/unified/mdm/devices?limit=100&expand=users,groups\` on a fresh connection, and
  again within the minute. The sandbox counts the calls.
- **change-sync.** 50 ms added to every sandbox call; the link server (from source) on PostgreSQL, change feed
  running (audit-log hints off). After the baseline sync, five users are changed and one sync is
  queued through \`POST /v1/connections/:id/sync\`; its time is the server's own
  (\`last_started_at\` to \`last_finished_at\` of \`GET /v1/connections/:id/sync\`). The export reads
  users, groups and each group's members, devices, applications and each one's assignments at
  \`limit=1000\`. Upstream calls and the most in flight are counted at the sandbox, RSS sampled
  every 25 ms from \`/proc\`.
- **webhook-delivery.** The built link server on PostgreSQL, change feed and job queue running,
  one webhook endpoint on a receiver in this process (answering 200 at once). After the baseline
  sync, 3,000 users are added in the sandbox and one sync is queued; each \`user.created\` event
  is one signed POST, sent by the server's 8 delivery workers from the database queue (claim,
  send, record the attempt). Deliveries per second from the first arrival to the last; the lag
  from each event's \`occurred_at\` to its arrival.
- **token-decrypt.** In this process, with tinybench: the real token service (EdDSA JWT) and vault
  (XChaCha20-Poly1305), and apart the three database reads a unified request makes, on an
  in-memory PGlite store.
- **link-server-process.** Spawn to the first 200 of \`/healthz\` (polled every 5 ms), on a data
  folder a previous start created, three times; RSS from \`/proc/<pid>/status\` (VmRSS).
- **widget-bundle-size.** Production builds of the widget's three bundles, gzip level 9.

## Reproduce

\`\`\`sh
pnpm bench                 # every benchmark (about 5 minutes); writes bench/results/latest.json,
                           # docs/benchmarks.md and docs/benchmarks.json
pnpm bench unified         # only those whose name contains "unified"; latest.json only
node_modules/.bin/tsx --conditions=source bench/report.ts   # re-render the docs from latest.json
\`\`\`

Run it on a quiet machine: the figures are wall-clock times of several processes sharing the
cores, and anything else running moves them.
`

export async function writeReport(report: BenchReport): Promise<string[]> {
  const docs = join(root, 'docs')
  await mkdir(docs, { recursive: true })
  const markdown = join(docs, 'benchmarks.md')
  const json = join(docs, 'benchmarks.json')
  await writeFile(markdown, renderMarkdown(report))
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`)
  return [markdown, json]
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const source = process.argv[2] ?? join(root, 'bench', 'results', 'latest.json')
  const report = JSON.parse(await readFile(source, 'utf8')) as BenchReport
  for (const file of await writeReport(report)) console.log(`Wrote ${file}`)
}
