import type { RateLimiter } from '../middleware/rate-limit/limiter'
import type { KeyedSemaphore } from '../providers/keyed-semaphore'

/**
 * What several link-server instances must agree on. One interface, two versions: in process
 * (one instance, the default) and Redis (`REDIS_URL`), picked in `bootstrap.ts`. Everything
 * else sees only this, so a module never knows how many instances there are.
 */
export interface SharedState {
  /** `in-process` or `redis`: for logs, `/readyz` and metrics. */
  readonly kind: 'in-process' | 'redis'
  /** A counter of attempts per key over a window, the same on every instance. */
  limiter(options: LimiterOptions): RateLimiter
  /**
   * At most `limit` holders per key across every instance. A holder's slot is a lease: if its
   * instance dies, the slot frees itself after `leaseMs`.
   */
  semaphore(options: SemaphoreOptions): KeyedSemaphore
  /** Tells every instance, this one included (delivery is best effort, at most once). */
  publish(event: SharedEvent): Promise<void>
  /** Hears what any instance published; returns the unsubscribe. */
  subscribe(handler: (event: SharedEvent) => void): () => void
  /** Whether the shared store answers now (for `/readyz`). */
  ping(): Promise<boolean>
  close(): Promise<void>
}

export interface LimiterOptions {
  /** Names the counter set; two limiters of one name share their counts. */
  name: string
  limit: number
  windowSeconds: number
}

export interface SemaphoreOptions {
  name: string
  limit: number
  /**
   * How long a slot is held at most: a killed instance's slots free themselves after this. The
   * task run in a slot must finish sooner (the directory client's timeout bounds it).
   */
  leaseMs: number
  /** How long a caller may wait for a slot before `SlotTimeoutError`. */
  waitMs: number
}

/** Thrown by a shared semaphore when no slot freed up within `waitMs`. */
export class SlotTimeoutError extends Error {
  override readonly name = 'SlotTimeoutError'
}

/** Changes other instances must hear about at once instead of at their next cache expiry. */
export type SharedEvent =
  /** Revoked, relinked or broken: drop whatever is cached for it. */
  | { type: 'connection.changed'; connectionId: string }
  /** A write through JumpLink changed the connection's directory: drop its kept indexes. */
  | { type: 'directory.written'; connectionId: string }
  /** A signing key was added, activated or retired: reload them. */
  | { type: 'signing-keys.changed' }
  /** Stored secrets were re-sealed under another master key (`keys reencrypt`). */
  | { type: 'master-keys.changed'; activeKeyId: string }
