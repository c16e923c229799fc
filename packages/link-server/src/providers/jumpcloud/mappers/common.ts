import { createHash } from 'node:crypto'
import type { NamedRef, Ref } from '@jumplink/shared'
import type { GraphConnectionRecord, IdentifiedRecord } from '../records'

/**
 * A record the unified model cannot represent (no id, no creation time). Routes decide whether
 * to drop it with a warning or fail; the mappers never guess a value for a required field.
 */
export class JumpcloudMappingError extends Error {
  override readonly name = 'JumpcloudMappingError'
  constructor(
    readonly entity: string,
    readonly field: string,
  ) {
    super(`JumpCloud ${entity} record has no usable ${field}`)
  }
}

/** JumpCloud writes `""` for unset strings; the model says `null`. */
export function str(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const trimmed = value.trim()
  return trimmed === '' ? null : trimmed
}

/** A string field the model requires. */
export function requireStr(value: unknown, entity: string, field: string): string {
  const result = str(value)
  if (result === null) throw new JumpcloudMappingError(entity, field)
  return result
}

/** `true`/`false` only when JumpCloud said so; anything else is unknown. */
export function bool(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null
}

/** Numbers that System Insights sends as numbers or numeric strings. */
export function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value)
    return Number.isFinite(parsed) ? parsed : null
  }
  return null
}

/** Epoch values above this are milliseconds (year 5138 in seconds). */
const EPOCH_MS_THRESHOLD = 1e11

/** Days 29 to 31 may not exist in their month (Date would roll them over): checked the long way. */
const CANONICAL_INSTANT =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/

/** `YYYY-MM-DDTHH:mm:ss.sssZ` that names a real instant, exactly as `toISOString` writes it. */
function isCanonicalInstant(value: string): boolean {
  return CANONICAL_INSTANT.test(value)
}

/**
 * ISO-8601 UTC with `Z`. Accepts ISO strings with any offset and epoch seconds (floats, as
 * System Insights sends them) or milliseconds. Zero, negatives (osquery's "unknown") and
 * unparsable values are `null`.
 */
export function isoTimestamp(value: unknown): string | null {
  // Most values already are what this returns: a page of users holds hundreds of them.
  if (typeof value === 'string' && value.length === 24 && isCanonicalInstant(value)) return value
  let ms: number | null = null
  const n = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? num(value) : null
  if (typeof value === 'number' || n !== null) {
    const epoch = n ?? (value as number)
    if (!Number.isFinite(epoch) || epoch <= 0) return null
    ms = epoch >= EPOCH_MS_THRESHOLD ? epoch : epoch * 1000
  } else if (typeof value === 'string' && value.trim() !== '') {
    // A zone-less string would parse as local time; only accept explicit instants.
    if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(value.trim())) return null
    ms = Date.parse(value.trim())
  }
  if (ms === null || !Number.isFinite(ms)) return null
  const date = new Date(Math.round(ms))
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

export function requireTimestamp(value: unknown, entity: string, field: string): string {
  const result = isoTimestamp(value)
  if (result === null) throw new JumpcloudMappingError(entity, field)
  return result
}

/**
 * A calendar date `YYYY-MM-DD` from `"YYYYMMDD"` (Windows programs), `"YYYY-MM-DD"`, an ISO
 * timestamp (its UTC date) or epoch seconds. Impossible dates are `null`.
 */
export function isoDate(value: unknown): string | null {
  if (typeof value === 'number') return isoTimestamp(value)?.slice(0, 10) ?? null
  const text = str(value)
  if (text === null) return null
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text)
  const dashed = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  const parts = compact ?? dashed
  if (parts) {
    const [, y, m, d] = parts
    const date = `${y}-${m}-${d}`
    const parsed = new Date(`${date}T00:00:00.000Z`)
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date) ? date : null
  }
  return isoTimestamp(text)?.slice(0, 10) ?? null
}

/** v1 records have `_id` (and usually `id`); v2 records only `id`. */
export function recordId(record: IdentifiedRecord, entity: string): string {
  const id = str(record._id) ?? str(record.id)
  if (id === null) throw new JumpcloudMappingError(entity, '_id')
  return id
}

export function ref(id: string): Ref {
  return { id }
}

export function refOrNull(id: unknown): Ref | null {
  const value = str(id)
  return value === null ? null : { id: value }
}

/** Lowercase ASCII words joined by `-`; stable for a given source string. */
export function slug(value: string): string {
  const base = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  // Names with no ASCII letters or digits still need a distinct, stable id.
  return base === '' ? hashId([value.trim()], 12) : base
}

/** A deterministic hex id from its parts (sha256, truncated). */
export function hashId(parts: readonly unknown[], length = 24): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, length)
}

/** The other end of a graph result: traversals put it at the top, `/members` under `to`. */
export function graphTarget(
  connection: GraphConnectionRecord,
): { id: string; type: string | null } | null {
  const id = str(connection.id) ?? str(connection.to?.id)
  if (id === null) return null
  return { id, type: str(connection.type) ?? str(connection.to?.type) }
}

/**
 * Direct when JumpCloud gives no paths (a `/members` or `/associations` hop) or when any path
 * is a single hop; through a group when every path passes through another node.
 */
export function graphVia(connection: GraphConnectionRecord): 'direct' | 'group' {
  const paths = connection.paths
  if (!Array.isArray(paths) || paths.length === 0) return 'direct'
  return paths.some((path) => !Array.isArray(path) || path.length <= 1) ? 'direct' : 'group'
}

/** Ids of the groups a traversal passed through (every hop but the last), in path order. */
export function graphIntermediates(connection: GraphConnectionRecord, type: string): string[] {
  const ids = new Set<string>()
  for (const path of connection.paths ?? []) {
    if (!Array.isArray(path)) continue
    for (const hop of path.slice(0, -1)) {
      const id = str(hop?.to?.id)
      if (id !== null && str(hop?.to?.type) === type) ids.add(id)
    }
  }
  return [...ids]
}

/**
 * `{id, name}` refs for graph results of one type (e.g. `user_group` from `/users/{id}/memberof`),
 * named from a lookup the caller built from the group list; unknown names are `null`.
 */
export function namedGraphRefs(
  connections: readonly GraphConnectionRecord[],
  type: string,
  names: ReadonlyMap<string, string> = new Map(),
): NamedRef[] {
  const seen = new Set<string>()
  const refs: NamedRef[] = []
  for (const connection of connections) {
    const target = graphTarget(connection)
    if (!target || (target.type !== null && target.type !== type) || seen.has(target.id)) continue
    seen.add(target.id)
    refs.push({ id: target.id, name: names.get(target.id) ?? null })
  }
  return refs
}

/** Case-insensitive email key, for joining admins to users. */
export function emailKey(value: unknown): string | null {
  return str(value)?.toLowerCase() ?? null
}
