import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openPGliteStore } from './open'
import { describeStoreContract } from './store.suite'

describeStoreContract('PGlite', () => openPGliteStore())

describe('the embedded PGlite database', () => {
  it('keeps a small buffer pool in the server’s memory, in a folder as in memory', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'jumplink-pglite-'))
    try {
      for (const store of [
        await openPGliteStore(),
        await openPGliteStore({ dataDir: join(folder, 'db') }),
      ]) {
        try {
          const { rows } = await store.jobs.executeSql('show shared_buffers')
          expect(rows).toEqual([{ shared_buffers: '16MB' }])
        } finally {
          await store.close()
        }
      }
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })
})
