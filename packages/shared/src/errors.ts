/**
 * The error catalog: every error JumpLink can answer with, on every route.
 *
 * The server answers with these codes and statuses, the widget turns them into copy, and the
 * client SDK into typed exceptions. Codes are lower snake_case on the wire and never change
 * meaning once shipped; messages are provider-neutral defaults a developer can read.
 */
export const ERROR_CATALOG = {
  // Bad input
  invalid_request: {
    status: 400,
    message: 'The request is malformed or a field is missing or invalid.',
    retryable: false,
  },
  invalid_cursor: {
    status: 400,
    message: 'The cursor is not valid for this collection and these filters.',
    retryable: false,
  },
  unsupported_filter: {
    status: 400,
    message: 'This collection does not support one of the given filters.',
    retryable: false,
  },
  payload_too_large: {
    status: 413,
    message: 'The request body is larger than allowed.',
    retryable: false,
  },
  unsupported_media_type: {
    status: 415,
    message: 'Send the request body as application/json.',
    retryable: false,
  },
  route_not_found: {
    status: 404,
    message: 'There is no such route.',
    retryable: false,
  },
  method_not_allowed: {
    status: 405,
    message: 'This route does not accept that method.',
    retryable: false,
  },

  // Our own credentials: host secret keys, link tokens, integration tokens
  missing_credentials: {
    status: 401,
    message: 'Send credentials in the Authorization header as a Bearer token.',
    retryable: false,
  },
  invalid_secret_key: {
    status: 401,
    message: 'The secret key is unknown or has been rotated out.',
    retryable: false,
  },
  invalid_token: {
    status: 401,
    message: 'The token is malformed, has a bad signature, or is not meant for this route.',
    retryable: false,
  },
  token_expired: {
    status: 401,
    message: 'The token has expired.',
    retryable: false,
  },
  link_session_expired: {
    status: 401,
    message: 'This link session has expired. Ask for a new link token.',
    retryable: false,
  },
  link_session_completed: {
    status: 409,
    message: 'This link session has already connected an organization.',
    retryable: false,
  },
  origin_not_allowed: {
    status: 403,
    message: 'This origin is not allowed to use this host app.',
    retryable: false,
  },

  // Public tokens (widget to host backend, exchanged once)
  invalid_public_token: {
    status: 400,
    message: 'The public token is unknown.',
    retryable: false,
  },
  public_token_expired: {
    status: 400,
    message: 'The public token has expired. Public tokens must be exchanged within 10 minutes.',
    retryable: false,
  },
  public_token_already_used: {
    status: 409,
    message: 'The public token has already been exchanged.',
    retryable: false,
  },

  // Connections and unified resources
  connection_not_found: {
    status: 404,
    message: 'No such connection.',
    retryable: false,
  },
  connection_revoked: {
    status: 401,
    message: 'The connection has been revoked; its tokens no longer work.',
    retryable: false,
  },
  resource_not_found: {
    status: 404,
    message: 'No such record in the connected organization.',
    retryable: false,
  },
  credential_unreadable: {
    status: 409,
    message:
      'The stored directory key can no longer be opened; relink the connection to store a new one.',
    retryable: false,
  },
  write_not_permitted: {
    status: 403,
    message: 'This connection is read-only.',
    retryable: false,
  },
  // Writes (`details.issues` names the field the directory refused)
  resource_conflict: {
    status: 409,
    message: 'The directory already has a record with this value, or the record is still in use.',
    retryable: false,
  },
  invalid_field_value: {
    status: 422,
    message: 'The directory refused the value of a field.',
    retryable: false,
  },
  idempotency_key_reused: {
    status: 422,
    message: 'This Idempotency-Key was already used with a different request.',
    retryable: false,
  },
  idempotency_request_in_progress: {
    status: 409,
    message: 'A request with this Idempotency-Key is still running. Retry shortly.',
    retryable: true,
  },

  // The directory and its API key.
  // invalid_api_key is a 400, not a 401: the caller's own credentials were fine, it is the
  // directory key they sent or stored that is wrong, and a 401 would read as "your token is bad".
  invalid_api_key: {
    status: 400,
    message: 'The directory rejected this API key.',
    retryable: false,
  },
  insufficient_permissions: {
    status: 403,
    message: 'The API key is valid but may not read what is needed.',
    retryable: false,
  },
  invalid_client_credentials: {
    status: 400,
    message: "The directory rejected this service account's client id or secret.",
    retryable: false,
  },
  organization_not_accessible: {
    status: 400,
    message: 'The API key cannot reach that organization.',
    retryable: false,
  },
  provider_rate_limited: {
    status: 429,
    message: 'The directory is throttling requests. Retry after the given delay.',
    retryable: true,
  },
  provider_unavailable: {
    status: 502,
    message: 'The directory did not answer properly.',
    retryable: true,
  },
  provider_timeout: {
    status: 504,
    message: 'The directory took too long to answer.',
    retryable: true,
  },

  // Us
  rate_limited: {
    status: 429,
    message: 'Too many attempts. Retry after the given delay.',
    retryable: true,
  },
  service_unavailable: {
    status: 503,
    message: 'JumpLink is not ready to serve requests.',
    retryable: true,
  },
  internal_error: {
    status: 500,
    message: 'Something went wrong on our side.',
    retryable: true,
  },

  // Appended: connecting an organization the end user already has a connection to, in a link
  // session that does not allow duplicates. Complete again with `replace_existing: true` to give
  // that connection the new key instead.
  connection_exists: {
    status: 409,
    message: 'This end user already has a connection to this organization.',
    retryable: false,
  },
  // Appended: webhook endpoints (host API). Each refused URL says why, so a host can fix it.
  webhook_endpoint_not_found: {
    status: 404,
    message: 'No such webhook endpoint.',
    retryable: false,
  },
  webhook_delivery_not_found: {
    status: 404,
    message: 'No such webhook delivery.',
    retryable: false,
  },
  webhook_url_invalid: {
    status: 400,
    message:
      'The webhook URL must be an absolute http(s) URL without user name, password or fragment.',
    retryable: false,
  },
  webhook_url_insecure: {
    status: 400,
    message: 'Webhook URLs must use https.',
    retryable: false,
  },
  webhook_url_private: {
    status: 400,
    message:
      'The webhook URL points at a loopback, private, link-local or reserved address, which this host app may not use.',
    retryable: false,
  },
  webhook_endpoint_limit_reached: {
    status: 409,
    message: 'This host app has as many webhook endpoints as it may have. Delete one first.',
    retryable: false,
  },
} as const satisfies Record<string, ErrorDefinition>

export interface ErrorDefinition {
  /** HTTP status the server answers with. */
  status: number
  /** Default, provider-neutral message for developers (the widget has its own copy). */
  message: string
  /** Whether the same request may succeed later without any change. */
  retryable: boolean
}

export type ErrorCode = keyof typeof ERROR_CATALOG

export const ERROR_CODES = Object.keys(ERROR_CATALOG) as ErrorCode[]

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CATALOG, value)
}

/** One problem with one field of a request, as reported under `details.issues`. */
export interface FieldIssue {
  /** Dotted path of the field, `""` for the body itself. */
  path: string
  message: string
}

export interface ErrorDetails {
  issues?: FieldIssue[]
  [key: string]: unknown
}

/** The one error shape every JumpLink response uses. */
export interface ErrorBody {
  error: {
    code: ErrorCode
    message: string
    request_id: string
    retryable: boolean
    /** Seconds to wait before retrying, for 429s. */
    retry_after?: number
    details?: ErrorDetails
  }
}

export interface JumpLinkErrorOptions {
  message?: string
  retryAfter?: number
  details?: ErrorDetails
  cause?: unknown
  /**
   * Overrides the catalog's, where the thrower knows more than the code: a broken answer to a
   * write is `provider_unavailable`, but sending the write again could do it twice.
   */
  retryable?: boolean
}

/**
 * An error with a catalog code. The server throws it and answers with its body; the client SDK
 * throws it to host code. `cause` is for logs only and never reaches the wire.
 */
export class JumpLinkError extends Error {
  override readonly name = 'JumpLinkError'
  readonly code: ErrorCode
  readonly status: number
  readonly retryable: boolean
  readonly retryAfter: number | undefined
  readonly details: ErrorDetails | undefined

  constructor(code: ErrorCode, options: JumpLinkErrorOptions = {}) {
    const definition: ErrorDefinition = ERROR_CATALOG[code]
    super(options.message ?? definition.message, { cause: options.cause })
    this.code = code
    this.status = definition.status
    this.retryable = options.retryable ?? definition.retryable
    this.retryAfter = options.retryAfter
    this.details = options.details
  }

  toBody(requestId: string): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        request_id: requestId,
        retryable: this.retryable,
        ...(this.retryAfter === undefined ? {} : { retry_after: this.retryAfter }),
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    }
  }
}
