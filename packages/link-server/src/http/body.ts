import { JumpLinkError, parseInput } from '@jumplink/shared'
import type { Context } from 'hono'
import type { z } from 'zod'

/**
 * Reads and validates a JSON body against a contract schema. A missing body counts as `{}`
 * so that required fields are named; a non-JSON content type or malformed JSON is rejected
 * before validation, with the catalog codes for each.
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await c.req.text()
  let input: unknown = {}
  if (text.trim() !== '') {
    const type = c.req.header('content-type') ?? ''
    if (!/^application\/(.+\+)?json\b/i.test(type))
      throw new JumpLinkError('unsupported_media_type')
    try {
      input = JSON.parse(text)
    } catch {
      throw new JumpLinkError('invalid_request', { message: 'The body is not valid JSON.' })
    }
  }
  const result = parseInput(schema, input)
  if (!result.ok) throw result.error
  return result.data
}

/** Validates a query string against a contract schema. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const result = parseInput(schema, c.req.query())
  if (!result.ok) throw result.error
  return result.data
}
