/**
 * The benchmark harness behind `pnpm bench`. A benchmark is a file named `*.bench.ts` under
 * `bench/` or `packages/<name>/bench/` whose default export is `defineBenchmark({...})`. It
 * reports what it measured, as numbers with units; a target, where there is one, is printed
 * beside the figure and never replaces it.
 */
import type { ProfileSummary } from './support/cpu-profile.ts'

export interface Measurement {
  /** What was measured, e.g. "p50 added latency". */
  name: string
  value: number
  unit: string
  /** An upper (`max`) or lower (`min`) bound the figure is compared with, if any. */
  target?: { max: number } | { min: number }
  note?: string
  /** Where the target is missed: why, from what the benchmark measured. */
  why?: string
}

export interface Benchmark {
  name: string
  description: string
  /** The figures, or the figures and a CPU profile summary that explains them. */
  run(): Promise<Measurement[] | BenchmarkOutcome>
}

export interface BenchmarkOutcome {
  measurements: Measurement[]
  /** Where the link server's CPU time went while it served the benchmark's calls. */
  profile?: ProfileSummary
  /** Several processes' CPU profiles, each named, e.g. the link server's and a floor's. */
  profiles?: NamedProfile[]
}

export interface NamedProfile {
  /** The profiled process, e.g. "the link server (built)". */
  title: string
  summary: ProfileSummary
}

/** What `profile` alone stands for. */
export const LINK_SERVER_PROFILE_TITLE = 'the link server (built)'

/** Every profile of an outcome, the single `profile` (the link server's) first. */
export function profilesOf(outcome: {
  profile?: ProfileSummary
  profiles?: NamedProfile[]
}): NamedProfile[] {
  return [
    ...(outcome.profile ? [{ title: LINK_SERVER_PROFILE_TITLE, summary: outcome.profile }] : []),
    ...(outcome.profiles ?? []),
  ]
}

export function defineBenchmark(benchmark: Benchmark): Benchmark {
  return benchmark
}

export function meetsTarget(measurement: Measurement): boolean | null {
  const { target, value } = measurement
  if (!target) return null
  return 'max' in target ? value <= target.max : value >= target.min
}
