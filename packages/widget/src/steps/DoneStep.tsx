import { StepHeading } from './StepHeading'
import type { StepProps } from './step-props'

export interface DoneStepProps extends StepProps {
  /** Whether there is a window to close (the modal and the iframe; not the in-page widget). */
  closable: boolean
}

/** The organization is connected; the host already has its public token. */
export function DoneStep({ flow, session, copy, text, titleId, focus, closable }: DoneStepProps) {
  const organization = flow.state.result?.organization
  const name = organization?.name ?? organization?.id ?? ''
  return (
    <section aria-labelledby={titleId}>
      <StepHeading id={titleId} focus={focus}>
        {copy.done.title}
      </StepHeading>
      <p role="status">
        {text(session.mode === 'update' ? copy.done.updateBody : copy.done.body, {
          organization: name,
        })}
      </p>
      {closable && (
        <div className="jl-actions">
          <button type="button" className="jl-button" onClick={flow.close}>
            {copy.done.finish}
          </button>
        </div>
      )}
    </section>
  )
}
