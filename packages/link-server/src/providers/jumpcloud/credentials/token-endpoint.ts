import { JumpLinkError, type Region } from '@jumplink/shared'
import type { FetchLike } from '../../provider'
import { JUMPCLOUD } from '../config'
import { mapFetchFailure, parseRetryAfter } from '../errors'

export interface AccessToken {
  value: string
  /** Seconds from issue, as the token endpoint said. */
  expiresIn: number
}

export interface TokenEndpointOptions {
  fetch: FetchLike
  /** The sandbox (or any override) serves the token endpoint on its own origin. */
  baseUrl?: string | undefined
  timeoutMs: number
}

/** When the answer names no lifetime: short enough to be safe, long enough to be useful. */
const FALLBACK_EXPIRES_IN_SECONDS = 300

/** The region's token URL, or the override's. */
export function tokenUrl(region: Region, baseUrl?: string): string {
  const origin = baseUrl ? baseUrl.replace(/\/+$/, '') : JUMPCLOUD.tokenHosts[region]
  return `${origin}${JUMPCLOUD.tokenPath}`
}

/**
 * One client-credentials grant (jumpcloud-api.md, service accounts): HTTP Basic with the client
 * id and secret, `grant_type=client_credentials&scope=api`. Failures leave as catalog errors: a
 * rejected client is `invalid_client_credentials`, throttling `provider_rate_limited`.
 */
export async function requestAccessToken(
  options: TokenEndpointOptions,
  region: Region,
  clientId: string,
  clientSecret: string,
): Promise<AccessToken> {
  const basic = Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64')
  const signal = AbortSignal.timeout(options.timeoutMs)
  let response: Response
  try {
    // Raced as well as signalled: an injected fetch may not honour the signal.
    response = await Promise.race([
      options.fetch(tokenUrl(region, options.baseUrl), {
        method: 'POST',
        // Never follow a redirect: it would resend the client secret to wherever it points.
        redirect: 'manual',
        headers: {
          accept: 'application/json',
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api' }).toString(),
        signal,
      }),
      new Promise<never>((_, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason), { once: true })
      }),
    ])
  } catch (error) {
    throw mapFetchFailure(error)
  }
  let body: { access_token?: unknown; expires_in?: unknown; error?: unknown } = {}
  try {
    body = (await response.json()) as typeof body
  } catch (error) {
    if (response.ok) throw mapFetchFailure(error)
  }
  if (!response.ok) throw mapTokenFailure(response.status, response.headers, body.error)
  if (typeof body.access_token !== 'string' || body.access_token === '') {
    throw new JumpLinkError('provider_unavailable', {
      message: 'The token endpoint answered without an access token.',
    })
  }
  const expiresIn =
    typeof body.expires_in === 'number' && body.expires_in > 0
      ? body.expires_in
      : FALLBACK_EXPIRES_IN_SECONDS
  return { value: body.access_token, expiresIn }
}

/** RFC 6749 §5.2 errors and HTTP statuses to catalog codes. */
export function mapTokenFailure(status: number, headers: Headers, error: unknown): JumpLinkError {
  if (status === 429) {
    return new JumpLinkError('provider_rate_limited', {
      retryAfter: parseRetryAfter(headers.get('retry-after')),
    })
  }
  if (status === 401 || error === 'invalid_client' || error === 'invalid_grant') {
    return new JumpLinkError('invalid_client_credentials')
  }
  if (status === 403 || error === 'unauthorized_client' || error === 'invalid_scope') {
    return new JumpLinkError('insufficient_permissions', {
      message: 'The service account may not use the API scope.',
    })
  }
  if (status === 504) return new JumpLinkError('provider_timeout')
  return new JumpLinkError('provider_unavailable', {
    message: `The token endpoint answered with an unexpected status (${status}).`,
  })
}
