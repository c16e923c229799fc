import { useEffect, useRef, useState } from 'react'
import type { LinkApiError } from '../api/link-api'
import { type ErrorAction, plural, type WidgetCopy } from '../copy'
import type { Text } from './step-props'

export interface ErrorNoticeProps {
  error: LinkApiError
  copy: WidgetCopy
  text: Text
  onAction?: ((action: ErrorAction) => void) | undefined
  /** Hides the title when a heading above already says it. */
  showTitle?: boolean
  /**
   * Whether its button is the screen's primary action: only when the error is the whole screen.
   * Under a step, the step's own button stays the one primary action.
   */
  primary?: boolean
  /** Takes focus when it appears, so the admin who just submitted lands on what went wrong. */
  focus?: boolean
}

/** Throttling is a wait, not a fault: it gets calm styling and a countdown. */
const WAIT_CODES = new Set(['rate_limited', 'provider_rate_limited'])

/** Seconds left of `retryAfter`, counting down once a second from when the error arrived. */
function useCountdown(error: LinkApiError): number | undefined {
  const [left, setLeft] = useState(error.retryAfter)
  useEffect(() => {
    setLeft(error.retryAfter)
    if (error.retryAfter === undefined || error.retryAfter <= 0) return
    const timer = setInterval(() => {
      setLeft((seconds) => {
        const next = Math.max(0, (seconds ?? 0) - 1)
        if (next === 0) clearInterval(timer)
        return next
      })
    }, 1000)
    return () => clearInterval(timer)
  }, [error])
  return left
}

/** An error in plain words with the next step, announced by screen readers as it appears. */
export function ErrorNotice({
  error,
  copy,
  text,
  onAction,
  showTitle = true,
  primary = false,
  focus = false,
}: ErrorNoticeProps) {
  const entry = copy.errors[error.code]
  const ref = useRef<HTMLDivElement>(null)
  const left = useCountdown(error)
  const waiting = left !== undefined && left > 0
  useEffect(() => {
    if (focus && error) ref.current?.focus({ preventScroll: false })
  }, [focus, error])
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      className="jl-alert"
      data-code={error.code}
      data-kind={WAIT_CODES.has(error.code) ? 'wait' : undefined}
    >
      {showTitle && <p className="jl-alert-title">{text(entry.title)}</p>}
      <p>{text(entry.body)}</p>
      <p>{text(entry.next)}</p>
      {left !== undefined && (
        // Not a live region of its own: the alert was announced once; the seconds stay quiet.
        <p className="jl-countdown" data-seconds={left} aria-live="off">
          {waiting
            ? text(plural(copy.retryAfter, left, copy.lang), { seconds: left })
            : copy.retryNow}
        </p>
      )}
      {error.requestId && (
        <p className="jl-hint">{text(copy.reference, { id: error.requestId })}</p>
      )}
      {onAction && (
        <button
          type="button"
          className="jl-button"
          data-variant={primary ? undefined : 'secondary'}
          aria-disabled={waiting && entry.action === 'retry'}
          onClick={() => {
            if (waiting && entry.action === 'retry') return
            onAction(entry.action)
          }}
        >
          {copy.errorActions[entry.action]}
        </button>
      )}
    </div>
  )
}
