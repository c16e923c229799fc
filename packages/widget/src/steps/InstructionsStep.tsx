import { StepHeading } from './StepHeading'
import type { StepProps } from './step-props'

/**
 * How to create a key, read from the provider's metadata: where to sign in (the region decides
 * the address), which admin role to use, the cautions, then the steps.
 */
export function InstructionsStep({
  flow,
  session,
  provider,
  copy,
  providerText,
  text,
  titleId,
  focus,
  alert,
}: StepProps) {
  const cautionsId = `${titleId}-cautions`
  const role = provider.adminRoles
  return (
    <section aria-labelledby={titleId}>
      <StepHeading id={titleId} focus={focus}>
        {text(copy.instructions.title)}
      </StepHeading>
      {alert}
      <p>{text(copy.instructions.intro)}</p>
      <p>{text(copy.instructions.consoleLinks)}</p>
      <ul className="jl-regions">
        {provider.regions.map((region) => (
          <li key={region.id}>
            <a href={region.consoleUrl} target="_blank" rel="noopener noreferrer">
              {text(copy.instructions.consoleLink, {
                region: providerText.regions[region.id] ?? region.label,
              })}
              <span className="jl-sr-only"> {copy.common.opensInNewTab}</span>
            </a>
          </li>
        ))}
      </ul>
      {role && (
        <p className="jl-role">
          {session.permissions === 'read_write'
            ? text(copy.instructions.roleReadWrite, { role: role.readWrite })
            : text(copy.instructions.roleRead, { role: role.read })}
        </p>
      )}
      <section aria-labelledby={cautionsId} className="jl-note">
        <h3 id={cautionsId}>{copy.instructions.cautionsTitle}</h3>
        <ul>
          {providerText.keyCautions.map((caution) => (
            <li key={caution}>{caution}</li>
          ))}
        </ul>
      </section>
      <ol>
        {providerText.keySteps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <p>
        <a href={provider.docsUrl} target="_blank" rel="noopener noreferrer">
          {text(copy.instructions.docsLink)}
          <span className="jl-sr-only"> {copy.common.opensInNewTab}</span>
        </a>
      </p>
      <div className="jl-actions">
        {session.mode === 'create' && (
          <button
            type="button"
            className="jl-button"
            data-variant="secondary"
            onClick={() => flow.goTo('consent')}
          >
            {copy.common.back}
          </button>
        )}
        <button type="button" className="jl-button" onClick={() => flow.goTo('credentials')}>
          {copy.instructions.haveKey}
        </button>
      </div>
    </section>
  )
}
