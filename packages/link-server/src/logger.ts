import pino, { type Logger } from 'pino'

/** Field names whose values never reach a log line, wherever they sit (two levels deep). */
const SECRET_FIELDS = [
  'api_key',
  'apiKey',
  'authorization',
  'secret',
  'secret_key',
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

/**
 * Structured JSON logs with secrets redacted twice: by field name (pino's redact) and by
 * pattern over the finished line, which catches a secret inside a message or an error.
 */
export function createLogger(
  options: { level?: string; destination?: LogDestination; secretPatterns?: RegExp[] } = {},
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
    { write: (line: string) => target.write(scrubSecrets(line, patterns)) },
  )
}
