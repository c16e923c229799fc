import { StepHeading } from './StepHeading'
import type { StepProps } from './step-props'

/** How to create a key, read from the provider's metadata: cautions first, then the steps. */
export function InstructionsStep({
  flow,
  session,
  provider,
  copy,
  text,
  titleId,
  focus,
  alert,
}: StepProps) {
  const cautionsId = `${titleId}-cautions`
  return (
    <section aria-labelledby={titleId}>
      <StepHeading id={titleId} focus={focus}>
        {text(copy.instructions.title)}
      </StepHeading>
      {alert}
      <p>{text(copy.instructions.intro)}</p>
      <section aria-labelledby={cautionsId} className="jl-note">
        <h3 id={cautionsId}>{copy.instructions.cautionsTitle}</h3>
        <ul>
          {provider.keyCautions.map((caution) => (
            <li key={caution}>{caution}</li>
          ))}
        </ul>
      </section>
      <ol>
        {provider.keySteps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <p>{text(copy.instructions.consoleLinks)}</p>
      <ul>
        {provider.regions.map((region) => (
          <li key={region.id}>
            <a href={region.consoleUrl} target="_blank" rel="noopener noreferrer">
              {text(copy.instructions.consoleLink, { region: region.label })}
              <span className="jl-sr-only"> {copy.common.opensInNewTab}</span>
            </a>
          </li>
        ))}
      </ul>
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
