import { JumpLinkError } from '@jumplink/shared'

/** A position in a list ordered by (created at, id): what the next page starts after. */
export interface CreatedAtPosition {
  createdAt: Date
  id: string
}

/** An opaque cursor for host-API lists ordered by creation (connections, webhook endpoints). */
export function encodeCreatedAtCursor({ createdAt, id }: CreatedAtPosition): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString('base64url')
}

/** The position a cursor names; anything else is the caller's mistake, `invalid_cursor`. */
export function decodeCreatedAtCursor(cursor: string): CreatedAtPosition {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[]
    const createdAt = new Date(String(at))
    if (typeof id !== 'string' || Number.isNaN(createdAt.getTime())) throw new Error()
    return { createdAt, id }
  } catch {
    throw new JumpLinkError('invalid_cursor')
  }
}
