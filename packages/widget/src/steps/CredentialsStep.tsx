import type { Region } from '@jumplink/shared'
import { matchesKeyFormat } from '@jumplink/shared/providers'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { StepHeading } from './StepHeading'
import type { StepProps } from './step-props'

/**
 * Region and key. The key is masked, accepts paste, is trimmed, and a key that does not look
 * like the provider's format gets a warning first: a second submit sends it anyway. A service
 * account gives a client id and a masked client secret instead.
 */
export function CredentialsStep({
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
  const [key, setKey] = useState('')
  const [clientId, setClientId] = useState('')
  const [clientSecret, setClientSecret] = useState('')
  const [visible, setVisible] = useState(false)
  const [warnedFor, setWarnedFor] = useState<string | null>(null)
  const [empty, setEmpty] = useState(false)
  const inputRef = useRef<HTMLInputElement>(null)
  const secretRef = useRef<HTMLInputElement>(null)
  const { region, busy } = flow.state
  const serviceAccount = flow.state.credentialKind === 'service_account'
  const ids = {
    region: `${titleId}-region`,
    regionHint: `${titleId}-region-hint`,
    key: `${titleId}-key`,
    keyHint: `${titleId}-key-hint`,
    keyProblem: `${titleId}-key-problem`,
    clientId: `${titleId}-client-id`,
    clientSecret: `${titleId}-client-secret`,
  }
  const trimmed = key.trim()
  const warned = warnedFor !== null && warnedFor === trimmed
  const update = session.mode === 'update' && session.connection

  // The key is what this step is for: focus it, not the heading (the dialog's label says where
  // the admin is), so the first keystroke or paste lands in the field.
  useEffect(() => {
    if (focus) inputRef.current?.focus()
  }, [focus])

  function submit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    if (serviceAccount) {
      const id = clientId.trim()
      const secret = clientSecret.trim()
      if (!id || !secret) {
        setEmpty(true)
        ;(id ? secretRef : inputRef).current?.focus()
        return
      }
      flow.submitCredential(
        { service_account: { client_id: id, client_secret: secret } },
        region,
        true,
      )
      return
    }
    if (!trimmed) {
      setEmpty(true)
      inputRef.current?.focus()
      return
    }
    const matches = matchesKeyFormat(provider, trimmed)
    if (!matches && !warned) {
      setWarnedFor(trimmed)
      return
    }
    flow.submitCredential({ api_key: trimmed }, region, matches)
  }

  return (
    <section aria-labelledby={titleId}>
      <StepHeading id={titleId} focus={false}>
        {text(
          serviceAccount
            ? copy.credentials.serviceAccountTitle
            : update
              ? copy.credentials.updateTitle
              : copy.credentials.title,
        )}
      </StepHeading>
      {update && (
        <p>
          {text(
            update.credential_kind === 'service_account'
              ? copy.credentials.serviceAccountUpdateIntro
              : copy.credentials.updateIntro,
            {
              organization: update.organization.name ?? update.organization.id,
            },
          )}
        </p>
      )}
      {alert}
      <form onSubmit={submit} noValidate aria-busy={busy}>
        <div className="jl-field">
          <label htmlFor={ids.region}>{copy.credentials.region}</label>
          <select
            id={ids.region}
            className="jl-select"
            value={region}
            aria-describedby={ids.regionHint}
            onChange={(event) => flow.setRegion(event.target.value as Region)}
          >
            {provider.regions.map((option) => (
              <option key={option.id} value={option.id}>
                {providerText.regions[option.id] ?? option.label}
              </option>
            ))}
          </select>
          <span id={ids.regionHint} className="jl-hint">
            {text(copy.credentials.regionHint)}
          </span>
        </div>
        {serviceAccount ? (
          <>
            <div className="jl-field">
              <label htmlFor={ids.clientId}>{copy.credentials.clientId}</label>
              <input
                ref={inputRef}
                id={ids.clientId}
                className="jl-input"
                type="text"
                value={clientId}
                autoComplete="off"
                autoCapitalize="off"
                autoCorrect="off"
                spellCheck={false}
                aria-required="true"
                aria-invalid={empty && !clientId.trim()}
                aria-describedby={empty ? ids.keyProblem : undefined}
                data-1p-ignore=""
                data-lpignore="true"
                onChange={(event) => {
                  setClientId(event.target.value)
                  setEmpty(false)
                }}
              />
            </div>
            <div className="jl-field">
              <label htmlFor={ids.clientSecret}>{copy.credentials.clientSecret}</label>
              <div className="jl-key">
                <input
                  ref={secretRef}
                  id={ids.clientSecret}
                  className="jl-input"
                  type={visible ? 'text' : 'password'}
                  value={clientSecret}
                  autoComplete="off"
                  autoCapitalize="off"
                  autoCorrect="off"
                  spellCheck={false}
                  aria-required="true"
                  aria-invalid={empty && !clientSecret.trim()}
                  aria-describedby={empty ? ids.keyProblem : undefined}
                  data-1p-ignore=""
                  data-lpignore="true"
                  onChange={(event) => {
                    setClientSecret(event.target.value)
                    setEmpty(false)
                  }}
                />
                <button
                  type="button"
                  className="jl-button"
                  data-variant="secondary"
                  aria-pressed={visible}
                  aria-controls={ids.clientSecret}
                  onClick={() => setVisible((v) => !v)}
                >
                  {copy.credentials.showSecret}
                </button>
              </div>
            </div>
          </>
        ) : (
          <div className="jl-field">
            <label htmlFor={ids.key}>{text(copy.credentials.key)}</label>
            <div className="jl-key">
              <input
                ref={inputRef}
                id={ids.key}
                className="jl-input"
                type={visible ? 'text' : 'password'}
                value={key}
                placeholder={provider.credential.placeholder}
                autoComplete="off"
                autoCapitalize="off"
                autoCorrect="off"
                spellCheck={false}
                aria-required="true"
                aria-invalid={empty || warned}
                aria-describedby={`${ids.keyHint}${empty || warned ? ` ${ids.keyProblem}` : ''}`}
                data-1p-ignore=""
                data-lpignore="true"
                onChange={(event) => {
                  setKey(event.target.value)
                  setEmpty(false)
                }}
              />
              <button
                type="button"
                className="jl-button"
                data-variant="secondary"
                aria-pressed={visible}
                aria-controls={ids.key}
                onClick={() => setVisible((v) => !v)}
              >
                {copy.credentials.show}
              </button>
            </div>
            <span id={ids.keyHint} className="jl-hint">
              {providerText.formatHint}
            </span>
          </div>
        )}
        {empty && (
          <p id={ids.keyProblem} role="alert" className="jl-alert" data-kind="warning">
            {text(serviceAccount ? copy.credentials.serviceAccountEmpty : copy.credentials.empty)}
          </p>
        )}
        {warned && (
          <p id={ids.keyProblem} role="alert" className="jl-alert" data-kind="warning">
            {text(copy.credentials.formatWarning, { hint: providerText.formatHint })}
          </p>
        )}
        {busy && (
          <p role="status" className="jl-muted">
            {text(copy.common.working)}
          </p>
        )}
        <p>
          <button
            type="button"
            className="jl-link-button"
            onClick={() => flow.goTo('instructions')}
          >
            {serviceAccount ? copy.credentials.serviceAccountHelp : copy.credentials.help}
          </button>
        </p>
        <div className="jl-actions">
          <button
            type="button"
            className="jl-button"
            data-variant="secondary"
            onClick={() => flow.goTo('instructions')}
          >
            {copy.common.back}
          </button>
          {/* aria-disabled, not disabled: a disabled button drops focus to <body>, out of the dialog. */}
          <button type="submit" className="jl-button" aria-disabled={busy}>
            {warned ? copy.credentials.sendAnyway : copy.credentials.submit}
          </button>
        </div>
      </form>
    </section>
  )
}
