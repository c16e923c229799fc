import { createHash } from 'node:crypto'

export interface FieldChange {
  field: string
  from: unknown
  to: unknown
}

/** JSON with keys sorted, so equal records always give equal text (and fingerprints). */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  )
}

export function fingerprint(snapshot: unknown): string {
  return createHash('sha256').update(stableJson(snapshot)).digest('base64url').slice(0, 22)
}

/** The record without the fields that change without meaning anything (last contact, raw data). */
export function tracked(
  record: Record<string, unknown>,
  ignore: readonly string[],
): Record<string, unknown> {
  const copy: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record)) if (!ignore.includes(key)) copy[key] = value
  return copy
}

/** What changed between two snapshots, by dotted path for nested objects; arrays as wholes. */
export function diff(from: unknown, to: unknown, path = ''): FieldChange[] {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
  if (isObject(from) && isObject(to)) {
    const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort()
    return keys.flatMap((key) => diff(from[key], to[key], path ? `${path}.${key}` : key))
  }
  if (stableJson(from) === stableJson(to)) return []
  return [{ field: path, from: from ?? null, to: to ?? null }]
}
