// What the unified-page bench says of its CPU profiles, computed from them: CPU per page served
// after start-up, and which of the costliest functions are work the floor does too.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ProfileSummary } from './cpu-profile.ts'
import { round } from './stats.ts'

export interface PageCpu {
  /** Busy ms per page, the start-up left out where the profile located it. */
  perPage: number
  /** Busy ms before the process was ready to serve; undefined where it was not located. */
  startUpMs?: number
  /** Says how the figure was computed, start-up included. */
  how: string
}

/**
 * CPU per page of a profiled process: (busy time − start-up) / the pages it served after its
 * start-up (`pages`, described by `which`). Where the profile did not locate the start-up, the
 * figure is busy time / pages, and `how` says the start-up is in it.
 */
export function pageCpu(summary: ProfileSummary, pages: number, which: string): PageCpu {
  if (summary.startUpMs === undefined) {
    return {
      perPage: round(summary.busyMs / pages, 3),
      how: `${summary.busyMs} ms busy / ${pages} pages (${which}); its start-up could not be located in the profile, so it is in the figure`,
    }
  }
  const serving = round(summary.busyMs - summary.startUpMs, 1)
  return {
    perPage: round(serving / pages, 3),
    startUpMs: summary.startUpMs,
    how: `(${summary.busyMs} ms busy − ${summary.startUpMs} ms of start-up, busy before it was ready to serve) / ${pages} pages served after it (${which})`,
  }
}

/** What a function of the link server's profile is, where it is work the floor does too. */
export interface FloorWork {
  /** How the profile names the function, e.g. `json (http.ts:361)`. */
  name: string
  /** What it is, e.g. the directory client's `JSON.parse` of the page. */
  what: string
}

/**
 * Of the named functions (as `summariseProfile` names them), those that are work the floor does
 * too: the directory client's `json` (http.ts), where the upstream page is parsed, and hono's
 * `c.json` (context.js at `honoJsonLine`), where the response is stringified.
 */
export function floorWorkAmong(names: string[], honoJsonLine: number | undefined): FloorWork[] {
  return names.flatMap((name) => {
    if (name.startsWith('json (http.ts:')) {
      return [{ name, what: "the directory client's JSON.parse of the upstream page" }]
    }
    if (honoJsonLine !== undefined && name.endsWith(`(context.js:${honoJsonLine})`)) {
      return [{ name, what: "hono's c.json, its JSON.stringify of the response" }]
    }
    return []
  })
}

/**
 * The line (1-based, as profiles are named) of hono's `c.json` in the context.js the link server
 * depends on, or undefined where it is not found.
 */
export function honoJsonLine(root: string): number | undefined {
  try {
    const source = readFileSync(
      join(root, 'packages', 'link-server', 'node_modules', 'hono', 'dist', 'context.js'),
      'utf8',
    )
    const index = source.split('\n').findIndex((line) => /^\s*json = \(object\b/.test(line))
    return index < 0 ? undefined : index + 1
  } catch {
    return undefined
  }
}
