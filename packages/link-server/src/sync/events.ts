import type { ChangeEventType } from '@jumplink/shared'
import type { FieldChange } from './fingerprint'
import type { SyncKind } from './sources'

export interface DetectedEvent {
  type: ChangeEventType
  data: Record<string, unknown>
}

type Snapshot = Record<string, unknown>

/** The event a record's change means, by kind; null when nothing worth telling changed. */
export function eventFor(
  kind: SyncKind,
  before: Snapshot | undefined,
  after: Snapshot | undefined,
  changes: FieldChange[],
): DetectedEvent | null {
  if (kind === 'group_member' || kind === 'assignment') {
    // Memberships exist or not; a renamed group or a changed path (`via`) is no membership change.
    if (before && after) return null
    const record = (after ?? before) as Snapshot
    const type =
      kind === 'group_member'
        ? after
          ? 'group.member_added'
          : 'group.member_removed'
        : after
          ? 'application.assignment_added'
          : 'application.assignment_removed'
    return { type, data: record }
  }
  const prefix = kind === 'user' ? 'user' : 'device'
  if (!before) return { type: `${prefix}.created`, data: { record: after } }
  if (!after) return { type: `${prefix}.deleted`, data: { record: before } }
  if (changes.length === 0) return null
  if (kind === 'user') {
    const status = changes.find((c) => c.field === 'status')
    if (status?.to === 'inactive')
      return { type: 'user.suspended', data: { record: after, changes } }
    if (status?.from === 'inactive')
      return { type: 'user.reactivated', data: { record: after, changes } }
    return { type: 'user.updated', data: { record: after, changes } }
  }
  return { type: 'device.updated', data: { record: after, changes } }
}
