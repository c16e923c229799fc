import type {
  CompleteLinkRequest,
  CompleteLinkResponse,
  LinkSessionInfo,
  ListOrganizationsRequest,
  ListOrganizationsResponse,
  Permissions,
  Region,
} from '@jumplink/shared'
import { en } from '../copy/en'
import type { WidgetErrorCode as ErrorCode } from '../copy/widget-copy'
import { isCompleteLinkResponse, isLinkSessionInfo, isListOrganizationsResponse } from './guards'
import type { TokenSource } from './token-source'

/** What the admin entered: one admin's API key, or a service account's client credentials. */
export type LinkCredential =
  | { api_key: string }
  | { service_account: { client_id: string; client_secret: string } }

/** An error as the widget handles it: always a catalog code, so it always has copy. */
export interface LinkApiError {
  code: ErrorCode
  /** The server's developer-facing message (the admin sees the widget's own copy). */
  message: string
  retryAfter?: number
  requestId?: string
}

/**
 * Whether the server's code is one the widget knows. Read from the English copy, which has an
 * entry for every code the link API can answer (the type checker sees to it), so the developer
 * messages of the shared catalog stay out of the browser bundle.
 */
const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && Object.hasOwn(en.errors, value)

/** Errors are data, not exceptions: every call resolves. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: LinkApiError }

export interface LinkApi {
  getSession(): Promise<ApiResult<LinkSessionInfo>>
  listOrganizations(
    credential: LinkCredential,
    region: Region,
  ): Promise<ApiResult<ListOrganizationsResponse>>
  complete(
    credential: LinkCredential,
    region: Region,
    organizationId: string,
    /** `consentedPermissions`: a relink whose new permissions the admin accepted on screen. */
    options?: { replaceExisting?: boolean; consentedPermissions?: Permissions },
  ): Promise<ApiResult<CompleteLinkResponse>>
}

export interface LinkApiOptions {
  serverUrl: string
  tokens: TokenSource
  fetch?: typeof fetch | undefined
  /** Sent as `x-jumplink-frame-origin` by the hosted page (the server checks it). */
  frameOrigin?: string | undefined
}

const fail = (code: ErrorCode, message: string): { ok: false; error: LinkApiError } => ({
  ok: false,
  error: { code, message },
})

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'invalid_token'
  if (status === 429) return 'rate_limited'
  if (status >= 500) return 'internal_error'
  return 'invalid_request'
}

function parseError(status: number, body: unknown): LinkApiError {
  const error =
    typeof body === 'object' && body !== null && 'error' in body
      ? (body.error as Record<string, unknown>)
      : null
  if (!error || typeof error !== 'object' || !isErrorCode(error.code)) {
    return { code: codeForStatus(status), message: `The link server answered ${status}.` }
  }
  return {
    code: error.code,
    message: typeof error.message === 'string' ? error.message : '',
    ...(typeof error.retry_after === 'number' ? { retryAfter: error.retry_after } : {}),
    ...(typeof error.request_id === 'string' ? { requestId: error.request_id } : {}),
  }
}

/**
 * The link API client. It sends the link token as a bearer header, and when the server says the
 * session expired it asks the token source for a new token and retries the call once.
 */
export function createLinkApi(options: LinkApiOptions): LinkApi {
  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    isValid: (value: unknown) => value is T,
  ): Promise<ApiResult<T>> {
    let token: string
    try {
      token = await options.tokens.current()
    } catch {
      return fail('link_session_expired', 'No link token: fetchLinkToken failed or is missing.')
    }
    for (let attempt = 0; ; attempt++) {
      let response: Response
      try {
        const doFetch = options.fetch ?? globalThis.fetch
        response = await doFetch(`${options.serverUrl.replace(/\/+$/, '')}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(options.frameOrigin ? { 'x-jumplink-frame-origin': options.frameOrigin } : {}),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          credentials: 'omit',
        })
      } catch {
        return fail('service_unavailable', 'Could not reach the link server.')
      }
      const json: unknown = await response.json().catch(() => null)
      if (response.ok) {
        return isValid(json)
          ? { ok: true, data: json }
          : fail('internal_error', 'The link server sent an answer the widget does not understand.')
      }
      const error = parseError(response.status, json)
      if (error.code === 'link_session_expired' && attempt === 0) {
        const next = await options.tokens.refresh(token)
        if (next) {
          token = next
          continue
        }
      }
      return { ok: false, error }
    }
  }

  return {
    getSession: () => call('GET', '/v1/link/session', undefined, isLinkSessionInfo),
    listOrganizations: (credential, region) =>
      call(
        'POST',
        '/v1/link/organizations',
        { ...credential, region } satisfies ListOrganizationsRequest,
        isListOrganizationsResponse,
      ),
    complete: (
      credential,
      region,
      organizationId,
      { replaceExisting = false, consentedPermissions } = {},
    ) =>
      call(
        'POST',
        '/v1/link/complete',
        {
          ...credential,
          region,
          organization_id: organizationId,
          ...(replaceExisting ? { replace_existing: true } : {}),
          ...(consentedPermissions ? { consented_permissions: consentedPermissions } : {}),
        } satisfies CompleteLinkRequest,
        isCompleteLinkResponse,
      ),
  }
}
