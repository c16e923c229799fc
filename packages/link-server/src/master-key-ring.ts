import type { Logger } from 'pino'
import type { Vault } from './crypto/vault'
import type { MasterKeyState, MasterKeyStore } from './storage/master-key-store'

/**
 * Applies operators' master-key changes to this instance's vault: the key recorded as active
 * seals from now on (the configured LINK_ACTIVE_MASTER_KEY until one is recorded), retired keys
 * are dropped. Says what it could not do: a key this instance was not given cannot be used.
 */
export function applyMasterKeyState(
  vault: Vault,
  state: MasterKeyState,
  configuredActiveKeyId: string,
): { problems: string[] } {
  const problems: string[] = []
  const wanted = state.activeKeyId ?? configuredActiveKeyId
  if (wanted !== vault.activeKeyId && !vault.activate(wanted)) {
    problems.push(
      `master key ${wanted} is active for every instance but is not in this instance's LINK_MASTER_KEYS; new secrets stay sealed under ${vault.activeKeyId}`,
    )
  }
  for (const retired of state.retiredKeyIds) {
    if (!vault.keyIds.includes(retired)) continue
    if (!vault.forget(retired)) {
      problems.push(`master key ${retired} is retired but still active on this instance`)
    }
  }
  return { problems }
}

export interface MasterKeyRing {
  /** Reads the recorded state and applies it (on an event from another instance or the CLI). */
  reload(): Promise<void>
  stop(): void
}

/**
 * Follows the recorded master-key state: applied once now, again on `reload()` (the event other
 * instances and the CLI publish through Redis), and whenever the version in the database moved,
 * checked every `checkEveryMs` (the only way without Redis; a lost event's safety net with it).
 */
export async function followMasterKeys(options: {
  store: MasterKeyStore
  vault: Vault
  configuredActiveKeyId: string
  logger: Logger
  checkEveryMs: number
}): Promise<MasterKeyRing> {
  const { store, vault, logger } = options
  let version = -1
  let running: Promise<void> | undefined
  const load = async () => {
    const state = await store.get()
    const before = vault.activeKeyId
    const beforeKeys = vault.keyIds.length
    const { problems } = applyMasterKeyState(vault, state, options.configuredActiveKeyId)
    for (const problem of problems) logger.error({ master_key_version: state.version }, problem)
    if (version >= 0 && (before !== vault.activeKeyId || beforeKeys !== vault.keyIds.length)) {
      logger.info(
        {
          active_key_id: vault.activeKeyId,
          key_ids: vault.keyIds,
          master_key_version: state.version,
        },
        'applied a master-key change',
      )
    }
    version = state.version
  }
  // One load at a time; a reload asked for meanwhile waits for it, then loads again.
  const reload = async () => {
    while (running) await running
    running = load().finally(() => {
      running = undefined
    })
    return running
  }
  await reload()

  const timer = setInterval(async () => {
    try {
      if ((await store.version()) !== version) await reload()
    } catch (error) {
      logger.warn({ err: error }, 'could not check for master-key changes')
    }
  }, options.checkEveryMs)
  timer.unref()
  return {
    reload: () =>
      reload().catch((error: unknown) =>
        logger.error({ err: error }, 'could not reload the master keys'),
      ),
    stop: () => clearInterval(timer),
  }
}
