import { ERROR_CATALOG, ERROR_CODES } from '@jumplink/shared/errors'
import { PROVIDERS } from '@jumplink/shared/providers'
import { act, screen, waitFor, within } from '@testing-library/react'
import type { UserEvent } from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { en } from './copy/en'
import { fill, type WidgetErrorCode } from './copy/index'
import { CONNECTION_ID, ORG_A, sessionInfo, VALID_KEY } from './test-support/fake-link-api'
import { renderJumpLink } from './test-support/render-widget'

const provider = PROVIDERS.jumpcloud
const vars = { host: 'Acme HR', provider: 'JumpCloud', label: 'API key' }
const many = Array.from({ length: 8 }, (_, i) => ({ id: `org_${i}`, name: `Team ${i}` }))

async function toCredentials(user: UserEvent) {
  await user.click(await screen.findByRole('button', { name: 'Continue' }))
  await user.click(screen.getByRole('button', { name: 'I have my key' }))
}

async function enterKey(user: UserEvent, key = VALID_KEY) {
  await user.click(screen.getByLabelText('API key'))
  await user.paste(key)
  await user.click(screen.getByRole('button', { name: 'Connect' }))
}

describe('<JumpLink/> steps', () => {
  it('shows consent with what will be read and that access is read-only', async () => {
    renderJumpLink()
    const heading = await screen.findByRole('heading', { level: 2 })
    expect(heading).toHaveTextContent('Connect Acme HR to JumpCloud')
    for (const scope of provider.readScopes) expect(screen.getByText(scope)).toBeInTheDocument()
    expect(screen.getByText(/Read only: Acme HR cannot change anything/)).toBeInTheDocument()
    expect(screen.getByText('Connecting for it@example.test.')).toBeInTheDocument()
  })

  it('says when the host may also act', async () => {
    renderJumpLink({ session: sessionInfo({ permissions: 'read_write' }) })
    expect(await screen.findByText(/Read and act: Acme HR can also make changes/)).toBeVisible()
  })

  it('explains how to create a key, with the cautions and each region’s console', async () => {
    const { user } = renderJumpLink()
    await user.click(await screen.findByRole('button', { name: 'Continue' }))
    const heading = screen.getByRole('heading', { level: 2 })
    expect(heading).toHaveTextContent('Create an API key in JumpCloud')
    expect(heading).toHaveFocus()
    expect(screen.getByText(/API access is off by default/)).toBeInTheDocument()
    expect(screen.getByText(/invalidates the previous one/)).toBeInTheDocument()
    expect(screen.getByText(/My API Key/)).toBeInTheDocument()
    for (const region of provider.regions) {
      const link = screen.getByRole('link', { name: new RegExp(`^${region.label}`) })
      expect(link).toHaveAttribute('href', region.consoleUrl)
      expect(link).toHaveAttribute('rel', 'noopener noreferrer')
    }
  })

  it('connects straight away when the key sees one organization', async () => {
    const { user, fake, onSuccess, onEvent } = renderJumpLink()
    await toCredentials(user)
    // The field takes focus, not the heading: the first paste lands in it.
    expect(screen.getByLabelText('API key')).toHaveFocus()
    expect(screen.getByLabelText('API key')).toHaveAttribute('type', 'password')
    expect(screen.getByLabelText('API key')).toHaveAccessibleDescription(
      provider.credential.formatHint,
    )
    await user.selectOptions(screen.getByLabelText('Region'), 'eu')
    await enterKey(user, `  ${VALID_KEY}\n`)
    expect(await screen.findByRole('heading', { name: 'Connected' })).toHaveFocus()
    expect(screen.getByText('Acme HR is now connected to Acme Corp.')).toBeInTheDocument()
    expect(fake.callsTo('/v1/link/complete')[0]?.body).toEqual({
      api_key: VALID_KEY,
      region: 'eu',
      organization_id: ORG_A.id,
    })
    expect(onSuccess).toHaveBeenCalledTimes(1)
    expect(onSuccess).toHaveBeenCalledWith({
      publicToken: 'public_123',
      organization: ORG_A,
      connectionId: CONNECTION_ID,
    })
    const names = onEvent.mock.calls.map(([name]) => name)
    expect(names).toEqual([
      'open',
      'step_view',
      'step_view',
      'step_view',
      'credentials_submitted',
      'success',
      'step_view',
    ])
    expect(onEvent).toHaveBeenCalledWith('credentials_submitted', {
      region: 'eu',
      kind: 'api_key',
      matches_format: true,
    })
    expect(JSON.stringify(onEvent.mock.calls)).not.toContain(VALID_KEY)
  })

  it('lets the admin reveal the key they pasted', async () => {
    const { user } = renderJumpLink()
    await toCredentials(user)
    const toggle = screen.getByRole('button', { name: 'Show key' })
    await user.click(toggle)
    expect(toggle).toHaveAttribute('aria-pressed', 'true')
    expect(screen.getByLabelText('API key')).toHaveAttribute('type', 'text')
  })

  it('asks for a key before sending an empty one', async () => {
    const { user, fake } = renderJumpLink()
    await toCredentials(user)
    await user.click(screen.getByRole('button', { name: 'Connect' }))
    expect(screen.getByRole('alert')).toHaveTextContent('Paste your API key first.')
    expect(fake.callsTo('/v1/link/organizations')).toHaveLength(0)
  })

  it('warns before sending a key that does not look like a key, then sends it if asked', async () => {
    const { user, fake } = renderJumpLink()
    await toCredentials(user)
    await enterKey(user, 'not-a-key')
    expect(screen.getByRole('alert')).toHaveTextContent(
      "This doesn't look like a JumpCloud API key.",
    )
    expect(screen.getByLabelText('API key')).toHaveAttribute('aria-invalid', 'true')
    expect(fake.callsTo('/v1/link/organizations')).toHaveLength(0)
    await user.click(screen.getByRole('button', { name: 'Send anyway' }))
    await screen.findByRole('heading', { name: 'Connected' })
    expect(fake.callsTo('/v1/link/organizations')[0]?.body?.api_key).toBe('not-a-key')
  })

  it('offers a searchable picker when the key sees many organizations', async () => {
    const { user, fake, onSuccess } = renderJumpLink({ organizations: many })
    await toCredentials(user)
    await enterKey(user)
    expect(await screen.findByRole('heading', { name: 'Choose an organization' })).toHaveFocus()
    expect(screen.getAllByRole('radio')).toHaveLength(8)
    await user.type(screen.getByRole('searchbox', { name: 'Search organizations' }), 'team 3')
    expect(screen.getAllByRole('radio')).toHaveLength(1)
    expect(screen.getByRole('status')).toHaveTextContent('1 of 8 organizations shown')
    const connect = screen.getByRole('button', { name: 'Connect' })
    expect(connect).toHaveAttribute('aria-disabled', 'true')
    await user.click(screen.getByRole('radio', { name: 'Team 3' }))
    await user.click(connect)
    await screen.findByRole('heading', { name: 'Connected' })
    expect(fake.callsTo('/v1/link/complete')[0]?.body?.organization_id).toBe('org_3')
    expect(onSuccess).toHaveBeenCalledWith(
      expect.objectContaining({ organization: { id: 'org_3', name: 'Team 3' } }),
    )
  })

  it('does not offer search for a few organizations', async () => {
    const { user } = renderJumpLink({ organizations: many.slice(0, 3) })
    await toCredentials(user)
    await enterKey(user)
    await screen.findByRole('heading', { name: 'Choose an organization' })
    expect(screen.queryByRole('searchbox')).not.toBeInTheDocument()
    expect(screen.getAllByRole('radio')).toHaveLength(3)
  })
})

describe('<JumpLink/> with a service account', () => {
  const serviceAccount = provider.serviceAccount
  const secret = 'SandboxServiceAccountSecretMsp000000001'

  async function chooseServiceAccount(user: UserEvent) {
    await user.click(await screen.findByRole('button', { name: 'Continue' }))
    await user.click(screen.getByRole('radio', { name: /^With a service account/ }))
  }

  it('has its own guide: where to create it, the role for read and write, the secret’s lifetime', async () => {
    const { user } = renderJumpLink({ session: sessionInfo({ permissions: 'read_write' }) })
    await user.click(await screen.findByRole('button', { name: 'Continue' }))
    expect(screen.getByRole('radio', { name: 'With an admin’s API key' })).toBeChecked()
    await user.click(screen.getByRole('radio', { name: /^With a service account/ }))
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent(
      'Create a service account in JumpCloud',
    )
    for (const text of [...serviceAccount.steps, ...serviceAccount.cautions]) {
      expect(screen.getByText(text)).toBeInTheDocument()
    }
    expect(screen.queryByText(/My API Key/)).not.toBeInTheDocument()
    expect(
      screen.getByText(/Give the service account the Manager role \(or higher\)/),
    ).toBeVisible()
    expect(
      screen.getByRole('link', { name: /JumpCloud help on service accounts/ }),
    ).toHaveAttribute('href', serviceAccount.docsUrl)
  })

  it('asks for the client id and secret and sends them to the same organization step', async () => {
    const { user, fake, onSuccess, onEvent } = renderJumpLink({ organizations: many.slice(0, 3) })
    await chooseServiceAccount(user)
    await user.click(screen.getByRole('button', { name: 'I have the client id and secret' }))
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent(
      'Enter the service account’s client id and secret',
    )
    expect(screen.queryByLabelText('API key')).not.toBeInTheDocument()
    expect(screen.getByLabelText('Client id')).toHaveFocus()
    expect(screen.getByLabelText('Client secret')).toHaveAttribute('type', 'password')

    await user.click(screen.getByRole('button', { name: 'Connect' }))
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Paste the client id and the client secret first.',
    )
    await user.paste('sandbox-sa-msp-three-orgs ')
    expect(screen.getByLabelText('Client id')).toHaveFocus()
    await user.click(screen.getByRole('button', { name: 'Connect' }))
    expect(screen.getByLabelText('Client secret')).toHaveFocus()
    expect(fake.callsTo('/v1/link/organizations')).toHaveLength(0)
    await user.paste(secret)
    await user.click(screen.getByRole('button', { name: 'Connect' }))

    await screen.findByRole('heading', { name: 'Choose an organization' })
    await user.click(screen.getByRole('radio', { name: 'Team 1' }))
    await user.click(screen.getByRole('button', { name: 'Connect' }))
    await screen.findByRole('heading', { name: 'Connected' })
    const credential = { client_id: 'sandbox-sa-msp-three-orgs', client_secret: secret }
    expect(fake.callsTo('/v1/link/organizations')[0]?.body).toEqual({
      service_account: credential,
      region: 'us',
    })
    expect(fake.callsTo('/v1/link/complete')[0]?.body).toEqual({
      service_account: credential,
      region: 'us',
      organization_id: 'org_1',
    })
    expect(onSuccess).toHaveBeenCalledTimes(1)
    expect(onEvent).toHaveBeenCalledWith(
      'credentials_submitted',
      expect.objectContaining({ kind: 'service_account' }),
    )
    expect(JSON.stringify(onEvent.mock.calls)).not.toContain(secret)
  })

  it('says a rejected client secret in words of its own and goes back to the fields', async () => {
    const { user } = renderJumpLink({
      failures: { '/v1/link/organizations': ['invalid_client_credentials'] },
    })
    await chooseServiceAccount(user)
    await user.click(screen.getByRole('button', { name: 'I have the client id and secret' }))
    await user.type(screen.getByLabelText('Client id'), 'sandbox-sa-invalid-secret')
    await user.type(screen.getByLabelText('Client secret'), 'wrong')
    await user.click(screen.getByRole('button', { name: 'Connect' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'JumpCloud did not accept this service account',
    )
    expect(screen.getByLabelText('Client id')).toHaveValue('sandbox-sa-invalid-secret')
  })

  it('starts a relink of a service account connection on its guide, with its own words', async () => {
    const session = sessionInfo({
      mode: 'update',
      connection: {
        id: CONNECTION_ID,
        organization: { id: 'org_keep', name: 'Kept Org' },
        region: 'eu',
        credential_kind: 'service_account',
        permissions: 'read',
      },
    })
    const { user, fake } = renderJumpLink({ session })
    expect(await screen.findByRole('heading', { level: 2 })).toHaveTextContent(
      'Create a service account in JumpCloud',
    )
    await user.click(screen.getByRole('button', { name: 'I have the client id and secret' }))
    expect(screen.getByText(/The service account for Kept Org no longer works/)).toBeVisible()
    await user.type(screen.getByLabelText('Client id'), 'client')
    await user.type(screen.getByLabelText('Client secret'), 'rotated')
    await user.click(screen.getByRole('button', { name: 'Connect' }))
    await screen.findByRole('heading', { name: 'Connected' })
    expect(fake.callsTo('/v1/link/complete')[0]?.body).toEqual({
      service_account: { client_id: 'client', client_secret: 'rotated' },
      region: 'eu',
      organization_id: 'org_keep',
    })
  })
})

describe('<JumpLink/> update mode', () => {
  const session = sessionInfo({
    mode: 'update',
    connection: {
      id: CONNECTION_ID,
      organization: { id: 'org_keep', name: 'Kept Org' },
      region: 'eu',
      credential_kind: 'api_key',
      permissions: 'read',
    },
  })

  it('skips consent and the picker and keeps the connection', async () => {
    const { user, fake, onSuccess } = renderJumpLink({ session, organizations: many })
    expect(await screen.findByRole('heading', { level: 2 })).toHaveTextContent(
      'Create an API key in JumpCloud',
    )
    expect(screen.queryByRole('button', { name: 'Back' })).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'I have my key' }))
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Enter a new API key')
    expect(screen.getByText(/The key for Kept Org no longer works/)).toBeInTheDocument()
    expect(screen.getByLabelText('Region')).toHaveValue('eu')
    await enterKey(user)
    expect(await screen.findByText('The new key is saved. Acme HR stays connected to Kept Org.'))
    expect(fake.callsTo('/v1/link/organizations')).toHaveLength(0)
    expect(fake.callsTo('/v1/link/complete')[0]?.body).toEqual({
      api_key: VALID_KEY,
      region: 'eu',
      organization_id: 'org_keep',
    })
    expect(onSuccess).toHaveBeenCalledWith(expect.objectContaining({ connectionId: CONNECTION_ID }))
  })
})

describe('<JumpLink/> update mode that changes permissions', () => {
  const session = sessionInfo({
    mode: 'update',
    permissions: 'read_write',
    connection: {
      id: CONNECTION_ID,
      organization: { id: 'org_keep', name: 'Kept Org' },
      region: 'eu',
      credential_kind: 'api_key',
      permissions: 'read',
    },
  })

  it('asks for consent to the new permissions and says so when completing', async () => {
    const { user, fake } = renderJumpLink({ session, organizations: many })
    expect(await screen.findByRole('heading', { level: 2 })).toHaveTextContent(
      fill(en.consent.title, vars),
    )
    await toCredentials(user)
    await enterKey(user)
    await screen.findByText('The new key is saved. Acme HR stays connected to Kept Org.')
    expect(fake.callsTo('/v1/link/complete')[0]?.body).toEqual({
      api_key: VALID_KEY,
      region: 'eu',
      organization_id: 'org_keep',
      consented_permissions: 'read_write',
    })
  })
})

describe('<JumpLink/> token refresh', () => {
  it('asks fetchLinkToken for a first token and again when the session expired', async () => {
    let issued = 0
    const fetchLinkToken = vi.fn(async () => `lt_${++issued}`)
    const tokens = ['lt_1']
    const { user, fake, onSuccess } = renderJumpLink(
      { tokens },
      { linkToken: undefined, fetchLinkToken },
    )
    await toCredentials(user)
    expect(fetchLinkToken).toHaveBeenCalledTimes(1)
    tokens.splice(0, 1, 'lt_2') // the first session expires while the admin makes a key
    await enterKey(user)
    await screen.findByRole('heading', { name: 'Connected' })
    expect(fetchLinkToken).toHaveBeenCalledTimes(2)
    expect(fake.calls.map((c) => `${c.path} ${c.token}`)).toEqual([
      '/v1/link/session lt_1',
      '/v1/link/organizations lt_1',
      '/v1/link/organizations lt_2',
      '/v1/link/complete lt_2',
    ])
    expect(onSuccess).toHaveBeenCalledTimes(1)
  })

  it('shows the expiry and exits with session_expired when no new token can be had', async () => {
    const { user, onExit } = renderJumpLink({ tokens: ['other'] })
    expect(await screen.findByRole('heading', { level: 2 })).toHaveTextContent(
      'This connection link has expired',
    )
    await user.click(screen.getByRole('button', { name: 'Start again' }))
    await waitFor(() =>
      expect(onExit).toHaveBeenCalledWith({
        reason: 'session_expired',
        step: 'consent',
        error: {
          code: 'link_session_expired',
          message: ERROR_CATALOG.link_session_expired.message,
        },
      }),
    )
    expect(screen.queryByRole('button', { name: 'Start again' })).not.toBeInTheDocument()
  })
})

describe('<JumpLink/> errors', () => {
  const widgetCodes = ERROR_CODES.filter((code): code is WidgetErrorCode =>
    Object.hasOwn(en.errors, code),
  )

  it.each(widgetCodes)('shows plain words and a next step for %s', async (code) => {
    const { user, onEvent } = renderJumpLink({
      failures: { '/v1/link/organizations': [code] },
      retryAfter: code.endsWith('rate_limited') ? 30 : undefined,
    })
    await toCredentials(user)
    await enterKey(user)
    const alert = await screen.findByRole('alert')
    const entry = en.errors[code]
    expect(alert).toHaveTextContent(fill(entry.title, vars))
    expect(alert).toHaveTextContent(fill(entry.body, vars))
    expect(alert).toHaveTextContent(fill(entry.next, vars))
    expect(alert).not.toHaveTextContent(/\{\w+\}/)
    if (code.endsWith('rate_limited')) expect(alert).toHaveTextContent('try again in 30 seconds')
    expect(within(alert).getByRole('button', { name: en.errorActions[entry.action] })).toBeVisible()
    expect(onEvent).toHaveBeenCalledWith('error', { code, step: 'credentials' })
  })

  it('retries a failed request with the same key', async () => {
    const { user, fake } = renderJumpLink({
      failures: { '/v1/link/organizations': ['provider_timeout'] },
    })
    await toCredentials(user)
    await enterKey(user)
    await user.click(await screen.findByRole('button', { name: 'Try again' }))
    await screen.findByRole('heading', { name: 'Connected' })
    expect(fake.callsTo('/v1/link/organizations')).toHaveLength(2)
  })

  it('sends the admin back to the key for a rejected key', async () => {
    const { user } = renderJumpLink({ failures: { '/v1/link/organizations': ['invalid_api_key'] } })
    await toCredentials(user)
    await enterKey(user)
    await user.click(await screen.findByRole('button', { name: 'Check the key' }))
    expect(screen.getByLabelText('API key')).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('sends the admin to the instructions when the key lacks rights', async () => {
    const { user } = renderJumpLink({
      failures: { '/v1/link/organizations': ['insufficient_permissions'] },
    })
    await toCredentials(user)
    await enterKey(user)
    await user.click(await screen.findByRole('button', { name: 'How to create a key' }))
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Create an API key')
  })

  it('exits with the error when the next step is to close', async () => {
    const { user, onExit } = renderJumpLink({
      failures: { '/v1/link/complete': ['link_session_completed'] },
    })
    await toCredentials(user)
    await enterKey(user)
    await user.click(await screen.findByRole('button', { name: 'Close' }))
    expect(onExit).toHaveBeenCalledTimes(1)
    expect(onExit).toHaveBeenCalledWith({
      reason: 'error',
      step: 'credentials',
      error: { code: 'link_session_completed', message: expect.any(String) },
    })
  })

  it('treats a key that sees no organization as one that cannot reach it', async () => {
    const { user } = renderJumpLink({ organizations: [] })
    await toCredentials(user)
    await enterKey(user)
    expect(await screen.findByRole('alert')).toHaveTextContent(
      en.errors.organization_not_accessible.title,
    )
  })
})

describe('<JumpLink/> in StrictMode and beside other instances', () => {
  it('loads the session once and fires each callback once', async () => {
    const { user, fake, onEvent, onSuccess } = renderJumpLink({}, {}, { strict: true })
    await toCredentials(user)
    await enterKey(user)
    await screen.findByRole('heading', { name: 'Connected' })
    expect(fake.callsTo('/v1/link/session')).toHaveLength(1)
    expect(fake.callsTo('/v1/link/organizations')).toHaveLength(1)
    expect(fake.callsTo('/v1/link/complete')).toHaveLength(1)
    expect(onSuccess).toHaveBeenCalledTimes(1)
    const names = onEvent.mock.calls.map(([name]) => name)
    expect(names.filter((n) => n === 'open')).toHaveLength(1)
    expect(names.filter((n) => n === 'step_view')).toHaveLength(4)
  })

  it('keeps two instances on one page apart', async () => {
    const first = renderJumpLink()
    const second = renderJumpLink({ session: sessionInfo({ host_app: { name: 'Other' } }) })
    await waitFor(() => expect(screen.getAllByRole('heading', { level: 2 })).toHaveLength(2))
    const headings = screen.getAllByRole('heading', { level: 2 })
    expect(headings.map((h) => h.textContent)).toEqual([
      'Connect Acme HR to JumpCloud',
      'Connect Other to JumpCloud',
    ])
    expect(headings[0]?.id).not.toBe(headings[1]?.id)
    await first.user.click(within(first.container).getByRole('button', { name: 'Continue' }))
    expect(within(second.container).getByRole('heading', { level: 2 })).toHaveTextContent(
      'Connect Other',
    )
  })
})

describe('<JumpLink/> appearance', () => {
  it('themes through CSS variables with the host brand color, under the given nonce', async () => {
    const { container } = renderJumpLink(
      {},
      { theme: 'dark', brandColor: '#00aa77', nonce: 'n0nce' },
    )
    await screen.findByRole('heading', { level: 2 })
    const root = container.querySelector('.jl-root')
    expect(root).toHaveAttribute('data-theme', 'dark')
    const style = container.querySelector('style')
    expect(style).toHaveAttribute('nonce', 'n0nce')
    expect(style?.textContent).toContain('--jl-brand:#00aa77')
    expect(container.querySelector('[style]')).toBeNull()
    expect(container.querySelector('script')).toBeNull()
  })
})

describe('<JumpLink/> details an admin meets', () => {
  it('moves focus to the error after a rejected key, and keeps the button focusable meanwhile', async () => {
    const { user } = renderJumpLink({ failures: { '/v1/link/organizations': ['invalid_api_key'] } })
    await toCredentials(user)
    await user.paste(VALID_KEY)
    await user.tab() // Show key
    await user.tab() // How do I create a key?
    await user.tab() // Back
    await user.tab() // Connect
    expect(screen.getByRole('button', { name: 'Connect' })).toHaveFocus()
    await user.keyboard('{Enter}')
    const alert = await screen.findByRole('alert')
    await waitFor(() => expect(alert).toHaveFocus())
    await user.tab()
    expect(within(alert).getByRole('button', { name: 'Check the key' })).toHaveFocus()
  })

  it('counts a rate limit down in words that agree with the number, with one primary action', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    try {
      const { user } = renderJumpLink({
        failures: { '/v1/link/organizations': ['provider_rate_limited'] },
        retryAfter: 2,
      })
      await toCredentials(user)
      await enterKey(user)
      const alert = await screen.findByRole('alert')
      expect(alert).toHaveAttribute('data-kind', 'wait')
      expect(alert).toHaveTextContent('You can try again in 2 seconds.')
      await act(() => vi.advanceTimersByTimeAsync(1000))
      expect(alert).toHaveTextContent('You can try again in 1 second.')
      const retry = within(alert).getByRole('button', { name: 'Try again' })
      expect(retry).toHaveAttribute('aria-disabled', 'true')
      expect(retry).toHaveAttribute('data-variant', 'secondary')
      await act(() => vi.advanceTimersByTimeAsync(1000))
      expect(alert).toHaveTextContent('You can try again now.')
      expect(retry).toHaveAttribute('aria-disabled', 'false')
      // The form's Connect is the one primary button on the screen.
      const primaries = screen
        .getAllByRole('button')
        .filter((button) => button.classList.contains('jl-button') && !button.dataset.variant)
      expect(primaries.map((button) => button.textContent)).toEqual(['Connect'])
    } finally {
      vi.useRealTimers()
    }
  })

  it('asks before replacing the key of an organization already connected, then relinks it', async () => {
    const { user, fake, onSuccess, onEvent } = renderJumpLink({
      failures: { '/v1/link/complete': ['connection_exists'] },
    })
    await toCredentials(user)
    await enterKey(user)
    const heading = await screen.findByRole('heading', { name: 'Acme Corp is already connected' })
    expect(heading).toHaveFocus()
    expect(screen.getByText(/Replace its key with this one\?/)).toBeInTheDocument()
    expect(onSuccess).not.toHaveBeenCalled()
    await user.click(screen.getByRole('button', { name: 'Replace the key' }))
    await screen.findByRole('heading', { name: 'Connected' })
    const [first, second] = fake.callsTo('/v1/link/complete')
    expect(first?.body).not.toHaveProperty('replace_existing')
    expect(second?.body).toMatchObject({ organization_id: ORG_A.id, replace_existing: true })
    expect(onSuccess).toHaveBeenCalledTimes(1)
    expect(onEvent).toHaveBeenCalledWith('duplicate_found', { step: 'credentials' })
  })

  it('goes back to the key when the admin keeps the existing connection', async () => {
    const { user, fake, onSuccess } = renderJumpLink({
      failures: { '/v1/link/complete': ['connection_exists'] },
    })
    await toCredentials(user)
    await enterKey(user)
    await screen.findByRole('heading', { name: 'Acme Corp is already connected' })
    await user.click(screen.getByRole('button', { name: 'Back' }))
    expect(screen.getByLabelText('API key')).toHaveFocus()
    expect(fake.callsTo('/v1/link/complete')).toHaveLength(1)
    expect(onSuccess).not.toHaveBeenCalled()
  })

  it('shows the step and how many there are, with the provider named', async () => {
    const { user } = renderJumpLink()
    expect(await screen.findByText('Step 1 of 4')).toBeInTheDocument()
    expect(screen.getByText('JumpCloud')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Continue' }))
    expect(screen.getByText('Step 2 of 4')).toBeInTheDocument()
  })

  it('names the admin role for the access asked, after the region links', async () => {
    const { user } = renderJumpLink({ session: sessionInfo({ permissions: 'read_write' }) })
    await user.click(await screen.findByRole('button', { name: 'Continue' }))
    const role = screen.getByText(/with the Manager role/)
    const firstRegion = screen.getByRole('link', { name: /^United States/ })
    // Region (where to sign in) comes before the role and the steps.
    expect(
      firstRegion.compareDocumentPosition(role) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy()
    const steps = screen.getByText(/Sign in to the JumpCloud Admin Portal/)
    expect(
      firstRegion.compareDocumentPosition(steps) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy()
  })

  it('speaks German when asked, including the provider’s own steps and a formatted date', async () => {
    const { user } = renderJumpLink({}, { locale: 'de-AT' })
    const heading = await screen.findByRole('heading', { name: 'Acme HR mit JumpCloud verbinden' })
    expect(heading.closest('.jl-root')).toHaveAttribute('lang', 'de')
    expect(screen.getByText('Schritt 1 von 4')).toBeInTheDocument()
    expect(screen.getByText(/Geräte und ihr Sicherheitszustand/)).toBeInTheDocument()
    expect(screen.getByText(/Dieser Link gilt bis 01\.01\.2030/)).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Weiter' }))
    await user.click(screen.getByRole('button', { name: 'Ich habe meinen Schlüssel' }))
    expect(screen.getByLabelText('API-Schlüssel')).toHaveFocus()
  })

  it('falls back to the browser’s language, then to English', async () => {
    const languages = vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['it-IT', 'es-MX'])
    try {
      renderJumpLink({}, { locale: 'it' })
      expect(
        await screen.findByRole('heading', { name: 'Conectar Acme HR con JumpCloud' }),
      ).toBeVisible()
    } finally {
      languages.mockRestore()
    }
  })
})
