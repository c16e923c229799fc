import { ERROR_CATALOG, type ErrorBody, isErrorCode, JumpLinkError } from '@jumplink/shared/errors'

/**
 * An error the link server answered with: a catalog code (typed), the HTTP status, whether a
 * retry may help, and the request id to quote when asking for help.
 */
export class JumpLinkApiError extends JumpLinkError {
  readonly requestId: string | null

  constructor(
    body: ErrorBody['error'] | null,
    status: number,
    requestId: string | null,
    /** Where the client knows better than the code (see `http.ts`, a broken answer). */
    options: { retryable?: boolean } = {},
  ) {
    const code = body && isErrorCode(body.code) ? body.code : codeForStatus(status)
    super(code, {
      message: body?.message,
      retryAfter: body?.retry_after,
      details: body?.details,
      ...options,
    })
    this.requestId = body?.request_id || requestId
  }
}

/** For answers that are not JumpLink errors at all (a proxy's 502 page, say). */
function codeForStatus(status: number) {
  if (status === 429) return 'rate_limited'
  if (status === 503) return 'service_unavailable'
  if (status >= 500) return 'internal_error'
  if (status === 404) return 'route_not_found'
  return 'invalid_request'
}

export function readErrorBody(json: unknown): ErrorBody['error'] | null {
  if (typeof json !== 'object' || json === null || !('error' in json)) return null
  const error = (json as { error: unknown }).error
  if (typeof error !== 'object' || error === null) return null
  const candidate = error as Record<string, unknown>
  return isErrorCode(candidate.code) && typeof candidate.message === 'string'
    ? (candidate as unknown as ErrorBody['error'])
    : null
}

export { ERROR_CATALOG }
