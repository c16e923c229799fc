// Summarises a V8 CPU profile (`node --cpu-prof`) of the link server: where its CPU time went,
// by area (a dependency, the link server's own code, Node itself, the garbage collector), with
// the functions that cost most in each. Self time only: what ran in that code, not below it.
import { existsSync, readFileSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { SourceMap } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
  columnNumber?: number
}

interface ProfileNode {
  id: number
  callFrame: CallFrame
  children?: number[]
}

export interface CpuProfile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

export interface ProfileArea {
  area: string
  selfMs: number
  /** Of the busy (not idle) time. */
  share: number
  /** The costliest functions in the area, by self time. */
  top: { name: string; selfMs: number }[]
}

export interface ProfileSummary {
  /** What was profiled, e.g. "600 pages of 100 users, 8 at a time". */
  what: string
  wallMs: number
  /** Sampled time not idle. */
  busyMs: number
  areas: ProfileArea[]
  /** CPU time in and below named functions (the `stages` asked for), in the order asked. */
  stages?: { stage: string; ms: number }[]
  /** Busy time before `servingFrom` (the start-up), where it was given and within the profile. */
  startUpMs?: number
}

export interface SummaryOptions {
  /**
   * Steps of the profiled code by the functions that do each (label → function names): each
   * sample counts for the first stage found on its stack, from the sampled frame up, so a
   * stage's time is what ran in those functions and below them (total time, not self time).
   * Stages are expected not to call each other.
   */
  stages?: Record<string, string[]>
  /**
   * When the process was ready to serve, on the profile's clock (V8's monotonic microseconds,
   * the clock of `process.hrtime` on the same machine): busy time before it is the start-up.
   */
  servingFrom?: number
}

/** Which area a frame's code belongs to, from its URL. */
export function areaOf(frame: CallFrame): string {
  const { url, functionName } = frame
  if (url === '') {
    if (functionName === '(garbage collector)') return 'garbage collector'
    if (functionName === '(idle)') return 'idle'
    if (functionName === '(program)') return 'V8 and native code'
    return 'V8 and native code'
  }
  if (url.startsWith('node:')) return 'Node.js internals'
  const modules = url.lastIndexOf('/node_modules/')
  if (modules >= 0) {
    const rest = url.slice(modules + '/node_modules/'.length).split('/')
    const name = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]
    return name ?? url
  }
  if (url.includes('/packages/link-server/')) return 'link server'
  if (url.includes('/packages/shared/')) return '@jumplink/shared'
  // The benches' own code (e.g. the floor proxy), named from the repository's root.
  const bench = /\/((?:packages\/[^/]+\/)?bench\/.*)$/.exec(url)
  if (bench?.[1]) return bench[1]
  return url.replace(/^file:\/\//, '')
}

/**
 * The built server is bundled and minified: each frame is traced back through the bundle's
 * source map (`<file>.js.map`, beside it) to the source it came from, a dependency's file or
 * ours, so that areas and names mean something. Frames without a map are kept as they are.
 */
export function sourceMapped(): (frame: CallFrame) => CallFrame {
  const maps = new Map<string, SourceMap | null>()
  const mapOf = (url: string) => {
    if (!maps.has(url)) {
      const file = url.startsWith('file://') ? fileURLToPath(url) : null
      const mapFile = file && `${file}.map`
      maps.set(
        url,
        mapFile && existsSync(mapFile)
          ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')))
          : null,
      )
    }
    return maps.get(url) ?? null
  }
  return (frame) => {
    const map = frame.url.includes('/dist/') ? mapOf(frame.url) : null
    const entry = map?.findEntry(frame.lineNumber, frame.columnNumber ?? 0) as
      | { originalSource?: string; originalLine?: number; name?: string }
      | undefined
    if (!entry?.originalSource) return frame
    const source = entry.originalSource.replace(/^(\.\.\/)+/, '/')
    return {
      functionName: entry.name ?? frame.functionName,
      url: source.includes('node_modules/')
        ? source
        : `/packages/link-server/${source.replace(/^\//, '')}`,
      lineNumber: entry.originalLine ?? frame.lineNumber,
    }
  }
}

function frameName(frame: CallFrame): string {
  const file = frame.url.split('/').pop() ?? ''
  const name = frame.functionName || '(anonymous)'
  return file ? `${name} (${file}:${frame.lineNumber + 1})` : name
}

export function summariseProfile(
  profile: CpuProfile,
  what: string,
  topPerArea = 3,
  resolve: (frame: CallFrame) => CallFrame = (frame) => frame,
  { stages = {}, servingFrom }: SummaryOptions = {},
): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parentOf = new Map<number, number>()
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parentOf.set(child, node.id)
  }
  const stageOfFunction = new Map(
    Object.entries(stages).flatMap(([stage, fns]) => fns.map((fn) => [fn, stage] as const)),
  )
  const stageOfNode = new Map<number, string | null>()
  const stageOf = (id: number): string | null => {
    const known = stageOfNode.get(id)
    if (known !== undefined) return known
    const node = byId.get(id)
    const parent = parentOf.get(id)
    const own = node ? stageOfFunction.get(resolve(node.callFrame).functionName) : undefined
    const stage = own ?? (parent === undefined ? null : stageOf(parent))
    stageOfNode.set(id, stage)
    return stage
  }
  const stageUs = new Map(Object.keys(stages).map((stage) => [stage, 0]))
  const selfUs = new Map<number, number>()
  const idle = new Set(
    profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id),
  )
  const splits = servingFrom !== undefined && profile.startTime <= servingFrom
  let startUpUs = 0
  let at = profile.startTime
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0
    at += delta
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta)
    if (splits && at <= servingFrom && !idle.has(id)) startUpUs += delta
  })
  if (stageOfFunction.size > 0) {
    for (const [id, us] of selfUs) {
      const stage = stageOf(id)
      if (stage !== null) stageUs.set(stage, (stageUs.get(stage) ?? 0) + us)
    }
  }
  const areas = new Map<string, { us: number; functions: Map<string, number> }>()
  for (const [id, us] of selfUs) {
    const node = byId.get(id)
    if (!node) continue
    const frame = resolve(node.callFrame)
    const area = areaOf(frame)
    const entry = areas.get(area) ?? { us: 0, functions: new Map() }
    entry.us += us
    const name = frameName(frame)
    entry.functions.set(name, (entry.functions.get(name) ?? 0) + us)
    areas.set(area, entry)
  }
  areas.delete('idle')
  const busyUs = [...areas.values()].reduce((sum, a) => sum + a.us, 0)
  const ms = (us: number) => Math.round(us / 100) / 10
  return {
    what,
    wallMs: ms(profile.endTime - profile.startTime),
    busyMs: ms(busyUs),
    areas: [...areas.entries()]
      .sort((a, b) => b[1].us - a[1].us)
      .map(([area, { us, functions }]) => ({
        area,
        selfMs: ms(us),
        share: busyUs === 0 ? 0 : Math.round((us / busyUs) * 1000) / 10,
        top: [...functions.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, topPerArea)
          .map(([name, fus]) => ({ name, selfMs: ms(fus) })),
      })),
    ...(stageUs.size > 0
      ? { stages: [...stageUs.entries()].map(([stage, us]) => ({ stage, ms: ms(us) })) }
      : {}),
    ...(splits && servingFrom <= profile.endTime ? { startUpMs: ms(startUpUs) } : {}),
  }
}

/** The one `.cpuprofile` Node wrote into `dir` (`--cpu-prof-dir`) when the process exited. */
export async function readProfile(dir: string): Promise<CpuProfile> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'))
  const file = files[0]
  if (!file) throw new Error(`no .cpuprofile in ${dir}`)
  return JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile
}
