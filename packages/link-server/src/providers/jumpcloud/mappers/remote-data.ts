import type { InsightRowBase, SystemRecord } from '../records'

// `include_remote_data` returns JumpCloud's raw record, minus anything secret (C1). The lists
// are fixed and applied at every depth, so a secret nested in `config`, `attributes`, `admin`
// or an insights row is caught the same way as a top-level one.

/** Keys removed outright, compared lowercased without `_` and `-`. */
const DENIED_KEYS = new Set([
  'publickey',
  'sshkeys',
  'recoveryemail',
  'apikey',
  'apikeyhash',
  'apitoken',
  'accesstoken',
  'refreshtoken',
  'token',
  'secret',
  'clientsecret',
  'sharedsecret',
  'totpsecret',
  'totpkey',
  'mfasecret',
  'privatekey',
  'idpprivatekey',
  'connectionkey',
  'systemkey',
  'recoverykey',
  'fderecoverykey',
  'bitlockerrecoverykey',
])

/**
 * Key suffixes removed: a password itself (`password`, `userPassword`, `bind_password`), its
 * hash or salt, any `*secret`, `*privatekey`. Flags and dates about a password are not secret
 * and stay (`passwordless_sudo`, `password_never_expires`, `password_expired`, `password_date`).
 */
const DENIED_SUFFIXES = [
  'password',
  'passwordhash',
  'passwordsalt',
  'passwd',
  'passphrase',
  'secret',
  'privatekey',
  'apikey',
  'recoverykey',
]

/** Names of attributes and changed fields whose values are never shown. */
const SECRET_NAME = /pass(word|wd|phrase)|secret|token|api[_-]?key|private[_-]?key|totp/i

function normalise(key: string): string {
  return key.toLowerCase().replace(/[_-]/g, '')
}

export function isDeniedKey(key: string): boolean {
  const k = normalise(key)
  return DENIED_KEYS.has(k) || DENIED_SUFFIXES.some((s) => k.endsWith(s))
}

/** A custom attribute or config item name that says its value is secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name)
}

/** Value-carrying keys of `{name, value}` attributes, `{field, from, to}` changes, config items. */
const VALUE_KEYS = ['value', 'values', 'from', 'to', 'default', 'defaultValue']

/** An element flagged secret by JumpCloud (`secret`, `sensitive`, a password-typed item) or by name. */
function isFlagged(record: Record<string, unknown>): boolean {
  if (record.secret === true || record.sensitive === true || record.encrypted === true) return true
  const type = typeof record.type === 'string' ? record.type.toLowerCase() : ''
  if (type === 'password' || type === 'secret') return true
  return ['name', 'field', 'label', 'key'].some((key) => {
    const value = record[key]
    return typeof value === 'string' && isSecretName(value)
  })
}

/** A deep copy without secrets; the input is not touched. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact)
  if (value === null || typeof value !== 'object') return value
  const source = value as Record<string, unknown>
  const flagged = isFlagged(source)
  const result: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(source)) {
    if (isDeniedKey(key)) continue
    if (flagged && VALUE_KEYS.includes(key)) continue
    result[key] = redact(item)
  }
  return result
}

/** `mapped` plus `remote_data`: the raw record, redacted. For `include_remote_data=true`. */
export function withRemoteData<T extends object>(
  mapped: T,
  raw: object,
): T & { remote_data: Record<string, unknown> } {
  return { ...mapped, remote_data: redact(raw) as Record<string, unknown> }
}

/** A device's raw data is composite: the system plus the insights rows it was built from. */
export function deviceRemoteData(
  system: SystemRecord,
  insights: Readonly<Record<string, readonly InsightRowBase[] | undefined>> = {},
): { system: SystemRecord; insights: Record<string, InsightRowBase[]> } {
  const tables: Record<string, InsightRowBase[]> = {}
  for (const [table, rows] of Object.entries(insights)) if (rows) tables[table] = [...rows]
  return { system, insights: tables }
}
