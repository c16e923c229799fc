/**
 * The one place that reads the environment. `ENVIRONMENT` declares every variable (what it is,
 * its default, how it is parsed, in which modes it must be set) and `RULES` the checks across
 * variables; `loadConfig` is derived from both, and so is `docs/environment.md`
 * (`pnpm docs:environment`). A missing or malformed setting stops the server at start with a
 * message that says what to set.
 */

import { z } from 'zod'
import { isLoopbackHost, normalizeOrigin } from './origins'
import { DEFAULT_DIRECTORY_CONCURRENCY } from './providers/provider'

export const MODES = ['production', 'development', 'demo', 'test'] as const
export type Mode = (typeof MODES)[number]

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
  changeHintSeconds: number
  logLevel: string
  bodyLimitBytes: number
  /** Use X-Forwarded-For for the client address (only behind a proxy you control). */
  trustProxy: boolean
  rateLimit: { perSession: number; perAddress: number; windowSeconds: number }
  /** Origins the demo host app allows (demo mode only). */
  demoOrigins: string[]
  /** The demo host app's name, which the widget shows (demo mode only). */
  demoAppName: string
  /** Whether `/docs` (the API reference page) is served. */
  docsEnabled: boolean
  /** How often a running server looks for signing keys rotated or retired elsewhere. */
  signingKeyRefreshMs: number
  /** How long JWKS keeps publishing a retired signing key. */
  retiredKeyGraceMs: number
  /** Redis shared by every instance (limits, the directory cap, events); absent: this process only. */
  redisUrl: string | undefined
  /** Before every Redis key and channel, so deployments can share one Redis. */
  redisPrefix: string
  /** `/metrics`: served or not, and behind which bearer token. */
  metrics: { enabled: boolean; token: string | undefined }
  /** How long requests in flight may take to finish after SIGTERM. */
  shutdownGraceMs: number
  /** Traces go here over OTLP/HTTP (OTEL_EXPORTER_OTLP_ENDPOINT); none when absent. */
  otlpEndpoint: string | undefined
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

/** What a default may depend on: the mode, and the port (the public URL's default uses it). */
export interface DefaultContext {
  mode: Mode
  port: number
}

export interface Variable<T> {
  description: string
  /** What a valid value looks like, as the docs and error messages say it. */
  format: string
  /** Parses the trimmed, non-empty raw value. */
  schema: z.ZodType<T, string>
  /** The value when unset (absent: unset stays undefined). */
  default?: (context: DefaultContext) => T
  /** The default as the docs say it. */
  defaultText?: string
  /** Modes in which the variable must be set. */
  requiredIn?: readonly Mode[]
  /** Key material or passwords: never echoed in an error. */
  secret?: boolean
}

function variable<T>(spec: Variable<T> & { default: (context: DefaultContext) => T }): typeof spec
function variable<T>(spec: Variable<T>): Variable<T>
function variable<T>(spec: Variable<T>): Variable<T> {
  return spec
}

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))

const flag = z.enum(['true', 'false']).transform((value) => value === 'true')

/** An http(s) URL with nothing after the host but an optional path; trailing slashes dropped. */
const httpUrl = z
  .string()
  .refine((raw) => {
    try {
      const url = new URL(raw)
      return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.hash
    } catch {
      return false
    }
  })
  .transform((raw) => raw.replace(/\/+$/, ''))

/** Standard base64 of exactly 32 bytes (44 characters, one `=`), nothing skipped or ignored. */
const BASE64_32_BYTES = /^[A-Za-z0-9+/]{43}=$/
/** Fewer distinct bytes than this is a made-up key (random 32 bytes have about 31). */
const MIN_DISTINCT_KEY_BYTES = 16

const masterKeys = z.string().transform((raw, context) => {
  const keys: MasterKeyConfig[] = []
  for (const entry of raw.split(',').map((e) => e.trim())) {
    const separator = entry.indexOf(':')
    const id = entry.slice(0, separator)
    const material = entry.slice(separator + 1)
    // Never quote the entry: it is key material.
    if (separator < 1 || !/^[A-Za-z0-9_-]{1,32}$/.test(id) || !BASE64_32_BYTES.test(material)) {
      context.addIssue({
        code: 'custom',
        message: 'each entry must be "<id>:<32 bytes in base64>" (id: letters, digits, _ or -)',
      })
      continue
    }
    const key = Buffer.from(material, 'base64')
    if (new Set(key).size < MIN_DISTINCT_KEY_BYTES) {
      context.addIssue({
        code: 'custom',
        message: `key "${id}" is not random (generate one with \`openssl rand -base64 32\`)`,
      })
      continue
    }
    if (keys.some((k) => k.id === id)) {
      context.addIssue({ code: 'custom', message: `key id "${id}" appears twice` })
      continue
    }
    keys.push({ id, key: new Uint8Array(key) })
  }
  return keys
})

const origins = z.string().transform((raw, context) => {
  const list: string[] = []
  for (const entry of raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)) {
    try {
      list.push(normalizeOrigin(entry))
    } catch (error) {
      context.addIssue({ code: 'custom', message: (error as Error).message })
    }
  }
  return list
})

const ALL_MODES = MODES

/** Every environment variable the link server reads. */
export const ENVIRONMENT = {
  LINK_MODE: variable({
    description:
      'How the server runs. `production`: PostgreSQL, configured master keys, https. `development`: ' +
      'your own setup on this machine. `demo`: the local demo (`npm run demo`), with a demo host app ' +
      'whose secret is public. `test`: the test suites. There is no default: a server never ' +
      'falls into demo mode by accident.',
    format: `one of ${MODES.join(', ')}`,
    schema: z.enum(MODES),
    requiredIn: ALL_MODES,
  }),
  LINK_PORT: variable({
    description: 'The port to listen on.',
    format: 'a whole number between 0 and 65535',
    schema: integer(0, 65535),
    default: () => 3100,
    defaultText: '`3100`',
  }),
  LINK_HOST: variable({
    description: 'The address to listen on.',
    format: 'an address or host name',
    schema: z.string(),
    default: ({ mode }) => (mode === 'production' ? '0.0.0.0' : '127.0.0.1'),
    defaultText: '`0.0.0.0` in production, `127.0.0.1` otherwise',
  }),
  LINK_PUBLIC_URL: variable({
    description:
      'Where callers reach this server: the tokens’ issuer, the base of links and the origin of ' +
      'the hosted widget page. https, except on this machine (localhost, 127.0.0.1, ::1). In demo ' +
      'mode it must be on this machine.',
    format: 'an http(s) URL',
    schema: httpUrl,
    default: ({ port }) => `http://localhost:${port}`,
    defaultText: '`http://localhost:$LINK_PORT` (outside production)',
    requiredIn: ['production'],
  }),
  DATABASE_URL: variable({
    description:
      'PostgreSQL connection string. Unset: the embedded database (PGlite) in `LINK_DATA_DIR`. ' +
      'In demo mode it must be a database on this machine.',
    format: 'a postgres:// or postgresql:// URL',
    schema: z.string().regex(/^postgres(ql)?:\/\//),
    requiredIn: ['production'],
    secret: true,
  }),
  LINK_DATA_DIR: variable({
    description:
      'Folder of the embedded database and the generated development master key (created 0700, ' +
      'files 0600).',
    format: 'a folder path',
    schema: z.string(),
    default: () => '.jumplink',
    defaultText: '`.jumplink`',
  }),
  LINK_MASTER_KEYS: variable({
    description:
      'Master keys that seal stored API keys and signing keys: `id:base64(32 random bytes)`, ' +
      'comma-separated for rotation (e.g. `k1:$(openssl rand -base64 32)`). Strict base64; keys ' +
      'that are not random (all zero, one repeated byte) are refused. Unset outside production: ' +
      'a development key is generated in `LINK_DATA_DIR`.',
    format: 'id:base64key[,id2:base64key2]',
    schema: masterKeys,
    default: () => [],
    defaultText: 'none (generated outside production)',
    requiredIn: ['production'],
    secret: true,
  }),
  LINK_ACTIVE_MASTER_KEY: variable({
    description: 'Which master key seals new secrets (the others only open old ones).',
    format: 'a key id from LINK_MASTER_KEYS',
    schema: z.string(),
    defaultText: 'the first key of `LINK_MASTER_KEYS`',
  }),
  LINK_DIRECTORY_URL: variable({
    description: 'Overrides every region’s directory host, e.g. to point at the sandbox.',
    format: 'an http(s) URL',
    schema: httpUrl,
  }),
  LINK_DIRECTORY_TIMEOUT_MS: variable({
    description: 'Timeout of one directory call, body included.',
    format: 'a whole number between 100 and 120000',
    schema: integer(100, 120_000),
    default: () => 10_000,
    defaultText: '`10000`',
  }),
  LINK_DIRECTORY_CONCURRENCY: variable({
    description:
      'Directory calls in flight at once per connection; a page of 1000 fans out up to this many.',
    format: 'a whole number between 1 and 64',
    schema: integer(1, 64),
    default: () => DEFAULT_DIRECTORY_CONCURRENCY,
    defaultText: `\`${DEFAULT_DIRECTORY_CONCURRENCY}\``,
  }),
  LINK_CHANGE_HINT_SECONDS: variable({
    description:
      "How often each synced connection's directory audit log is asked whether anything changed since its last sync (one call; a change starts a sync at once). 0 turns it off.",
    format: 'a whole number of seconds between 0 and 86400',
    schema: integer(0, 86_400),
    default: () => 60,
    defaultText: '`60`',
  }),
  LINK_LOG_LEVEL: variable({
    description: 'Log level (pino).',
    format: 'one of fatal, error, warn, info, debug, trace, silent',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    default: ({ mode }) => (mode === 'test' ? 'silent' : 'info'),
    defaultText: '`info` (`silent` in test mode)',
  }),
  LINK_BODY_LIMIT_BYTES: variable({
    description: 'Largest request body accepted.',
    format: 'a whole number between 1024 and 10485760',
    schema: integer(1024, 10 * 1024 * 1024),
    default: () => 64 * 1024,
    defaultText: '`65536`',
  }),
  LINK_TRUST_PROXY: variable({
    description:
      'Take the client address (for rate limits) from the first `X-Forwarded-For` hop. Only ' +
      'behind a proxy that overwrites that header.',
    format: '`true` or `false`',
    schema: flag,
    default: () => false,
    defaultText: '`false`',
  }),
  LINK_RATE_LIMIT_PER_SESSION: variable({
    description: 'Key checks allowed per link session per window.',
    format: 'a whole number between 1 and 10000',
    schema: integer(1, 10_000),
    default: () => 10,
    defaultText: '`10`',
  }),
  LINK_RATE_LIMIT_PER_ADDRESS: variable({
    description: 'Key checks allowed per client address per window.',
    format: 'a whole number between 1 and 100000',
    schema: integer(1, 100_000),
    default: () => 30,
    defaultText: '`30`',
  }),
  LINK_RATE_LIMIT_WINDOW_SECONDS: variable({
    description: 'The rate limits’ window.',
    format: 'a whole number between 1 and 3600',
    schema: integer(1, 3600),
    default: () => 60,
    defaultText: '`60`',
  }),
  LINK_DOCS: variable({
    description:
      'Serve the API reference page at `/docs` (its assets come from this server, under a strict ' +
      'CSP). `/openapi.json` is served either way.',
    format: '`true` or `false`',
    schema: flag,
    default: () => true,
    defaultText: '`true`',
  }),
  LINK_SIGNING_KEY_REFRESH_SECONDS: variable({
    description:
      'How often a running server checks the database for key changes made by the CLI or another ' +
      'instance: signing keys rotated or retired, a master key activated or retired (one small ' +
      'query each, off the request path; with Redis the change also arrives at once).',
    format: 'a whole number between 1 and 3600',
    schema: integer(1, 3600),
    default: () => 10,
    defaultText: '`10`',
  }),
  LINK_RETIRED_KEY_GRACE_SECONDS: variable({
    description:
      'How long `/.well-known/jwks.json` keeps listing a retired signing key (tokens under it stop ' +
      'verifying at once).',
    format: 'a whole number between 0 and 2592000',
    schema: integer(0, 30 * 24 * 3600),
    default: () => 24 * 3600,
    defaultText: '`86400` (a day)',
  }),
  LINK_DEMO_APP_NAME: variable({
    description: 'Name of the demo host app, shown in the widget (demo mode only).',
    format: 'text',
    schema: z.string().max(100),
    default: () => 'JumpLink demo',
    defaultText: '`JumpLink demo`',
  }),
  LINK_DEMO_ORIGINS: variable({
    description:
      'Origins the demo host app allows (demo mode only), comma-separated, each exactly an ' +
      'origin: https, or http on this machine; no wildcards, no `null`.',
    format: 'origin[,origin…]',
    schema: origins,
    default: () => ['http://localhost:5173', 'http://127.0.0.1:5173'],
    defaultText: '`http://localhost:5173,http://127.0.0.1:5173`',
  }),
  REDIS_URL: variable({
    description:
      'Redis shared by every instance: rate limits, the per-connection directory cap and events ' +
      '(connection changes, key reloads). Unset: each process keeps its own.',
    format: 'a redis:// or rediss:// URL',
    schema: z.string().regex(/^rediss?:\/\//),
    // It may hold a password.
    secret: true,
  }),
  LINK_REDIS_PREFIX: variable({
    description: 'Before every Redis key and channel, so that deployments can share one Redis.',
    format: 'text',
    schema: z.string().max(64),
    default: () => 'jumplink:',
    defaultText: '`jumplink:`',
  }),
  LINK_METRICS: variable({
    description:
      'Prometheus metrics at `/metrics`. `auto`: served outside production, and in production only ' +
      'with `LINK_METRICS_TOKEN`.',
    format: 'one of on, off, auto',
    schema: z.enum(['on', 'off', 'auto']),
    default: () => 'auto' as const,
    defaultText: '`auto`',
  }),
  LINK_METRICS_TOKEN: variable({
    description: 'Bearer token that `/metrics` requires (at least 16 characters).',
    format: 'at least 16 characters',
    schema: z.string().min(16),
    secret: true,
  }),
  LINK_SHUTDOWN_GRACE_MS: variable({
    description: 'How long requests in flight may take to finish after SIGTERM.',
    format: 'a whole number between 0 and 600000',
    schema: integer(0, 600_000),
    default: () => 25_000,
    defaultText: '`25000`',
  }),
  OTEL_EXPORTER_OTLP_ENDPOINT: variable({
    description: 'Where traces go over OTLP/HTTP; none are sent when unset.',
    format: 'an http(s) URL',
    schema: httpUrl,
  }),
} satisfies Record<string, Variable<unknown>>

export type VariableName = keyof typeof ENVIRONMENT
type Values = {
  [K in VariableName]: (typeof ENVIRONMENT)[K] extends { default: (c: DefaultContext) => infer T }
    ? T
    : (typeof ENVIRONMENT)[K] extends Variable<infer T>
      ? T | undefined
      : never
}

/** Checks across variables, run once each one parsed; each says what is wrong in one sentence. */
export const RULES: { description: string; check: (config: Config) => string | undefined }[] = [
  {
    description: '`LINK_ACTIVE_MASTER_KEY` must name a key of `LINK_MASTER_KEYS`.',
    check: ({ masterKeys, activeMasterKeyId }) =>
      masterKeys.length > 0 &&
      activeMasterKeyId !== undefined &&
      !masterKeys.some((k) => k.id === activeMasterKeyId)
        ? `LINK_ACTIVE_MASTER_KEY "${activeMasterKeyId}" is not in LINK_MASTER_KEYS.`
        : undefined,
  },
  {
    description:
      '`LINK_METRICS=on` in production needs `LINK_METRICS_TOKEN` (metrics are not public).',
    check: ({ mode, metrics }) =>
      mode === 'production' && metrics.enabled && metrics.token === undefined
        ? 'LINK_METRICS=on in production needs LINK_METRICS_TOKEN (metrics are not public).'
        : undefined,
  },
  {
    description:
      '`LINK_PUBLIC_URL` must be https, except on this machine (localhost, 127.0.0.1, ::1).',
    check: ({ publicUrl }) => {
      const url = new URL(publicUrl)
      return url.protocol === 'https:' || isLoopbackHost(url.hostname)
        ? undefined
        : `LINK_PUBLIC_URL must be https (http only on this machine); got "${publicUrl}".`
    },
  },
  {
    description:
      'Demo mode: `LINK_PUBLIC_URL` and `DATABASE_URL` must be on this machine (its host app’s ' +
      'secret is public, so a demo must never be reachable or share a database).',
    check: ({ mode, publicUrl, databaseUrl }) => {
      if (mode !== 'demo') return undefined
      if (!isLoopbackHost(new URL(publicUrl).hostname)) {
        return `LINK_MODE=demo serves a public secret: LINK_PUBLIC_URL must be on this machine (got "${publicUrl}").`
      }
      if (databaseUrl !== undefined && !isLocalDatabase(databaseUrl)) {
        return 'LINK_MODE=demo serves a public secret: DATABASE_URL must be a database on this machine (or unset for the embedded one).'
      }
      return undefined
    },
  },
]

/** auto: served outside production, and in production only behind a token. */
function metricsOf(
  setting: 'on' | 'off' | 'auto',
  token: string | undefined,
  mode: Mode,
): Config['metrics'] {
  const enabled =
    setting === 'on' || (setting === 'auto' && (mode !== 'production' || token !== undefined))
  return { enabled, token }
}

/** A PostgreSQL URL whose host is loopback or a Unix socket (no host, or a path). */
function isLocalDatabase(databaseUrl: string): boolean {
  let url: URL
  try {
    url = new URL(databaseUrl)
  } catch {
    return false
  }
  const socketHost = url.searchParams.get('host')
  if (socketHost !== null) return socketHost.startsWith('/') || isLoopbackHost(socketHost)
  return url.hostname === '' || isLoopbackHost(url.hostname)
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = []
  const raw = (name: VariableName) => {
    const value = env[name]?.trim()
    return value === '' ? undefined : value
  }
  function parse<K extends VariableName>(name: K, context: DefaultContext): Values[K] {
    const spec: Variable<unknown> = ENVIRONMENT[name]
    const value = raw(name)
    if (value === undefined) {
      if (spec.requiredIn?.includes(context.mode)) {
        problems.push(`${name} is required in ${context.mode} mode: ${spec.format}.`)
      }
      return spec.default?.(context) as Values[K]
    }
    const result = spec.schema.safeParse(value)
    if (result.success) return result.data as Values[K]
    const detail = result.error.issues
      .filter((issue) => issue.code === 'custom')
      .map((issue) => issue.message)
    problems.push(
      `${name} must be ${spec.format}${spec.secret ? '' : ` (got "${value}")`}${detail.length > 0 ? `: ${detail.join('; ')}` : ''}.`,
    )
    return spec.default?.(context) as Values[K]
  }

  // The mode first: defaults and requirements depend on it. Unset, it is reported and the rest is
  // still checked as in production, so that one start lists every problem.
  const rawMode = raw('LINK_MODE')
  const modeResult = ENVIRONMENT.LINK_MODE.schema.safeParse(rawMode)
  const mode: Mode = modeResult.success ? modeResult.data : 'production'
  if (rawMode === undefined) {
    problems.push(
      `LINK_MODE is required: ${ENVIRONMENT.LINK_MODE.format} (\`npm run demo\` sets demo).`,
    )
  } else if (!modeResult.success) {
    problems.push(`LINK_MODE must be ${ENVIRONMENT.LINK_MODE.format} (got "${rawMode}").`)
  }
  const port = parse('LINK_PORT', { mode, port: 0 })
  const context = { mode, port }
  const masterKeyList = parse('LINK_MASTER_KEYS', context)

  const config: Config = {
    mode,
    host: parse('LINK_HOST', context),
    port,
    publicUrl: parse('LINK_PUBLIC_URL', context),
    dataDir: parse('LINK_DATA_DIR', context),
    databaseUrl: parse('DATABASE_URL', context),
    masterKeys: masterKeyList,
    activeMasterKeyId: parse('LINK_ACTIVE_MASTER_KEY', context) ?? masterKeyList[0]?.id,
    directoryUrl: parse('LINK_DIRECTORY_URL', context),
    directoryTimeoutMs: parse('LINK_DIRECTORY_TIMEOUT_MS', context),
    directoryConcurrency: parse('LINK_DIRECTORY_CONCURRENCY', context),
    changeHintSeconds: parse('LINK_CHANGE_HINT_SECONDS', context),
    logLevel: parse('LINK_LOG_LEVEL', context),
    bodyLimitBytes: parse('LINK_BODY_LIMIT_BYTES', context),
    trustProxy: parse('LINK_TRUST_PROXY', context),
    rateLimit: {
      perSession: parse('LINK_RATE_LIMIT_PER_SESSION', context),
      perAddress: parse('LINK_RATE_LIMIT_PER_ADDRESS', context),
      windowSeconds: parse('LINK_RATE_LIMIT_WINDOW_SECONDS', context),
    },
    docsEnabled: parse('LINK_DOCS', context),
    signingKeyRefreshMs: parse('LINK_SIGNING_KEY_REFRESH_SECONDS', context) * 1000,
    retiredKeyGraceMs: parse('LINK_RETIRED_KEY_GRACE_SECONDS', context) * 1000,
    demoAppName: parse('LINK_DEMO_APP_NAME', context),
    demoOrigins: parse('LINK_DEMO_ORIGINS', context),
    redisUrl: parse('REDIS_URL', context),
    redisPrefix: parse('LINK_REDIS_PREFIX', context),
    metrics: metricsOf(parse('LINK_METRICS', context), parse('LINK_METRICS_TOKEN', context), mode),
    shutdownGraceMs: parse('LINK_SHUTDOWN_GRACE_MS', context),
    otlpEndpoint: parse('OTEL_EXPORTER_OTLP_ENDPOINT', context),
  }
  for (const rule of RULES) {
    const problem = rule.check(config)
    if (problem) problems.push(problem)
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return config
}
