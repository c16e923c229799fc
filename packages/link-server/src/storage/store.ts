import type {
  ConnectionStatus,
  CredentialKind,
  EndUser,
  Permissions,
  Region,
} from '@jumplink/shared'
import type { ChangeStore } from './change-store'
import type { IngestStore } from './ingest-store'
import type { MasterKeyStore } from './master-key-store'
import type { WebhookStore } from './webhook-store'

/** Everything the link server keeps. One interface; PGlite and PostgreSQL sit behind it. */
export interface Store {
  hostApps: HostAppStore
  linkSessions: LinkSessionStore
  connections: ConnectionStore
  publicTokens: PublicTokenStore
  signingKeys: SigningKeyStore
  audit: AuditStore
  idempotency: IdempotencyStore
  /** Change feed: synced fingerprints, sync generations, events (src/sync/). */
  changes: ChangeStore
  /** Webhook endpoints, deliveries and attempts (src/webhooks/). */
  webhooks: WebhookStore
  /** Ingest URL secrets, one per connection (src/sync/ingest/). */
  ingest: IngestStore
  /** Operators' master-key changes, which every instance follows (src/master-key-ring.ts). */
  masterKeys: MasterKeyStore
  /** Where the job queue (src/jobs/) keeps its tables: same database, a schema of its own. */
  jobs: JobDatabase
  /** Runs `fn` in one database transaction, with a store bound to it. */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>
  /** Answers when the database does (readiness). */
  ping(): Promise<void>
  close(): Promise<void>
}

export interface HostApp {
  id: string
  name: string
  allowedOrigins: string[]
  createdAt: Date
}

export interface HostSecret {
  id: string
  hostAppId: string
  /** First characters of the secret, safe to show so that a human can tell keys apart. */
  hint: string
  createdAt: Date
  revokedAt: Date | null
}

export interface HostAppStore {
  create(input: { id: string; name: string; allowedOrigins: string[]; now: Date }): Promise<HostApp>
  get(id: string): Promise<HostApp | undefined>
  list(): Promise<HostApp[]>
  /** Renames the app and replaces its allowed origins; undefined when there is no such app. */
  update(
    id: string,
    input: { name: string; allowedOrigins: string[] },
  ): Promise<HostApp | undefined>
  addSecret(input: {
    id: string
    hostAppId: string
    hash: string
    hint: string
    now: Date
  }): Promise<HostSecret>
  listSecrets(hostAppId: string): Promise<HostSecret[]>
  /** Revokes every secret of the app except `keepId`. */
  revokeSecretsExcept(hostAppId: string, keepId: string, now: Date): Promise<number>
  /** The app owning an unrevoked secret with this hash. */
  findBySecretHash(hash: string): Promise<HostApp | undefined>
  /** Whether any host app allows this origin (CORS preflights carry no credentials). */
  isOriginAllowedAnywhere(origin: string): Promise<boolean>
}

export interface LinkSession {
  id: string
  hostAppId: string
  provider: string
  endUser: EndUser
  permissions: Permissions
  mode: 'create' | 'update'
  connectionId: string | null
  /** Whether a second connection to an organization the end user already has is allowed. */
  allowDuplicates: boolean
  createdAt: Date
  expiresAt: Date
  completedAt: Date | null
}

export interface LinkSessionStore {
  create(session: Omit<LinkSession, 'completedAt'>): Promise<LinkSession>
  get(id: string): Promise<LinkSession | undefined>
  /**
   * Marks the session completed if it is neither completed nor expired, in one statement, so
   * two racing completions cannot both win, and records the connection it made. Returns whether
   * this call won.
   */
  complete(id: string, now: Date, connectionId?: string): Promise<boolean>
}

export interface ConnectionRecord {
  id: string
  hostAppId: string
  provider: string
  endUserId: string
  organizationId: string
  organizationName: string | null
  region: Region
  permissions: Permissions
  status: ConnectionStatus
  statusReason: string | null
  /** The vault envelope of the directory credential; null once revoked. */
  credential: string | null
  /** What `credential` holds once decrypted: an API key or a service account's credentials. */
  credentialKind: CredentialKind
  /**
   * Whether the credential reads other organizations too (then every call names this one);
   * null or absent: linked before the link server asked, so calls name it to be safe.
   */
  multiOrganization?: boolean | null
  createdAt: Date
  updatedAt: Date
  lastCheckedAt: Date | null
}

export interface ConnectionFilter {
  endUserId?: string
  organizationId?: string
  status?: ConnectionStatus
  limit: number
  /** Exclusive keyset position (newest first). */
  after?: { createdAt: Date; id: string }
}

export interface ConnectionStore {
  insert(record: ConnectionRecord): Promise<ConnectionRecord>
  /** Scoped to a host app: another app's connection is simply not found. */
  get(hostAppId: string, id: string): Promise<ConnectionRecord | undefined>
  list(hostAppId: string, filter: ConnectionFilter): Promise<ConnectionRecord[]>
  /** A new credential for an existing connection (relink), of either kind; makes it active again. */
  replaceCredential(input: {
    id: string
    credential: string
    credentialKind: CredentialKind
    organizationName: string | null
    multiOrganization?: boolean | null
    permissions: Permissions
    now: Date
  }): Promise<ConnectionRecord | undefined>
  setStatus(input: {
    id: string
    status: Exclude<ConnectionStatus, 'revoked'>
    statusReason: string | null
    /** What a check learnt about the credential, when it learnt it. */
    multiOrganization?: boolean
    now: Date
  }): Promise<ConnectionRecord | undefined>
  /**
   * Marks the connection broken for `reason` unless it already is (or is revoked), in one
   * statement: of several requests that find the key rejected at once, one is told it broke it.
   */
  markBroken(input: {
    id: string
    reason: string
    now: Date
  }): Promise<ConnectionRecord | undefined>
  /** Erases the credential and marks the connection revoked. */
  revoke(hostAppId: string, id: string, now: Date): Promise<ConnectionRecord | undefined>
  /** Every stored credential, for re-encryption under a new master key. */
  listCredentials(): Promise<{ id: string; hostAppId: string; credential: string }[]>
  /** Swaps a credential only if it is still the one that was read (no lost updates). */
  swapCredential(id: string, from: string, to: string): Promise<boolean>
}

export type ConsumeResult =
  | { ok: true; connectionId: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'used' }

export interface PublicTokenStore {
  insert(input: {
    hash: string
    hostAppId: string
    connectionId: string
    now: Date
    expiresAt: Date
  }): Promise<void>
  /** Uses the token if it is unused and unexpired, in one statement. */
  consume(hash: string, hostAppId: string, now: Date): Promise<ConsumeResult>
  /** Whether a public token of this connection made at or after `since` has been exchanged. */
  wasExchanged(connectionId: string, since: Date): Promise<boolean>
}

export interface SigningKeyRecord {
  kid: string
  /** Public JWK as JSON. */
  publicJwk: string
  /** Vault envelope of the private JWK. */
  privateJwk: string
  active: boolean
  createdAt: Date
  retiredAt: Date | null
}

export interface SigningKeyStore {
  list(): Promise<SigningKeyRecord[]>
  insert(record: SigningKeyRecord): Promise<void>
  /** Makes `kid` the only active key. */
  activate(kid: string): Promise<void>
  swapPrivateJwk(kid: string, from: string, to: string): Promise<boolean>
  /** Retires a key (never active again); false when it is unknown or already retired. */
  retire(kid: string, now: Date): Promise<boolean>
}

export interface AuditEvent {
  type: string
  hostAppId: string | null
  connectionId: string | null
  requestId: string | null
  data: Record<string, unknown>
  now: Date
}

export interface AuditStore {
  add(event: AuditEvent): Promise<void>
  list(limit: number): Promise<(AuditEvent & { id: number })[]>
  /** One connection's events, newest first; `beforeId` continues after the previous page. */
  listForConnection(
    hostAppId: string,
    connectionId: string,
    options: { limit: number; beforeId?: number },
  ): Promise<(AuditEvent & { id: number })[]>
}

/** What a claim of an idempotency key found. */
export type IdempotencyClaim =
  /** This request holds the key now and must call the directory, then complete or release. */
  | { outcome: 'claimed' }
  /** An earlier request with this key finished; its answer is to be replayed. */
  | { outcome: 'completed'; requestHash: string; status: number; body: string }
  /** An earlier request with this key is still running (on this instance or another). */
  | { outcome: 'in_progress'; requestHash: string }

export interface IdempotencyStore {
  /**
   * Claims (connection, key) in one statement, so that of two racing requests, on one instance
   * or several, exactly one is told `claimed`. A row older than `expiredBefore`, or a pending
   * row whose lock has lapsed (its request died), is taken over.
   */
  claim(input: {
    connectionId: string
    key: string
    requestHash: string
    now: Date
    lockedUntil: Date
    expiredBefore: Date
  }): Promise<IdempotencyClaim>
  /** Stores the answer of the claimed request, for replays. */
  complete(input: {
    connectionId: string
    key: string
    status: number
    body: string
  }): Promise<void>
  /** Gives a pending key back (the request made no change), so a retry runs afresh. */
  release(input: { connectionId: string; key: string }): Promise<void>
  /** Deletes every key claimed before `expiredBefore` (past its 24 hours); answers how many. */
  purgeExpired(expiredBefore: Date): Promise<number>
}

/**
 * Raw SQL for a library that brings its own (the job queue). Multi-statement text without
 * values is allowed. On PGlite it waits its turn with the store's own queries and transactions.
 */
export interface JobDatabase {
  /** The schema the library keeps its tables in. */
  schema: string
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>
}
