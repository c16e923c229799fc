import { createHash } from 'node:crypto'
import { JumpLinkError } from '@jumplink/shared'
import type { IdempotencyStore } from '../storage/store'

// `Idempotency-Key` for writes, provider-neutral. The key is claimed in the database before the
// directory is called (insert-first, so one request wins across every instance); the answer is
// stored and replayed to any later request with the same key for 24 hours. A request that finds
// the key still running waits for the first one's answer rather than calling again.

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000

/** Expired keys are deleted by a write at most this often per store (per instance). */
export const PURGE_EVERY_MS = 60 * 60 * 1000

const nextPurgeAt = new WeakMap<IdempotencyStore, number>()

/**
 * Deletes the keys past their 24 hours, so the table holds about one day of writes. Writes pay
 * for it, once an hour per instance; every instance may purge (a delete is safe to repeat).
 * Answers how many were deleted, or null when it was not yet time.
 */
export async function purgeExpiredKeys(
  store: IdempotencyStore,
  now: Date,
  everyMs = PURGE_EVERY_MS,
): Promise<number | null> {
  if (now.getTime() < (nextPurgeAt.get(store) ?? 0)) return null
  nextPurgeAt.set(store, now.getTime() + everyMs)
  return store.purgeExpired(new Date(now.getTime() - IDEMPOTENCY_TTL_MS))
}

export interface IdempotencyOptions {
  now: () => Date
  /** How long a claimed key stays locked to its request (a dead request's lock lapses). */
  lockMs?: number
  /** How long a second request waits for the first one's answer. */
  waitMs?: number
  pollMs?: number
  sleep?: (ms: number) => Promise<void>
}

/** An answer as stored: the status and the JSON body. */
export interface StoredAnswer {
  status: number
  body: unknown
}

/** The hash that tells "the same request again" from "the key reused for another request". */
export function requestHash(parts: { method: string; route: string; body: unknown }): string {
  return createHash('sha256')
    .update(JSON.stringify([parts.method, parts.route, canonical(parts.body)]))
    .digest('base64url')
}

/** JSON with object keys sorted, so key order does not make two bodies differ. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  )
}

/**
 * Runs `run` at most once per (connection, key) within 24 hours. Answers `{replayed: true}`
 * with the first answer for a retry; a catalog error that is not retryable (a refusal: nothing
 * changed, and nothing will on a retry) is stored and replayed too. A retryable failure gives
 * the key back so that a retry runs afresh.
 */
export async function runIdempotent(
  store: IdempotencyStore,
  input: { connectionId: string; key: string; requestHash: string; requestId: string },
  options: IdempotencyOptions,
  run: () => Promise<StoredAnswer>,
): Promise<StoredAnswer & { replayed: boolean }> {
  const lockMs = options.lockMs ?? 60_000
  const waitMs = options.waitMs ?? 30_000
  const pollMs = options.pollMs ?? 50
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)))
  const started = Date.now()
  const ids = { connectionId: input.connectionId, key: input.key }
  // Housekeeping must not fail the write it rides on; the next hour's write tries again.
  await purgeExpiredKeys(store, options.now()).catch(() => null)

  for (;;) {
    const now = options.now()
    const claim = await store.claim({
      ...ids,
      requestHash: input.requestHash,
      now,
      lockedUntil: new Date(now.getTime() + lockMs),
      expiredBefore: new Date(now.getTime() - IDEMPOTENCY_TTL_MS),
    })
    if (claim.outcome === 'claimed') break
    if (claim.requestHash !== input.requestHash) throw new JumpLinkError('idempotency_key_reused')
    if (claim.outcome === 'completed') {
      return { status: claim.status, body: JSON.parse(claim.body) as unknown, replayed: true }
    }
    if (Date.now() - started >= waitMs)
      throw new JumpLinkError('idempotency_request_in_progress', { retryAfter: 1 })
    await sleep(pollMs)
  }

  let answer: StoredAnswer
  try {
    answer = await run()
  } catch (error) {
    if (error instanceof JumpLinkError && !error.retryable && error.status < 500) {
      await store.complete({
        ...ids,
        status: error.status,
        body: JSON.stringify(error.toBody(input.requestId)),
      })
    } else {
      await store.release(ids)
    }
    throw error
  }
  await store.complete({ ...ids, status: answer.status, body: JSON.stringify(answer.body) })
  return { ...answer, replayed: false }
}
