import type { EmbedCopy, WidgetCopy } from './widget-copy'

export const en = {
  lang: 'en',
  common: {
    close: 'Close',
    closeDialog: 'Close and cancel connecting',
    back: 'Back',
    loading: 'Loading…',
    working: 'Checking with {provider}…',
    opensInNewTab: '(opens in a new tab)',
    progress: 'Step {current} of {total}',
  },
  consent: {
    title: 'Connect {host} to {provider}',
    intro:
      '{host} uses JumpLink to connect to your {provider} organization with an API key or a service account.',
    readsTitle: '{host} will be able to read:',
    permissionRead: 'Read only: {host} cannot change anything in {provider}.',
    permissionReadWrite:
      'Read and act: {host} can also make changes in {provider} on your behalf, such as updating users or groups.',
    forUser: 'Connecting for {user}.',
    privacy:
      'Your key is encrypted when stored and never shown to {host}. You can disconnect at any time by revoking the connection or the key.',
    accept: 'Continue',
    expires: 'This link works until {time}.',
  },
  instructions: {
    title: 'Create an API key in {provider}',
    intro: 'You need a {provider} administrator account. It takes about a minute.',
    cautionsTitle: 'Before you start',
    consoleLinks: 'Open the {provider} Admin Portal for your region:',
    consoleLink: '{region}',
    docsLink: '{provider} help on API keys',
    haveKey: 'I have my key',
    roleRead:
      'Create the key as an admin with the {role} role: it can read everything {host} needs and cannot change anything.',
    roleReadWrite:
      'Create the key as an admin with the {role} role (or higher), so {host} can read and also make the changes it asks for.',
    kindLegend: 'How should {host} connect?',
    kindApiKey: 'With an admin’s {label}',
    kindServiceAccount: 'With a service account (client id and secret)',
    serviceAccountTitle: 'Create a service account in {provider}',
    serviceAccountRoleRead:
      'Give the service account the {role} role: it can read everything {host} needs and cannot change anything.',
    serviceAccountRoleReadWrite:
      'Give the service account the {role} role (or higher), so {host} can read and also make the changes it asks for.',
    serviceAccountDocsLink: '{provider} help on service accounts',
    haveServiceAccount: 'I have the client id and secret',
  },
  credentials: {
    title: 'Enter your {label}',
    updateTitle: 'Enter a new {label}',
    updateIntro:
      'The key for {organization} no longer works. Create a new one and paste it here: the connection stays the same.',
    region: 'Region',
    regionHint: 'Where your {provider} organization is hosted. A key only works in its own region.',
    key: '{label}',
    show: 'Show key',
    empty: 'Paste your {label} first.',
    formatWarning:
      "This doesn't look like a {provider} {label}. {hint} Check that you copied all of it, or send it anyway.",
    sendAnyway: 'Send anyway',
    submit: 'Connect',
    help: 'How do I create a key?',
    serviceAccountTitle: 'Enter the service account’s client id and secret',
    serviceAccountUpdateIntro:
      'The service account for {organization} no longer works. Create a new client secret and paste it here with the client id: the connection stays the same.',
    clientId: 'Client id',
    clientSecret: 'Client secret',
    showSecret: 'Show secret',
    serviceAccountEmpty: 'Paste the client id and the client secret first.',
    serviceAccountHelp: 'How do I create a service account?',
  },
  organization: {
    title: 'Choose an organization',
    intro: 'This key can reach several organizations. Choose the one to connect to {host}.',
    search: 'Search organizations',
    matches: '{count} of {total} organizations shown',
    noMatch: 'No organization matches “{query}”.',
    unnamed: 'Unnamed organization ({id})',
    submit: 'Connect',
  },
  duplicate: {
    title: '{organization} is already connected',
    body: '{host} already has a connection to {organization} for you. Replace its key with this one? The connection stays the same; only the key changes.',
    replace: 'Replace the key',
    cancel: 'Back',
  },
  done: {
    title: 'Connected',
    body: '{host} is now connected to {organization}.',
    updateBody: 'The new key is saved. {host} stays connected to {organization}.',
    finish: 'Done',
  },
  hosted: {
    openedDirectly:
      'This page only works inside the connection window of the app you came from. Go back to that app and start again there.',
  },
  errors: {
    invalid_request: {
      title: 'Something in the form is not right',
      body: 'The key or the region could not be read.',
      next: 'Check the key and the region, then try again.',
      action: 'edit_key',
    },
    payload_too_large: {
      title: 'That key is too long',
      body: 'What was pasted is much longer than a {provider} {label}.',
      next: 'Copy only the key itself and paste it again.',
      action: 'edit_key',
    },
    unsupported_media_type: {
      title: 'Something went wrong',
      body: 'The widget sent a request the server could not read.',
      next: 'Close this window and start again. If it happens again, contact {host} support.',
      action: 'close',
    },
    route_not_found: {
      title: 'The connection service could not be found',
      body: '{host} may be set up with the wrong server address.',
      next: 'Close this window and let {host} support know.',
      action: 'close',
    },
    method_not_allowed: {
      title: 'Something went wrong',
      body: 'The widget and the connection service do not agree on how to talk.',
      next: 'Close this window and let {host} support know.',
      action: 'close',
    },
    missing_credentials: {
      title: 'This connection link is not valid',
      body: 'The widget was opened without a connection link.',
      next: 'Start again to get a new link.',
      action: 'restart',
    },
    invalid_token: {
      title: 'This connection link is not valid',
      body: 'The link may be incomplete or meant for something else.',
      next: 'Start again to get a new link.',
      action: 'restart',
    },
    token_expired: {
      title: 'This connection link has expired',
      body: 'Links only last a short while, to keep your account safe.',
      next: 'Start again to get a new link. Nothing was saved.',
      action: 'restart',
    },
    link_session_expired: {
      title: 'This connection link has expired',
      body: 'Links only last a short while, to keep your account safe.',
      next: 'Start again to get a new link. Nothing was saved.',
      action: 'restart',
    },
    link_session_completed: {
      title: 'Already connected',
      body: 'This link was already used to connect an organization.',
      next: 'Close this window. To connect another organization, start again from {host}.',
      action: 'close',
    },
    origin_not_allowed: {
      title: 'This page may not connect accounts',
      body: '{host} has not allowed this website to open the connection window.',
      next: 'Close this window and let {host} support know.',
      action: 'close',
    },
    connection_not_found: {
      title: 'The connection no longer exists',
      body: 'The connection you are updating was removed.',
      next: 'Close this window and connect again from {host}.',
      action: 'close',
    },
    connection_revoked: {
      title: 'The connection was disconnected',
      body: 'The connection you are updating was revoked and cannot be repaired.',
      next: 'Close this window and connect again from {host}.',
      action: 'close',
    },
    invalid_api_key: {
      title: '{provider} did not accept this key',
      body: 'The key may be mistyped, from another region, expired, or replaced by a newer key.',
      next: 'Check the region and paste the key again, or create a new key.',
      action: 'edit_key',
    },
    invalid_client_credentials: {
      title: '{provider} did not accept this service account',
      body: 'The client id or secret may be mistyped or from another region, or the secret may have expired or been deleted.',
      next: 'Check the region and paste the client id and secret again, or create a new secret.',
      action: 'edit_key',
    },
    insufficient_permissions: {
      title: 'This key cannot read what {host} needs',
      body: 'The key works, but the admin it belongs to does not have enough rights, or API access is not enabled for them.',
      next: 'Use a key from an administrator with full read access, with API access enabled.',
      action: 'show_instructions',
    },
    organization_not_accessible: {
      title: 'This key cannot reach that organization',
      body: 'The admin this key belongs to has no access to the organization.',
      next: 'Use a key from an administrator of that organization.',
      action: 'edit_key',
    },
    provider_rate_limited: {
      title: '{provider} is busy',
      body: '{provider} asked us to slow down.',
      next: 'Wait a moment, then try again. Your key is kept.',
      action: 'retry',
    },
    provider_unavailable: {
      title: '{provider} is not answering properly',
      body: '{provider} may be having problems right now.',
      next: 'Try again in a minute. Your key is kept.',
      action: 'retry',
    },
    credential_unreadable: {
      title: 'The saved key needs replacing',
      body: 'The key saved for {provider} can no longer be used.',
      next: 'Start again and enter a new key.',
      action: 'restart',
    },
    provider_timeout: {
      title: '{provider} took too long to answer',
      body: '{provider} may be slow right now.',
      next: 'Try again. Your key is kept.',
      action: 'retry',
    },
    rate_limited: {
      title: 'Too many attempts',
      body: 'To keep your account safe, we paused new attempts for a moment.',
      next: 'Wait a moment, then try again.',
      action: 'retry',
    },
    service_unavailable: {
      title: 'We could not reach the connection service',
      body: 'Your network may be down, or the service is busy.',
      next: 'Check your connection, then try again.',
      action: 'retry',
    },
    internal_error: {
      title: 'Something went wrong on our side',
      body: 'It is not your fault, and nothing was saved.',
      next: 'Try again. If it keeps happening, contact {host} support.',
      action: 'retry',
    },
    connection_exists: {
      title: 'This organization is already connected',
      body: '{host} already has a connection to this organization.',
      next: 'Replace its key, or go back and choose another organization.',
      action: 'edit_key',
    },
  },
  errorActions: {
    retry: 'Try again',
    edit_key: 'Check the key',
    show_instructions: 'How to create a key',
    restart: 'Start again',
    close: 'Close',
  },
  retryAfter: {
    one: 'You can try again in {seconds} second.',
    other: 'You can try again in {seconds} seconds.',
  },
  retryNow: 'You can try again now.',
  reference: 'Reference: {id}',
} satisfies WidgetCopy

export const enEmbed = {
  frameTitle: 'Connect your directory',
} satisfies EmbedCopy
