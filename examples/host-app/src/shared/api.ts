// The host app's own API between its backend and its front: what the pages show, already shaped
// for display. The integration token never appears here: it stays on the server.

export interface AppConfig {
  /** Where the widget reaches the link server (the browser talks to it directly). */
  linkServerUrl: string
  /** The directory's display name, from the SDK's provider metadata. */
  directoryName: string
  /** The signed-in user of this demo. */
  user: { id: string; email: string; name: string }
}

export type ConnectionStatus = 'active' | 'broken' | 'revoked'

export interface ConnectionView {
  id: string
  organization: string
  status: ConnectionStatus
  /** A catalog code such as `invalid_api_key` when not active. */
  statusReason: string | null
  createdAt: string
  lastCheckedAt: string | null
  /** Whether this app holds the connection's integration token (it can read the directory). */
  readable: boolean
  /** `read_write` connections may act on what the review finds (suspend a user). */
  permissions: 'read' | 'read_write'
  /** How the connection signs in to the directory: an admin's API key or a service account. */
  credentialKind: 'api_key' | 'service_account'
}

/** A person of the access review, as the page first shows them. */
export interface ReviewPerson {
  id: string
  name: string
  email: string | null
  status: 'active' | 'inactive' | 'invited'
  /** null: the directory did not say. */
  mfa: boolean | null
}

export interface AccessReviewRow extends ReviewPerson {
  groups: string[]
  lastLoginAt: string | null
  apps: string[]
}

/** The people of the review (`/access-review/people`), shown before their activity. */
export interface AccessReviewPeople {
  connection: ConnectionView
  people: ReviewPerson[]
  summary: { users: number; withoutMfa: number }
}

/** Each person's groups, last login and SSO apps by user id (`/access-review/activity`). */
export interface ReviewActivity {
  groups: Record<string, string[]>
  lastLoginAt: Record<string, string | null>
  apps: Record<string, string[]>
}

export interface AccessReview {
  connection: ConnectionView
  users: AccessReviewRow[]
  /** Findings a reviewer looks at first. */
  summary: { users: number; withoutMfa: number; inactiveWithApps: number }
}

export interface DeviceRow {
  id: string
  name: string
  platform: string
  osVersion: string | null
  /** null: the directory did not say. */
  encrypted: boolean | null
  encryptionMethod: string | null
  lastSeenAt: string | null
  owner: string | null
}

export interface DevicePosture {
  connection: ConnectionView
  devices: DeviceRow[]
  summary: { devices: number; unencrypted: number; unknownEncryption: number }
}

/** Errors of this API: a short message for the page and, from the link server, its code. */
export interface ApiErrorBody {
  error: { message: string; code?: string }
}
