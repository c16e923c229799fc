import { JumpLinkError } from '@jumplink/shared'
import type { Context } from 'hono'

/** The bearer credential of a request, or `missing_credentials`. */
export function bearerToken(c: Context): string {
  const header = c.req.header('authorization')
  const match = header?.match(/^Bearer[ ]+([^\s]+)\s*$/i)
  if (!match?.[1]) throw new JumpLinkError('missing_credentials')
  return match[1]
}
