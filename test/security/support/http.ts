import { request } from 'node:http'
import { ERROR_CATALOG, ErrorBodySchema, type ErrorCode } from '@jumplink/shared'
import { expect } from 'vitest'

/** One answer, read whole: what the caller saw. */
export interface Reply {
  status: number
  headers: Headers
  text: string
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown
}

export interface CallOptions {
  token?: string
  /** Sent as JSON. */
  body?: unknown
  /** Sent as is (string or bytes), with `headers` deciding the content type. */
  raw?: string | Uint8Array<ArrayBuffer>
  headers?: Record<string, string>
}

export type Call = (method: string, path: string, options?: CallOptions) => Promise<Reply>

/**
 * Calls a server over HTTP and keeps every answer (status, headers, body) in `seen`, so that a
 * test can look for secrets in everything a caller was ever sent. node:http rather than fetch:
 * the path goes out exactly as written (fetch would resolve `%2e%2e`), and an answer that comes
 * before the whole body was sent (413) is still read.
 */
export function createCaller(baseUrl: string, seen: string[] = []): Call {
  const base = new URL(baseUrl)
  return (method, path, options = {}) => {
    const headers: Record<string, string> = {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    }
    const body =
      options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body))
    const bytes = body === undefined ? undefined : Buffer.from(body)
    if (bytes) headers['content-length'] = String(bytes.length)
    return new Promise<Reply>((resolve, reject) => {
      let answered = false
      const req = request(
        { host: base.hostname, port: base.port, method, path, headers, agent: false },
        (res) => {
          answered = true
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('error', reject)
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8')
            const responseHeaders = new Headers()
            for (const [name, value] of Object.entries(res.headers)) {
              if (value !== undefined) responseHeaders.set(name, String(value))
            }
            let json: unknown
            try {
              json = JSON.parse(text)
            } catch {
              json = undefined
            }
            const status = res.statusCode ?? 0
            seen.push(`${status}\n${JSON.stringify([...responseHeaders])}\n${text}`)
            resolve({ status, headers: responseHeaders, text, json })
          })
        },
      )
      // The server may answer and close before reading a large body: the answer is what counts.
      req.on('error', (error) => {
        if (!answered) reject(error)
      })
      req.end(bytes)
    })
  }
}

/** The error body, checked: the shared schema, the catalog's status, no stack, the request id. */
export function catalogError(reply: Reply) {
  const parsed = ErrorBodySchema.safeParse(reply.json)
  expect(parsed.success, `not an ErrorBody (${reply.status}): ${reply.text.slice(0, 300)}`).toBe(
    true,
  )
  const error = (parsed.data as { error: { code: ErrorCode; request_id: string } }).error
  expect(reply.status, `status of ${error.code}`).toBe(ERROR_CATALOG[error.code].status)
  expect(error.request_id).toBe(reply.headers.get('x-request-id'))
  expect(reply.text).not.toMatch(/"stack"|\bat [\w.<>]+ \(|node:internal|\.ts:\d+/)
  return parsed.data?.error as NonNullable<typeof parsed.data>['error']
}

/** Asserts an answer is this catalog error. */
export function expectError(reply: Reply, code: ErrorCode) {
  const error = catalogError(reply)
  expect(error.code, reply.text.slice(0, 300)).toBe(code)
  return error
}

/** Whether an answer is an ErrorBody whose code and status agree with the catalog. */
export function isCatalogError(reply: Reply): boolean {
  const parsed = ErrorBodySchema.safeParse(reply.json)
  return (
    parsed.success &&
    reply.status === ERROR_CATALOG[parsed.data.error.code].status &&
    parsed.data.error.request_id === reply.headers.get('x-request-id') &&
    !/"stack"|node:internal/.test(reply.text)
  )
}
