// `pnpm bench [filter]`: runs every benchmark (or those whose name contains the filter), prints
// the figures, and writes them with a description of the machine to bench/results/latest.json.
// A full run (no filter) also writes docs/benchmarks.md and docs/benchmarks.json (bench/report.ts).
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { cpus, loadavg, totalmem } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { type Benchmark, type Measurement, meetsTarget, profilesOf } from './harness.ts'
import { type BenchReport, writeReport } from './report.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const filter = process.argv[2]

async function findBenchmarkFiles(): Promise<string[]> {
  const folders = [join(root, 'bench')]
  for (const group of ['packages', 'examples']) {
    for (const name of await readdir(join(root, group)))
      folders.push(join(root, group, name, 'bench'))
  }
  const files: string[] = []
  for (const folder of folders) {
    const entries = await readdir(folder).catch(() => [])
    files.push(...entries.filter((e) => e.endsWith('.bench.ts')).map((e) => join(folder, e)))
  }
  return files.sort()
}

const loadAtStart = loadavg()[0] ?? 0
const startedAt = performance.now()

function describeMachine() {
  const cpu = cpus()
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: `${cpu.length} × ${cpu[0]?.model ?? 'unknown'}`,
    cores: cpu.length,
    memory_gib: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    // Other work on the machine moves every wall-clock figure: how busy it was.
    load_average_1m_at_start: Math.round(loadAtStart * 100) / 100,
    load_average_1m_at_end: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    run_seconds: Math.round((performance.now() - startedAt) / 1000),
  }
}

function formatRow(m: Measurement): string {
  const verdict = meetsTarget(m)
  const target = m.target ? ('max' in m.target ? `≤ ${m.target.max}` : `≥ ${m.target.min}`) : ''
  const mark = verdict === null ? '' : verdict ? '  meets target' : '  MISSES target'
  const value = Number.isInteger(m.value) ? String(m.value) : m.value.toFixed(3)
  return `  ${m.name.padEnd(44)} ${value.padStart(12)} ${m.unit.padEnd(8)} ${target}${mark}`
}

const results: BenchReport['results'] = []
const failures: NonNullable<BenchReport['failures']> = []
let failed = false
for (const file of await findBenchmarkFiles()) {
  const benchmark: Benchmark = (await import(pathToFileURL(file).href)).default
  if (filter && !benchmark.name.includes(filter)) continue
  console.log(`\n${benchmark.name}: ${benchmark.description}`)
  try {
    const outcome = await benchmark.run()
    const { measurements, profile, profiles } = Array.isArray(outcome)
      ? { measurements: outcome, profile: undefined, profiles: undefined }
      : outcome
    for (const m of measurements) {
      console.log(formatRow(m))
      if (meetsTarget(m) === false && m.why) console.log(`      why: ${m.why}`)
    }
    for (const { title, summary } of profilesOf({ profile, profiles })) {
      console.log(`  CPU profile of ${title} (${summary.what}): ${summary.busyMs} ms busy`)
      for (const area of summary.areas.slice(0, 6)) {
        console.log(`    ${area.area.padEnd(28)} ${String(area.share).padStart(5)} %`)
      }
      if (summary.stages) {
        console.log(
          `    by stage: ${summary.stages.map((s) => `${s.stage} ${s.ms} ms`).join(', ')}`,
        )
      }
    }
    results.push({
      benchmark: benchmark.name,
      file: relative(root, file),
      measurements,
      ...(profile ? { profile } : {}),
      ...(profiles ? { profiles } : {}),
    })
  } catch (error) {
    failed = true
    console.error(`  failed: ${error instanceof Error ? error.stack : String(error)}`)
    failures.push({
      benchmark: benchmark.name,
      file: relative(root, file),
      error: error instanceof Error ? error.message : String(error),
    })
  }
}

if (results.length === 0 && !failed) console.log('No benchmarks matched.')
const out = join(root, 'bench', 'results', 'latest.json')
await mkdir(dirname(out), { recursive: true })
const report: BenchReport = {
  ran_at: new Date().toISOString(),
  machine: describeMachine(),
  results,
  ...(failures.length > 0 ? { failures } : {}),
}
await writeFile(out, `${JSON.stringify(report, null, 2)}\n`)
console.log(`\nWrote ${relative(root, out)}`)
if (!filter) {
  for (const file of await writeReport(report)) console.log(`Wrote ${relative(root, file)}`)
}
process.exit(failed ? 1 : 0)
