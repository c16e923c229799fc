import { createHash, timingSafeEqual } from 'node:crypto'
import { JumpLinkError } from '@jumplink/shared'
import type { Vault } from '../crypto/vault'

/**
 * List cursors: base64url JSON `{v, c, p, h, t}` — version, collection, the provider's upstream
 * position, a hash of the filters it was issued for, and a tag binding all of it to the
 * connection. Opaque to callers; a cursor replayed with other filters, on another collection or
 * connection, or edited in any way is `invalid_cursor`.
 */
const VERSION = 1

export interface CursorScope {
  connectionId: string
  collection: string
  /** Parent id of nested collections plus the filters, as validated. */
  filters: Record<string, unknown>
}

interface CursorBody {
  v: number
  c: string
  p: unknown
  h: string
  t: string
}

/** Order-independent hash of the filters (undefined ones dropped). */
export function filtersHash(filters: Record<string, unknown>): string {
  const entries = Object.entries(filters)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return createHash('sha256').update(JSON.stringify(entries)).digest('base64url').slice(0, 22)
}

function tagOf(vault: Vault, scope: CursorScope, body: Omit<CursorBody, 't'>): string {
  return vault.mac(JSON.stringify([body.v, body.c, body.p, body.h]), `cursor:${scope.connectionId}`)
}

export function encodeCursor(vault: Vault, scope: CursorScope, position: unknown): string {
  const body = { v: VERSION, c: scope.collection, p: position, h: filtersHash(scope.filters) }
  const cursor: CursorBody = { ...body, t: tagOf(vault, scope, body) }
  return Buffer.from(JSON.stringify(cursor)).toString('base64url')
}

/** The upstream position of a cursor issued for exactly this scope. */
export function decodeCursor(vault: Vault, scope: CursorScope, cursor: string): unknown {
  let body: CursorBody
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url')
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorBody
  } catch {
    throw invalid('The cursor is malformed.')
  }
  if (
    typeof body !== 'object' ||
    body === null ||
    body.v !== VERSION ||
    typeof body.t !== 'string' ||
    typeof body.h !== 'string' ||
    !('p' in body)
  ) {
    throw invalid('The cursor is malformed.')
  }
  const expected = tagOf(vault, scope, { v: body.v, c: body.c, p: body.p, h: body.h })
  if (!safeEqual(expected, body.t)) throw invalid('The cursor was not issued for this list.')
  if (body.c !== scope.collection) throw invalid('The cursor belongs to another collection.')
  if (body.h !== filtersHash(scope.filters)) {
    throw invalid('The cursor was issued for other filters; send the same filters with it.')
  }
  return body.p
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

function invalid(message: string): JumpLinkError {
  return new JumpLinkError('invalid_cursor', { message })
}
