import { formatTime } from '../copy'
import { StepHeading } from './StepHeading'
import type { StepProps } from './step-props'

/** What the host will read, and whether it may also act, before anything is asked. */
export function ConsentStep({
  flow,
  session,
  copy,
  providerText,
  text,
  titleId,
  focus,
  alert,
}: StepProps) {
  const user = session.end_user.email ?? session.end_user.name
  return (
    <section aria-labelledby={titleId}>
      <StepHeading id={titleId} focus={focus}>
        {text(copy.consent.title)}
      </StepHeading>
      {alert}
      <p>{text(copy.consent.intro)}</p>
      <h3>{text(copy.consent.readsTitle)}</h3>
      <ul>
        {providerText.readScopes.map((scope) => (
          <li key={scope}>{scope}</li>
        ))}
      </ul>
      <p className="jl-note">
        {text(
          session.permissions === 'read_write'
            ? copy.consent.permissionReadWrite
            : copy.consent.permissionRead,
        )}
      </p>
      {user && <p className="jl-muted">{text(copy.consent.forUser, { user })}</p>}
      <p className="jl-muted">{text(copy.consent.privacy)}</p>
      <p className="jl-muted">
        {text(copy.consent.expires, { time: formatTime(session.expires_at, copy.lang) })}
      </p>
      <div className="jl-actions">
        <button type="button" className="jl-button" onClick={() => flow.goTo('instructions')}>
          {copy.consent.accept}
        </button>
      </div>
    </section>
  )
}
