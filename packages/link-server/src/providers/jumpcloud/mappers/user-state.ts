import type { SystemUserRecord } from '../records'
import { str } from './common'

export type ShownState = 'ACTIVATED' | 'SUSPENDED' | 'STAGED'

const STATES = new Set<string>(['ACTIVATED', 'SUSPENDED', 'STAGED'])

/**
 * The state JumpCloud shows for a systemuser. `state` wins whenever the record has one: the
 * booleans beside it can be stale (`"state": "ACTIVATED"` with `activated: false` occurs).
 * Older records have no `state`; for them only `suspended` counts, because `activated: false`
 * is common on such accounts although they sign in, so it never means "invited" on its own.
 */
export function shownState(record: Pick<SystemUserRecord, 'state' | 'suspended'>): ShownState {
  const state = str(record.state)?.toUpperCase()
  if (state !== undefined && STATES.has(state)) return state as ShownState
  return record.suspended === true ? 'SUSPENDED' : 'ACTIVATED'
}
