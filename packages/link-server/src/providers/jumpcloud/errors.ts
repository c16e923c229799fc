import { JumpLinkError } from '@jumplink/shared'

/**
 * The one place JumpCloud's failures become catalog codes. `context` says what the call was
 * for: when checking one organization (x-org-id), 400 and 404 mean "not that organization";
 * when reading one record (`…/{id}`), 404 means there is no such record.
 */
export function mapUpstreamStatus(
  status: number,
  headers: Pick<Headers, 'get'>,
  context: 'list' | 'organization' | 'record' = 'list',
): JumpLinkError {
  if (status === 401) return new JumpLinkError('invalid_api_key')
  if (status === 403) return new JumpLinkError('insufficient_permissions')
  if (status === 429) {
    return new JumpLinkError('provider_rate_limited', {
      retryAfter: parseRetryAfter(headers.get('retry-after')),
    })
  }
  if (context === 'organization' && (status === 400 || status === 404)) {
    return new JumpLinkError('organization_not_accessible')
  }
  if (context === 'record' && status === 404) return new JumpLinkError('resource_not_found')
  if (status === 504) return new JumpLinkError('provider_timeout')
  if (status >= 300 && status < 400) {
    return new JumpLinkError('provider_unavailable', {
      message: `The directory answered with a redirect (${status}), which is not followed.`,
    })
  }
  return new JumpLinkError('provider_unavailable', {
    message: `The directory answered with an unexpected status (${status}).`,
  })
}

/** A thrown fetch: our timeout, or the network. */
export function mapFetchFailure(error: unknown): JumpLinkError {
  const name = (error as { name?: string } | null)?.name
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new JumpLinkError('provider_timeout', { cause: error })
  }
  return new JumpLinkError('provider_unavailable', { cause: error })
}

/** Seconds or an HTTP date; at least 1, at most an hour; 60 when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number {
  if (value === null) return 60
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return clamp(Math.ceil(seconds))
  const date = Date.parse(value)
  if (Number.isFinite(date)) return clamp(Math.ceil((date - now) / 1000))
  return 60
}

function clamp(seconds: number): number {
  return Math.min(3600, Math.max(1, seconds))
}

/**
 * A body that is not the JSON we expected. The parser's own error quotes the body ("Unexpected
 * token … is not valid JSON"), so it is not kept as the cause: logs never hold a directory's text.
 */
export function unreadableBody(error: unknown): JumpLinkError {
  const name = (error as { name?: string } | null)?.name
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new JumpLinkError('provider_timeout', { cause: { name } })
  }
  return new JumpLinkError('provider_unavailable', {
    message: 'The directory answered with an unexpected body.',
    cause: { name: name ?? 'Error' },
  })
}
