/**
 * When a failed delivery is tried again: exponential back-off from one minute, each wait capped
 * at 8 hours, 12 attempts in all, so a receiver that is down is retried for about a day
 * (1+2+4+…+256 minutes, then 8 h and 8 h: ≈ 24.5 h before the last attempt).
 */
export const MAX_ATTEMPTS = 12
export const FIRST_RETRY_MS = 60_000
const LONGEST_WAIT_MS = 8 * 3600_000

/**
 * The wait after failed attempt number `attempt` (1-based), with ±20% jitter so that a receiver
 * coming back up is not hit by every delivery at the same second.
 */
export function retryDelayMs(
  attempt: number,
  options: { firstRetryMs?: number; random?: () => number } = {},
): number {
  const first = options.firstRetryMs ?? FIRST_RETRY_MS
  const base = Math.min(first * 2 ** (attempt - 1), Math.max(LONGEST_WAIT_MS, first))
  const jitter = 0.8 + 0.4 * (options.random ?? Math.random)()
  return Math.round(base * jitter)
}
