import type { StoredChangeEvent } from '../storage/change-store'

/**
 * What the rest of the server asks of webhook delivery (src/webhooks/delivery.ts runs it):
 * fan new events out to endpoints, and send one delivery again now.
 */
export interface WebhookDispatch {
  /** Makes the deliveries of freshly stored events and queues them. */
  publish(events: readonly Pick<StoredChangeEvent, 'id'>[]): Promise<void>
  /** Queues a delivery that waits (redelivery). */
  deliverSoon(deliveryId: string): Promise<void>
}
