export interface PublicPackage {
  /** The package folder, from the repository root. */
  dir: string
  /** Other folders whose changes make its build stale. */
  uses: string[]
}
export const PACKAGES: PublicPackage[]
/** Builds what is missing or stale, in parallel; resolves to the package folders built. */
export function buildPackages(options?: { force?: boolean; quiet?: boolean }): Promise<string[]>
