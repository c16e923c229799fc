import type { z } from 'zod'
import { type ErrorCode, type FieldIssue, JumpLinkError } from '../errors'

export type ParseResult<T> = { ok: true; data: T } | { ok: false; error: JumpLinkError }

export interface ParseOptions {
  /** The code for a parameter the schema does not know (`unsupported_filter` on list queries). */
  unknownKeysCode?: ErrorCode
  /** Codes for particular top-level fields, e.g. `{ cursor: 'invalid_cursor' }`. */
  fieldCodes?: Record<string, ErrorCode>
}

/**
 * Validates input against a contract schema and, when it fails, builds the exact catalog error
 * the server answers with, with one issue per bad field. The server and the tests both use it,
 * so what a test shows is what a caller gets.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  options: ParseOptions = {},
): ParseResult<z.output<S>> {
  const result = schema.safeParse(input)
  if (result.success) return { ok: true, data: result.data }

  const issues: FieldIssue[] = []
  let code: ErrorCode = 'invalid_request'
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.')
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys.map(echoableKey)) {
        issues.push({ path: path ? `${path}.${key}` : key, message: 'is not a known parameter' })
      }
      if (options.unknownKeysCode && path === '') code = options.unknownKeysCode
      continue
    }
    issues.push({ path, message: issue.message })
    const fieldCode = options.fieldCodes?.[String(issue.path[0])]
    if (fieldCode) code = fieldCode
  }

  const first = issues[0]
  const message =
    code === 'invalid_request' && first
      ? `${first.path === '' ? 'The body' : `\`${first.path}\``} ${lowerFirst(first.message)}`
      : undefined
  return { ok: false, error: new JumpLinkError(code, { message, details: { issues } }) }
}

/** Options for every unified list query. */
export const LIST_QUERY_PARSE_OPTIONS: ParseOptions = {
  unknownKeysCode: 'unsupported_filter',
  fieldCodes: { cursor: 'invalid_cursor' },
}

/**
 * An unknown field's name as an error may repeat it: only if it looks like a field name. A
 * secret pasted as a name (an API key as a JSON key) or odd characters never travel back in an
 * error, where SDKs and host apps log them.
 */
const ECHOABLE_KEY = /^[A-Za-z_][A-Za-z0-9_-]{0,31}$/

function echoableKey(key: string): string {
  return ECHOABLE_KEY.test(key) ? key : '(an unknown field)'
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
}
