import type { ChangeEventType } from '@jumplink/shared'
import type { StoredChangeEvent } from '../storage/change-store'
import type { Store } from '../storage/store'
import type { WebhookDispatch } from '../webhooks/dispatch'

type ConnectionEventType = Extract<ChangeEventType, `connection.${string}`>

/**
 * Puts a connection event (created, relinked, broken, revoked) into the change feed, in the
 * caller's transaction when it passes one, so the event exists exactly when the change does.
 * Webhooks are told after the commit (`publishConnectionEvents`); a process that dies in between
 * leaves the event to the delivery sweep.
 */
export async function appendConnectionEvent(
  store: Store,
  event: {
    hostAppId: string
    connectionId: string
    type: ConnectionEventType
    data: Record<string, unknown>
    now: Date
  },
): Promise<StoredChangeEvent[]> {
  return store.changes.appendEvents([
    {
      hostAppId: event.hostAppId,
      connectionId: event.connectionId,
      type: event.type,
      data: event.data,
      createdAt: event.now,
    },
  ])
}

/** Hands committed events to webhook delivery, when it runs here; never fails the caller. */
export async function publishConnectionEvents(
  dispatch: WebhookDispatch | undefined,
  events: readonly StoredChangeEvent[],
): Promise<void> {
  await dispatch?.publish(events).catch(() => {})
}
