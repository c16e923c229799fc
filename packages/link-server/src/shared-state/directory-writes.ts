import type { Context } from 'hono'
import type { AppEnv } from '../context'
import type { ProviderRegistry } from '../providers/provider'
import type { SharedState } from './shared-state'

/** Shared states whose instance already drops directory indexes on `directory.written`. */
const listening = new WeakSet<SharedState>()

/**
 * On every `directory.written` (a write through any instance), drops what this instance's
 * providers keep of that connection's directory: group memberships, devices' users and the
 * like, kept a minute, would otherwise show the old state here until they expire. Once per
 * shared state, whichever routes call it.
 */
export function forgetDirectoryOnWrites(shared: SharedState, providers: ProviderRegistry): void {
  if (listening.has(shared)) return
  listening.add(shared)
  shared.subscribe((event) => {
    if (event.type !== 'directory.written') return
    for (const provider of providers.values()) provider.reader.forget?.(event.connectionId)
  })
}

/**
 * Tells every instance (this one included) that a write changed the connection's directory.
 * Best effort: a lost message only means other instances' indexes live out their minute.
 */
export async function announceDirectoryWrite(
  c: Context<AppEnv>,
  shared: SharedState,
  connectionId: string,
): Promise<void> {
  try {
    await shared.publish({ type: 'directory.written', connectionId })
  } catch (error) {
    c.get('logger').warn(
      { err: error, connection_id: connectionId },
      'could not tell the other instances about a directory write',
    )
  }
}
