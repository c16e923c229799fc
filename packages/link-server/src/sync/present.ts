import type { ChangeEvent } from '@jumplink/shared'
import type { StoredChangeEvent } from '../storage/change-store'

/** A stored event as the feed and webhooks carry it. */
export function presentChangeEvent(event: StoredChangeEvent): ChangeEvent {
  return {
    id: `evt_${event.id}`,
    type: event.type as ChangeEvent['type'],
    connection_id: event.connectionId,
    occurred_at: event.createdAt.toISOString(),
    data: event.data,
  }
}
