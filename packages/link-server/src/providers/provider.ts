import type { Region } from '@jumplink/shared'

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
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>

export interface ProviderOptions {
  /** Injected in tests (e.g. the sandbox in-process); the global fetch otherwise. */
  fetch?: FetchLike
  /** Overrides every region's host, e.g. to point at the sandbox. */
  baseUrl?: string
  timeoutMs?: number
}

/** What each provider folder's `index.ts` exports. */
export interface ProviderModule {
  createProvider(options: ProviderOptions): DirectoryProvider
}

export type ProviderRegistry = ReadonlyMap<string, DirectoryProvider>
