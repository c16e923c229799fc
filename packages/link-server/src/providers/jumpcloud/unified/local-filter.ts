import { platformOf } from '../mappers/device'

// v1 `field:$op:value` filters checked on records already read: every filter of a read through
// `POST /api/search/*` (whose body filter the V1 spec documents only as exact matches), and the
// forms the V1 spec documents nowhere (`filters.ts`: `local`), which are never sent. Only the
// operators `filters.ts` writes: `$eq`, and `$gt` on dates.

function text(value: unknown): string | null {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return null
}

/** Fields a record does not carry but is shown with: `platform` as the device mapper reads it. */
const DERIVED: Record<string, (record: Record<string, unknown>) => string> = {
  platform: (record) => platformOf(record.osFamily, record.os),
}

export interface LocalFilter {
  field: string
  op: '$eq' | '$gt'
  value: string
}

export function parseLocalFilter(filter: string): LocalFilter {
  const match = /^([^:]+):(\$eq|\$gt):(.*)$/s.exec(filter)
  if (!match) throw new Error(`no local form for filter ${filter.split(':', 2).join(':')}`)
  return { field: match[1] as string, op: match[2] as LocalFilter['op'], value: match[3] as string }
}

/** Whether `record` passes the filter as JumpCloud applies it (exact, case-sensitive). */
export function matchesLocalFilter(record: object, filter: LocalFilter): boolean {
  const derive = DERIVED[filter.field]
  const actual = derive
    ? derive(record as Record<string, unknown>)
    : text((record as Record<string, unknown>)[filter.field])
  switch (filter.op) {
    case '$eq':
      return actual === filter.value
    case '$gt': {
      const at = actual === null ? Number.NaN : Date.parse(actual)
      return !Number.isNaN(at) && at > Date.parse(filter.value)
    }
  }
}
