// Error statuses and bodies as JumpCloud sends them (jumpcloud-api.md §11). Where a real body
// was recorded it is copied; otherwise the `{message, error}` style of the recorded 401.

export type ApiFamily = 'v1' | 'v2' | 'insights' | 'directory-insights'

export interface ErrorResponse {
  status: 400 | 401 | 403 | 404 | 409 | 429 | 500 | 502 | 503 | 504
  body: Record<string, unknown>
  headers?: Record<string, string>
}

const REASONS = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
} as const

function simple(status: ErrorResponse['status'], message: string): ErrorResponse {
  return { status, body: { message, error: REASONS[status] } }
}

/** Recorded from `GET /api/systemusers` with an unknown key (DEFGUARD). */
export const unknownKey = (): ErrorResponse => ({
  status: 401,
  body: { error: 'Unauthorized', message: 'Unauthorized: api key user not found' },
})

/** A bearer token that is unknown, expired or revoked (service accounts). */
export const invalidToken = (): ErrorResponse => ({
  status: 401,
  body: { error: 'Unauthorized', message: 'Unauthorized: invalid or expired access token' },
})

/** Recorded from Directory Insights with an MSP key and no org (WAZUH); v1/v2 use the same text. */
export const noOrganizationSelected = (family: ApiFamily): ErrorResponse =>
  family === 'directory-insights'
    ? { status: 401, body: { message: 'Unauthorized: no organization selected' } }
    : {
        status: 401,
        body: { error: 'Unauthorized', message: 'Unauthorized: no organization selected' },
      }

export const malformedOrgId = (): ErrorResponse =>
  simple(400, 'Bad Request: invalid x-org-id header')
export const organizationNotFound = (): ErrorResponse => simple(404, 'Organization not found')
export const forbidden = (): ErrorResponse =>
  simple(403, 'Forbidden: the role of this administrator does not allow this request')
export const rateLimited = (): ErrorResponse => simple(429, 'Too Many Requests')
export const notFound = (what: string): ErrorResponse => simple(404, `${what} not found`)
export const serverError = (status: 500 | 502 | 503 | 504): ErrorResponse =>
  simple(status, REASONS[status])

/**
 * 400s: v2 answers with the spec's `ErrorDetails` (`{code, message, status, details}`), v1 and
 * Directory Insights with `{message, error}`.
 */
export function badRequest(family: ApiFamily, message: string): ErrorResponse {
  if (family === 'v2' || family === 'insights') {
    return { status: 400, body: { code: 400, message, status: 'INVALID_ARGUMENT', details: [] } }
  }
  return simple(400, message)
}
