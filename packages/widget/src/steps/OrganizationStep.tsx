import { type FormEvent, useState } from 'react'
import type { StepProps } from './step-props'
import { useFocusOnShow } from './use-focus-on-show'

/** From this many organizations on, the picker gets a search field. */
export const SEARCHABLE_FROM = 6

/**
 * Picks one of the organizations the key can reach; shown only when there are several, so it
 * loads on demand (see LinkFlow).
 */
export function OrganizationStep({ flow, copy, text, titleId, focus, alert }: StepProps) {
  const { organizations, busy } = flow.state
  const [query, setQuery] = useState('')
  const [selected, setSelected] = useState<string | null>(null)
  const heading = useFocusOnShow<HTMLHeadingElement>(focus)
  const searchable = organizations.length >= SEARCHABLE_FROM
  const needle = query.trim().toLowerCase()
  const shown = needle
    ? organizations.filter(
        (org) =>
          (org.name ?? '').toLowerCase().includes(needle) || org.id.toLowerCase().includes(needle),
      )
    : organizations
  const ids = { search: `${titleId}-search`, legend: `${titleId}-legend`, name: `${titleId}-org` }

  function submit(event: FormEvent) {
    event.preventDefault()
    if (selected && !busy) flow.chooseOrganization(selected)
  }

  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId} ref={heading} tabIndex={-1}>
        {copy.organization.title}
      </h2>
      {alert}
      <form onSubmit={submit} aria-busy={busy}>
        {searchable && (
          <div className="jl-field">
            <label htmlFor={ids.search}>{copy.organization.search}</label>
            <input
              id={ids.search}
              className="jl-input"
              type="search"
              value={query}
              autoComplete="off"
              onChange={(event) => setQuery(event.target.value)}
            />
            <p role="status" className="jl-hint">
              {shown.length === 0
                ? text(copy.organization.noMatch, { query: query.trim() })
                : text(copy.organization.matches, {
                    count: shown.length,
                    total: organizations.length,
                  })}
            </p>
          </div>
        )}
        <fieldset className="jl-orgs">
          <legend className="jl-legend">{text(copy.organization.intro)}</legend>
          {shown.length > 0 && (
            <ul className="jl-org-list">
              {shown.map((org) => (
                <li key={org.id}>
                  <label className="jl-org">
                    <input
                      type="radio"
                      name={ids.name}
                      value={org.id}
                      checked={selected === org.id}
                      onChange={() => setSelected(org.id)}
                    />
                    <span>{org.name ?? text(copy.organization.unnamed, { id: org.id })}</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
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
            onClick={() => flow.goTo('credentials')}
          >
            {copy.common.back}
          </button>
          {/* aria-disabled keeps focus on the button while the check runs (see CredentialsStep). */}
          <button type="submit" className="jl-button" aria-disabled={busy || selected === null}>
            {copy.organization.submit}
          </button>
        </div>
      </form>
    </section>
  )
}
