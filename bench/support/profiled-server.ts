// A link server started with `--cpu-prof` on a folder and database an earlier one set up: it
// serves `work`, stops, and its CPU profile is summarised (traced back through source maps).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ProfileSummary, readProfile, sourceMapped, summariseProfile } from './cpu-profile.ts'
import { startLinkServer } from './processes.ts'

export async function profileLinkServer(
  options: { dataDir: string; directoryUrl: string; env: Record<string, string> },
  what: string,
  work: (url: string) => Promise<void>,
): Promise<ProfileSummary> {
  const profileDir = await mkdtemp(join(tmpdir(), 'jumplink-bench-profile-'))
  try {
    const server = await startLinkServer({
      ...options,
      entry: 'built',
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
    })
    try {
      await work(server.url)
    } finally {
      await server.stop()
    }
    return summariseProfile(await readProfile(profileDir), what, 3, sourceMapped())
  } finally {
    await rm(profileDir, { recursive: true, force: true })
  }
}
