import type { LinkApiError } from '../api/link-api'
import type { ErrorAction, WidgetCopy } from '../copy'
import type { Text } from './step-props'

export interface ErrorNoticeProps {
  error: LinkApiError
  copy: WidgetCopy
  text: Text
  onAction?: ((action: ErrorAction) => void) | undefined
  /** Hides the title when a heading above already says it. */
  showTitle?: boolean
}

/** An error in plain words with the next step, announced by screen readers as it appears. */
export function ErrorNotice({ error, copy, text, onAction, showTitle = true }: ErrorNoticeProps) {
  const entry = copy.errors[error.code]
  return (
    <div role="alert" className="jl-alert" data-code={error.code}>
      {showTitle && <p className="jl-alert-title">{text(entry.title)}</p>}
      <p>{text(entry.body)}</p>
      <p>
        {text(entry.next)}
        {error.retryAfter !== undefined &&
          ` ${text(copy.retryAfter, { seconds: error.retryAfter })}`}
      </p>
      {error.requestId && (
        <p className="jl-hint">{text(copy.reference, { id: error.requestId })}</p>
      )}
      {onAction && (
        <button type="button" className="jl-button" onClick={() => onAction(entry.action)}>
          {copy.errorActions[entry.action]}
        </button>
      )}
    </div>
  )
}
