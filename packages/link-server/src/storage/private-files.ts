import { chmod, mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * A folder only this user can open (0700), whatever the umask: the embedded database and the
 * development master key live there.
 */
export async function makePrivateFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  await chmod(dir, 0o700)
}

/**
 * Folders 0700 and files 0600 below `dir`. PGlite unpacks its initial database with the
 * process's umask (0666 files under 0755 folders with the usual 022); PostgreSQL's own files are
 * 0600 already, so one pass after opening covers what it unpacked.
 */
export async function restrictTree(dir: string): Promise<void> {
  await chmod(dir, 0o700)
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) await restrictTree(path)
    else if (entry.isFile()) await chmod(path, 0o600)
  }
}
