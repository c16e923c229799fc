import { JumpLinkError } from '@jumplink/shared'
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from './context'

/** Answers with the shared ErrorBody; `retry_after` also goes out as a Retry-After header. */
export function errorResponse(c: Context<AppEnv>, error: JumpLinkError): Response {
  const requestId = c.get('requestId') ?? 'unknown'
  if (error.retryAfter !== undefined) c.header('retry-after', String(error.retryAfter))
  return c.json(error.toBody(requestId), error.status as ContentfulStatusCode)
}

/**
 * The single error handler. Catalog errors go out as they are; anything else is logged with
 * the request id and becomes `internal_error`, so no stack or cause ever reaches the wire.
 */
export function handleError(error: unknown, c: Context<AppEnv>): Response {
  if (error instanceof JumpLinkError) {
    if (error.status >= 500)
      c.get('logger')?.warn({ code: error.code, err: error }, 'upstream failure')
    return errorResponse(c, error)
  }
  c.get('logger')?.error({ err: error }, 'unhandled error')
  return errorResponse(c, new JumpLinkError('internal_error'))
}
