import { ApiError } from '../env.ts'
import type { ErrorResponse } from '../errors.ts'

// How JumpCloud turns a write down (jumpcloud-api.md §10, §11): a 400 in the `ErrorDetails`
// shape with a `google.rpc.BadRequest` field violation naming the field, as JumpCloud documents
// for validation with `fullValidationDetails`; a 409 when a record is still needed elsewhere.

export function fieldViolation(field: string, description: string): ErrorResponse {
  return {
    status: 400,
    body: {
      code: 400,
      message: `Bad Request: ${field} ${description}`,
      status: 'INVALID_ARGUMENT',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.BadRequest',
          fieldViolationsList: [{ field, description }],
        },
      ],
    },
  }
}

/** Thrown by the write functions; the app's error handler answers with it. */
export function reject(field: string, description: string): never {
  throw new ApiError(fieldViolation(field, description))
}

export function conflict(message: string, status = 'ALREADY_EXISTS'): never {
  throw new ApiError({ status: 409, body: { code: 409, message, status, details: [] } })
}

export function notFound(what: string): never {
  throw new ApiError({ status: 404, body: { message: `${what} not found`, error: 'Not Found' } })
}
