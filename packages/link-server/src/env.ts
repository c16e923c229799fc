/**
 * The one place that reads the environment. Everything else gets a typed `Config`, so a missing
 * or malformed setting stops the server at start with a message that says what to set.
 */

import { DEFAULT_DIRECTORY_CONCURRENCY } from './providers/provider'

export type Mode = 'production' | 'development' | 'demo' | 'test'

export interface MasterKeyConfig {
  id: string
  /** 32 bytes. */
  key: Uint8Array
}

export interface Config {
  mode: Mode
  host: string
  port: number
  /** Where callers reach this server; also the token issuer. */
  publicUrl: string
  /** Folder for the embedded database and generated development keys. */
  dataDir: string
  /** PostgreSQL; when absent the embedded database in `dataDir` is used. */
  databaseUrl: string | undefined
  /** From LINK_MASTER_KEYS; empty means "generate one" (refused in production). */
  masterKeys: MasterKeyConfig[]
  activeMasterKeyId: string | undefined
  /** Overrides every region's directory host, e.g. to point at the sandbox. */
  directoryUrl: string | undefined
  directoryTimeoutMs: number
  /** Directory calls in flight at once per connection: paging fans out up to this many. */
  directoryConcurrency: number
  logLevel: string
  bodyLimitBytes: number
  /** Use X-Forwarded-For for the client address (only behind a proxy you control). */
  trustProxy: boolean
  rateLimit: { perSession: number; perAddress: number; windowSeconds: number }
  /** Origins the demo host app allows (demo mode only). */
  demoOrigins: string[]
  /** The demo host app's name, which the widget shows (demo mode only). */
  demoAppName: string
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

const MODES: Mode[] = ['production', 'development', 'demo', 'test']

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = []
  const read = (name: string) => {
    const value = env[name]?.trim()
    return value === '' ? undefined : value
  }
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = read(name)
    if (raw === undefined) return fallback
    const value = Number(raw)
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number between ${min} and ${max} (got "${raw}").`)
      return fallback
    }
    return value
  }
  const url = (name: string) => {
    const raw = read(name)
    if (raw === undefined) return undefined
    try {
      const parsed = new URL(raw)
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error()
      return raw.replace(/\/+$/, '')
    } catch {
      problems.push(`${name} must be an http(s) URL (got "${raw}").`)
      return undefined
    }
  }

  const rawMode = read('LINK_MODE') ?? (env.NODE_ENV === 'production' ? 'production' : 'demo')
  let mode: Mode = 'demo'
  if ((MODES as string[]).includes(rawMode)) mode = rawMode as Mode
  else problems.push(`LINK_MODE must be one of ${MODES.join(', ')} (got "${rawMode}").`)

  const port = int('LINK_PORT', 3100, 0, 65535)
  const host = read('LINK_HOST') ?? (mode === 'production' ? '0.0.0.0' : '127.0.0.1')
  const publicUrl = url('LINK_PUBLIC_URL') ?? `http://localhost:${port}`

  const databaseUrl = read('DATABASE_URL')
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// connection string.')
  }

  const masterKeys = parseMasterKeys(read('LINK_MASTER_KEYS'), problems)
  const activeMasterKeyId = read('LINK_ACTIVE_MASTER_KEY') ?? masterKeys[0]?.id
  if (activeMasterKeyId && masterKeys.length > 0) {
    if (!masterKeys.some((k) => k.id === activeMasterKeyId)) {
      problems.push(`LINK_ACTIVE_MASTER_KEY "${activeMasterKeyId}" is not in LINK_MASTER_KEYS.`)
    }
  }
  if (mode === 'production' && masterKeys.length === 0) {
    problems.push(
      'LINK_MASTER_KEYS is required in production: set it to "<key id>:<32 random bytes, base64>", ' +
        'e.g. LINK_MASTER_KEYS="k1:$(openssl rand -base64 32)".',
    )
  }
  if (mode === 'production' && databaseUrl === undefined) {
    problems.push('DATABASE_URL is required in production (the embedded database is for demos).')
  }

  const config: Config = {
    mode,
    host,
    port,
    publicUrl,
    dataDir: read('LINK_DATA_DIR') ?? '.jumplink',
    databaseUrl,
    masterKeys,
    activeMasterKeyId,
    directoryUrl: url('LINK_DIRECTORY_URL'),
    directoryTimeoutMs: int('LINK_DIRECTORY_TIMEOUT_MS', 10_000, 100, 120_000),
    directoryConcurrency: int('LINK_DIRECTORY_CONCURRENCY', DEFAULT_DIRECTORY_CONCURRENCY, 1, 64),
    logLevel: read('LINK_LOG_LEVEL') ?? (mode === 'test' ? 'silent' : 'info'),
    bodyLimitBytes: int('LINK_BODY_LIMIT_BYTES', 64 * 1024, 1024, 10 * 1024 * 1024),
    trustProxy: read('LINK_TRUST_PROXY') === 'true',
    rateLimit: {
      perSession: int('LINK_RATE_LIMIT_PER_SESSION', 10, 1, 10_000),
      perAddress: int('LINK_RATE_LIMIT_PER_ADDRESS', 30, 1, 100_000),
      windowSeconds: int('LINK_RATE_LIMIT_WINDOW_SECONDS', 60, 1, 3600),
    },
    demoAppName: read('LINK_DEMO_APP_NAME') ?? 'JumpLink demo',
    demoOrigins: (read('LINK_DEMO_ORIGINS') ?? 'http://localhost:5173,http://127.0.0.1:5173')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return config
}

/** `id:base64key[,id2:base64key2]`; each key must decode to exactly 32 bytes. */
function parseMasterKeys(raw: string | undefined, problems: string[]): MasterKeyConfig[] {
  if (raw === undefined) return []
  const keys: MasterKeyConfig[] = []
  for (const entry of raw.split(',').map((e) => e.trim())) {
    const [id, material] = entry.split(':', 2)
    const key = material ? Buffer.from(material, 'base64') : undefined
    if (!id || !/^[A-Za-z0-9_-]{1,32}$/.test(id) || !key || key.length !== 32) {
      // Never echo the entry: it is key material.
      problems.push(
        'LINK_MASTER_KEYS entries must look like "<id>:<32 bytes in base64>" (id: letters, digits, _ or -).',
      )
      continue
    }
    keys.push({ id, key: new Uint8Array(key) })
  }
  return keys
}
