import pino, { type Logger } from 'pino'

/** Field names whose values never reach a log line, wherever they sit (two levels deep). */
const SECRET_FIELDS = [
  'api_key',
  'apiKey',
  'authorization',
  'secret',
  'secret_key',
  'client_secret',
  'clientSecret',
  'access_token',
  'accessToken',
  'password',
  'credential',
  'token',
  'public_token',
  'link_token',
  'integration_token',
  'master_key',
  'privateJwk',
]

/** Our own secrets by shape; providers add the shapes of their credentials. */
export const BASE_SECRET_PATTERNS: RegExp[] = [
  /jl_sk_[A-Za-z0-9_-]+/g,
  /jl_pt_[A-Za-z0-9_-]+/g,
  /jl_ing_[A-Za-z0-9_-]+/g,
  // JWTs (ours or anyone's): three base64url segments, the first a JSON header.
  /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g,
]

export interface LogDestination {
  write(line: string): void
}

/** Replaces every secret-shaped substring of a serialized line. */
export function scrubSecrets(line: string, patterns: RegExp[]): string {
  let out = line
  for (const pattern of patterns) out = out.replace(pattern, '[redacted]')
  return out
}

const LEVEL_NAMES: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO ',
  40: 'WARN ',
  50: 'ERROR',
  60: 'FATAL',
}

/**
 * A JSON log line as a person reads it in a terminal: `12:04:31 INFO  message key=value …`.
 * Quiet: a request that went well is left out (the browser shows it); one that failed, a slow
 * one, and every other line are kept. Null for a line left out. Used in demo mode only;
 * production keeps the JSON for log collectors.
 */
export function prettyLine(json: string): string | null {
  let entry: Record<string, unknown>
  try {
    entry = JSON.parse(json) as Record<string, unknown>
  } catch {
    return json
  }
  const { level, time, msg, ...fields } = entry
  const status = typeof fields.status === 'number' ? fields.status : 0
  const slow = typeof fields.duration_ms === 'number' && fields.duration_ms >= 2000
  if (msg === 'request' && status < 400 && !slow) return null
  const clock = new Date(typeof time === 'number' ? time : Date.now()).toTimeString().slice(0, 8)
  const rest = Object.entries(fields)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ')
  const name = LEVEL_NAMES[typeof level === 'number' ? level : 30] ?? String(level)
  return `${clock} ${name} ${String(msg ?? '')}${rest ? `  ${rest}` : ''}\n`
}

/**
 * Structured JSON logs with secrets redacted twice: by field name (pino's redact) and by
 * pattern over the finished line, which catches a secret inside a message or an error.
 * `format: 'pretty'` turns each finished, scrubbed line into `prettyLine`'s short text.
 */
export function createLogger(
  options: {
    level?: string
    destination?: LogDestination
    secretPatterns?: RegExp[]
    format?: 'json' | 'pretty'
  } = {},
): Logger {
  const patterns = [...BASE_SECRET_PATTERNS, ...(options.secretPatterns ?? [])].map(
    (p) => new RegExp(p.source, p.flags.includes('g') ? p.flags : `${p.flags}g`),
  )
  const target = options.destination ?? process.stdout
  return pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      redact: {
        paths: SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
        censor: '[redacted]',
      },
    },
    {
      write: (line: string) => {
        const scrubbed = scrubSecrets(line, patterns)
        if (options.format !== 'pretty') return target.write(scrubbed)
        const pretty = prettyLine(scrubbed)
        if (pretty !== null) target.write(pretty)
      },
    },
  )
}
