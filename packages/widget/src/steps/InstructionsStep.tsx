import { useId } from 'react'
import { StepHeading } from './StepHeading'
import type { StepProps } from './step-props'

/**
 * How to create the credential, read from the provider's metadata: where to sign in (the region
 * decides the address), which admin role to use, the cautions, then the steps. A directory with
 * service accounts lets the admin choose first; each choice has its own guide.
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
  const kindName = useId()
  const cautionsId = `${titleId}-cautions`
  const role = provider.adminRoles
  const serviceAccount = provider.serviceAccount && flow.state.credentialKind === 'service_account'
  const guide = serviceAccount
    ? {
        title: copy.instructions.serviceAccountTitle,
        roleRead: copy.instructions.serviceAccountRoleRead,
        roleReadWrite: copy.instructions.serviceAccountRoleReadWrite,
        cautions: providerText.serviceAccountCautions,
        steps: providerText.serviceAccountSteps,
        docsUrl: provider.serviceAccount?.docsUrl ?? provider.docsUrl,
        docsLink: copy.instructions.serviceAccountDocsLink,
        next: copy.instructions.haveServiceAccount,
      }
    : {
        title: copy.instructions.title,
        roleRead: copy.instructions.roleRead,
        roleReadWrite: copy.instructions.roleReadWrite,
        cautions: providerText.keyCautions,
        steps: providerText.keySteps,
        docsUrl: provider.docsUrl,
        docsLink: copy.instructions.docsLink,
        next: copy.instructions.haveKey,
      }
  return (
    <section aria-labelledby={titleId}>
      <StepHeading id={titleId} focus={focus}>
        {text(guide.title)}
      </StepHeading>
      {alert}
      {provider.serviceAccount && (
        <fieldset className="jl-orgs">
          <legend className="jl-legend">{text(copy.instructions.kindLegend)}</legend>
          {(['api_key', 'service_account'] as const).map((kind) => (
            <label key={kind} className="jl-org">
              <input
                type="radio"
                name={kindName}
                value={kind}
                checked={flow.state.credentialKind === kind}
                onChange={() => flow.setCredentialKind(kind)}
              />
              {text(
                kind === 'api_key'
                  ? copy.instructions.kindApiKey
                  : copy.instructions.kindServiceAccount,
              )}
            </label>
          ))}
        </fieldset>
      )}
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
            ? text(guide.roleReadWrite, { role: role.readWrite })
            : text(guide.roleRead, { role: role.read })}
        </p>
      )}
      <section aria-labelledby={cautionsId} className="jl-note">
        <h3 id={cautionsId}>{copy.instructions.cautionsTitle}</h3>
        <ul>
          {guide.cautions.map((caution) => (
            <li key={caution}>{caution}</li>
          ))}
        </ul>
      </section>
      <ol>
        {guide.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <p>
        <a href={guide.docsUrl} target="_blank" rel="noopener noreferrer">
          {text(guide.docsLink)}
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
          {guide.next}
        </button>
      </div>
    </section>
  )
}
