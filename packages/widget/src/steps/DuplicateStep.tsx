import type { LinkOrganization } from '@jumplink/shared'
import type { StepProps } from './step-props'
import { useFocusOnShow } from './use-focus-on-show'

export interface DuplicateStepProps extends StepProps {
  organization: LinkOrganization
}

/**
 * The organization chosen is already connected for this user (the host allows no duplicates):
 * replace that connection's key with the new one, or go back.
 */
export function DuplicateStep({
  flow,
  copy,
  text,
  titleId,
  alert,
  organization,
}: DuplicateStepProps) {
  const name = organization.name ?? organization.id
  const { busy } = flow.state
  const heading = useFocusOnShow<HTMLHeadingElement>(true)
  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId} ref={heading} tabIndex={-1}>
        {text(copy.duplicate.title, { organization: name })}
      </h2>
      {alert}
      <p>{text(copy.duplicate.body, { organization: name })}</p>
      {busy && (
        <p role="status" className="jl-muted">
          {text(copy.common.working)}
        </p>
      )}
      <div className="jl-actions">
        <button
          type="button"
          className="jl-button"
          data-variant="secondary"
          onClick={flow.keepExisting}
        >
          {copy.duplicate.cancel}
        </button>
        <button
          type="button"
          className="jl-button"
          aria-disabled={busy}
          onClick={flow.replaceExisting}
        >
          {copy.duplicate.replace}
        </button>
      </div>
    </section>
  )
}
