import { type Kysely, sql } from 'kysely'
import type { Database } from './schema'

/**
 * What operators changed about the master keys since the instances started (`jumplink-server
 * keys activate-master` / `retire-master`). The keys themselves never reach the database: only
 * which configured key seals new secrets and which ones no instance may use any more.
 */
export interface MasterKeyState {
  /** The key that seals new secrets; null: each instance's LINK_ACTIVE_MASTER_KEY. */
  activeKeyId: string | null
  retiredKeyIds: string[]
  /** Grows with every change: instances compare it to notice one. */
  version: number
}

export interface MasterKeyStore {
  get(): Promise<MasterKeyState>
  /** The version alone (the periodic check on every instance). */
  version(): Promise<number>
  /** Records a change and returns the new state. */
  change(change: { activate?: string; retire?: string }): Promise<MasterKeyState>
}

const NOTHING_CHANGED: MasterKeyState = { activeKeyId: null, retiredKeyIds: [], version: 0 }

export function createMasterKeyStore(db: Kysely<Database>): MasterKeyStore {
  const get = async (executor: Kysely<Database> = db): Promise<MasterKeyState> => {
    const row = await executor
      .selectFrom('master_key_state')
      .selectAll()
      .where('id', '=', 1)
      .executeTakeFirst()
    if (!row) return NOTHING_CHANGED
    return {
      activeKeyId: row.active_key_id,
      retiredKeyIds: JSON.parse(row.retired_key_ids) as string[],
      version: row.version,
    }
  }
  return {
    get: () => get(),
    async version() {
      const row = await db
        .selectFrom('master_key_state')
        .select('version')
        .where('id', '=', 1)
        .executeTakeFirst()
      return row?.version ?? 0
    },
    change(change) {
      return db.transaction().execute(async (tx) => {
        // The row exists from here on; `for update` orders concurrent changes.
        await tx
          .insertInto('master_key_state')
          .values({ id: 1, active_key_id: null, retired_key_ids: '[]', version: 0 })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute()
        await sql`select 1 from master_key_state where id = 1 for update`.execute(tx)
        const current = await get(tx)
        const retired = new Set(current.retiredKeyIds)
        if (change.retire) retired.add(change.retire)
        const next: MasterKeyState = {
          activeKeyId: change.activate ?? current.activeKeyId,
          retiredKeyIds: [...retired],
          version: current.version + 1,
        }
        await tx
          .updateTable('master_key_state')
          .set({
            active_key_id: next.activeKeyId,
            retired_key_ids: JSON.stringify(next.retiredKeyIds),
            version: next.version,
          })
          .where('id', '=', 1)
          .execute()
        return next
      })
    },
  }
}
