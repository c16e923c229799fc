import type { Region, UnifiedCollectionName } from '@jumplink/shared'

/** An organization as the link flow shows it. */
export interface DirectoryOrganization {
  id: string
  name: string | null
}

export interface CredentialInput {
  /** Plaintext; lives only for the length of the call. */
  credential: string
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
  /** Checks the credential can read this organization; `organization_not_accessible` if not. */
  verifyOrganization(
    input: CredentialInput & { organizationId: string },
  ): Promise<DirectoryOrganization>
  /** The unified API and the proxy over a stored connection. */
  reader: DirectoryReader
}

/** A stored connection as a provider reads with it; the credential lives for one request. */
export interface DirectorySession {
  connectionId: string
  credential: string
  region: Region
  organizationId: string
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
}

export interface UnifiedPage {
  result: unknown[]
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
}

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
  /** Retries of a read after its first attempt (default 3). */
  maxRetries?: number
  /** Total time a read may spend waiting to retry (default 20 s). */
  retryBudgetMs?: number
  /** How retries wait; tests inject a recorder. */
  sleep?: (ms: number) => Promise<void>
}

/** What each provider folder's `index.ts` exports. */
export interface ProviderModule {
  createProvider(options: ProviderOptions): DirectoryProvider
}

export type ProviderRegistry = ReadonlyMap<string, DirectoryProvider>
