export interface WebBundle {
  name: string
  config: string
  output: string
  sources: string[]
}
export const BUNDLES: WebBundle[]
export function isStale(bundle: WebBundle): boolean
/** Builds what is missing or stale; returns the names built. */
export function buildWeb(options?: { force?: boolean; quiet?: boolean }): string[]
export const root: string
/** The newest modification time under a path (files and folders, tests left out). */
export function newestChange(path: string): number
