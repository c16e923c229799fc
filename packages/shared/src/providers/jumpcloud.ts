import type { ProviderMetadata } from './provider'

/** JumpCloud as the widget presents it. API hosts and paths live in the link server, not here. */
export const jumpcloud = {
  id: 'jumpcloud',
  name: 'JumpCloud',
  credential: {
    label: 'API key',
    // New keys: `jca_` and 36 letters and digits. Keys made before the prefix: 40 letters and digits.
    pattern: '^(jca_[A-Za-z0-9]{36}|[A-Za-z0-9]{40})$',
    formatHint:
      'Starts with jca_ followed by 36 letters and digits (older keys: 40 letters and digits).',
    placeholder: 'jca_…',
  },
  regions: [
    { id: 'us', label: 'United States', consoleUrl: 'https://console.jumpcloud.com' },
    { id: 'eu', label: 'Europe', consoleUrl: 'https://console.eu.jumpcloud.com' },
    { id: 'in', label: 'India', consoleUrl: 'https://console.in.jumpcloud.com' },
  ],
  defaultRegion: 'us',
  keySteps: [
    'Sign in to the JumpCloud Admin Portal with the admin account this connection should use. A dedicated admin account is best: the key acts with that admin’s rights.',
    'Open your account menu (your initials or avatar) and choose My API Key.',
    'Choose Generate New API Key and copy the key. JumpCloud shows it only once.',
  ],
  keyCautions: [
    'API access is off by default. An Administrator with Billing must enable it for the admin account first.',
    'Generating a new key invalidates the previous one: anything still using the old key stops working.',
    'New keys expire after 90 days by default. When it expires, you will be asked for a new one.',
  ],
  readScopes: [
    'Users, their groups, managers and MFA status',
    'Devices and their security posture (encryption, firewall, OS version)',
    'SSO applications and who can use them',
    'Login and audit events',
  ],
  docsUrl: 'https://jumpcloud.com/support/jumpcloud-apis',
  // Role names from JumpCloud's admin-portal-roles page; a key acts with its admin's role.
  adminRoles: { read: 'Read Only', readWrite: 'Manager' },
  // Service accounts (Settings → Service Accounts): OAuth client credentials with their own role.
  serviceAccount: {
    steps: [
      'Sign in to the JumpCloud Admin Portal as an Administrator with Billing.',
      'Go to Settings, then Service Accounts, and add a service account. Name it after what it is for, and give it the role named above.',
      'Create a client secret and choose how long it lasts. Copy the client id and the client secret: JumpCloud shows the secret only once.',
    ],
    cautions: [
      'Only an Administrator with Billing can create service accounts.',
      'A client secret works for the lifetime you chose when you created it. When it expires, you will be asked for a new one.',
      'A service account can have two secrets at once: to rotate, create the new secret, enter it here, then delete the old one.',
    ],
    docsUrl: 'https://jumpcloud.com/support/service-account-for-apis',
  },
  brandColor: '#12a37f',
} as const satisfies ProviderMetadata
