import type {
  AddGroupMemberRequestSchema,
  CreateGroupRequestSchema,
  CreateUserRequestSchema,
  Region,
  UnifiedCollectionName,
  UnifiedWriteAction,
  UpdateUserRequestSchema,
} from '@jumplink/shared'
import type { z } from 'zod'
import type { MetricsRecorder } from '../metrics/recorder'
import type { DirectoryCredential } from './credential'
import type { KeyedSemaphore } from './keyed-semaphore'

/** An organization as the link flow shows it. */
export interface DirectoryOrganization {
  id: string
  name: string | null
}

export interface CredentialInput {
  /** Plaintext; lives only for the length of the call. */
  credential: DirectoryCredential
  region: Region
}

/**
 * What the link server needs from a directory. Routes, crypto and storage see only this; each
 * directory's hosts, headers and status codes live in its own folder. Failures are thrown as
 * catalog errors (`JumpLinkError`).
 */
export interface DirectoryProvider {
  /** The id from shared's provider metadata. */
  id: string
  /** Shapes of this directory's credentials, so logs can redact them wherever they appear. */
  secretPatterns: RegExp[]
  /** One upstream call: checks the credential and lists the organizations it can read. */
  listOrganizations(input: CredentialInput): Promise<DirectoryOrganization[]>
  /**
   * Checks the credential can read this organization (`organization_not_accessible` if not),
   * and says whether it reads others too.
   */
  verifyOrganization(
    input: CredentialInput & { organizationId: string },
  ): Promise<DirectoryOrganization & { multiOrganization: boolean }>
  /** The unified API and the proxy over a stored connection. */
  reader: DirectoryReader
  /** The unified API's writes (routes allow them on `read_write` connections only). */
  writer: DirectoryWriter
}

/** A stored connection as a provider reads with it; the credential lives for one request. */
export interface DirectorySession {
  connectionId: string
  credential: DirectoryCredential
  region: Region
  organizationId: string
  /** The connection's `multiOrganization`: false lets calls leave the organization unnamed. */
  multiOrganization?: boolean | null
}

export interface UnifiedListRequest {
  collection: UnifiedCollectionName
  /** The parent record's id, for nested collections (`…/groups/:id/members`). */
  parentId?: string
  /** The collection's filters as validated; every one given must be applied. */
  filters: Record<string, unknown>
  limit: number
  /** Where the previous page stopped, as the provider returned it; absent on the first page. */
  position?: unknown
  expand: readonly string[]
  includeRemoteData: boolean
  /**
   * The caller writes records as they come: a reader may answer once the first upstream page
   * is mapped and give the rest as `more`. Without it, `result` is the whole page.
   */
  stream?: boolean
}

export interface UnifiedPage {
  /** The page's records, or with `more`, its first ones. */
  result: unknown[]
  /**
   * The rest of the page, mapped upstream page by upstream page, in order (only when the
   * request asked to `stream`). Iterating it may throw: a later upstream page failed after the
   * first had answered. `warnings` is final only once it is done.
   */
  more?: AsyncIterable<unknown[]>
  /** Where the next page starts (JSON), or null on the last page. The route makes the cursor. */
  next: unknown
  total?: number
  warnings?: { code: string; message: string }[]
}

export interface UnifiedGetRequest {
  collection: UnifiedCollectionName
  id: string
  expand: readonly string[]
  includeRemoteData: boolean
}

/** A request for the directory's own API, checked by the route (method, path shape). */
export interface ProxyRequest {
  method: string
  /** Starts with `/`; no `..` segments and no scheme or host. */
  path: string
  /** `?…` or empty. */
  search: string
  /** The caller's headers without Authorization, cookies or hop-by-hop headers. */
  headers: Headers
  body: ArrayBuffer | undefined
}

/** Reading a connected directory through the unified model, and the raw proxy. */
export interface DirectoryReader {
  list(session: DirectorySession, request: UnifiedListRequest): Promise<UnifiedPage>
  /** One record; `resource_not_found` when there is none. */
  get(session: DirectorySession, request: UnifiedGetRequest): Promise<unknown>
  /** `invalid_request` when the path is outside the directory's API. */
  proxy(session: DirectorySession, request: ProxyRequest): Promise<Response>
  /** Drops anything kept in memory for this connection (it was revoked or relinked). */
  forget?(connectionId: string): void
  /**
   * When the directory's own audit log last recorded a change a sync would find, since
   * `since` (null: none). Optional: a hint that starts a sync before the schedule does.
   */
  newestChangeSince?(session: DirectorySession, since: Date): Promise<Date | null>
}

/** One unified write, validated by the route; named by the action the audit trail records. */
export type UnifiedWriteRequest =
  | { action: 'user.create'; body: z.output<typeof CreateUserRequestSchema> }
  | { action: 'user.update'; id: string; body: z.output<typeof UpdateUserRequestSchema> }
  | {
      action: 'user.suspend' | 'user.reactivate' | 'user.unlock' | 'user.reset_mfa' | 'user.delete'
      id: string
    }
  | { action: 'group.create'; body: z.output<typeof CreateGroupRequestSchema> }
  | { action: 'group.delete'; id: string }
  | {
      action: 'group.add_member'
      id: string
      body: z.output<typeof AddGroupMemberRequestSchema>
    }
  | { action: 'group.remove_member'; id: string; userId: string }

/** Writing to a connected directory through the unified model. */
export interface DirectoryWriter {
  /**
   * Makes the change with one upstream write (never retried) and answers the record as the
   * unified read now shows it. Refusals are catalog errors naming the field
   * (`resource_conflict`, `invalid_field_value`, `resource_not_found`).
   */
  write(session: DirectorySession, request: UnifiedWriteRequest): Promise<unknown>
}

/** Every write action has a request shape above. */
export type WriteActionCheck = UnifiedWriteRequest['action'] extends UnifiedWriteAction
  ? UnifiedWriteAction extends UnifiedWriteRequest['action']
    ? true
    : never
  : never

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>

/**
 * Directory calls in flight per connection unless configured: enough for a page of 1,000 (ten
 * directory pages of 100) to be fetched in one round, few enough to stay a polite client.
 */
export const DEFAULT_DIRECTORY_CONCURRENCY = 10

export interface ProviderOptions {
  /** Injected in tests (e.g. the sandbox in-process); the global fetch otherwise. */
  fetch?: FetchLike
  /** Overrides every region's host, e.g. to point at the sandbox. */
  baseUrl?: string
  timeoutMs?: number
  /** Upstream calls in flight per connection (default DEFAULT_DIRECTORY_CONCURRENCY). */
  maxConcurrency?: number
  /**
   * The per-connection cap itself, when it must hold across instances (shared state); the
   * provider makes an in-process one of `maxConcurrency` otherwise.
   */
  concurrency?: KeyedSemaphore
  /** Counts upstream calls, retries and cache hits; nothing when absent. */
  metrics?: MetricsRecorder
  /** Retries of a read after its first attempt (default 3). */
  maxRetries?: number
  /** Total time a read may spend waiting to retry (default 20 s). */
  retryBudgetMs?: number
  /** How retries wait; tests inject a recorder. */
  sleep?: (ms: number) => Promise<void>
  /**
   * Told of each failed directory call once its retries are spent, for the log: method, path
   * without the query, status, catalog code. Never the credential or the answer's body.
   */
  onUpstreamFailure?: (failure: {
    method: string
    path: string
    status: number | null
    code: string
    attempts: number
  }) => void
  /** The clock access tokens are cached by, in ms; tests inject one. Default Date.now. */
  now?: () => number
}

/** What each provider folder's `index.ts` exports. */
export interface ProviderModule {
  createProvider(options: ProviderOptions): DirectoryProvider
}

export type ProviderRegistry = ReadonlyMap<string, DirectoryProvider>
