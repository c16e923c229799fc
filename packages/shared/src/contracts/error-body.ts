import { z } from 'zod'
import { ERROR_CODES, type ErrorCode } from '../errors'

/** The one error shape, as a schema for the OpenAPI document and for clients that validate. */
export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      request_id: z.string(),
      retryable: z.boolean(),
      retry_after: z.number().int().nonnegative().optional(),
      details: z
        .looseObject({
          issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
        })
        .optional(),
    }),
  })
  .meta({ id: 'Error' })
