import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { guardedLookup, PrivateAddressError, type UrlPolicy } from './url-policy'

/** One attempt at an endpoint, as the delivery log keeps it. */
export interface AttemptResult {
  /** Null when the endpoint never answered. */
  statusCode: number | null
  /** Null on a 2xx; else `http_<status>`, `redirect`, `timeout`, `refused_address`, `dns`, `network`. */
  error: string | null
  durationMs: number
}

/** Bytes of an answer read (then dropped): receivers should answer quickly and briefly. */
const MAX_ANSWER_BYTES = 64 * 1024

/**
 * Kept-alive connections, one pool per address policy: a socket opened where private addresses
 * were allowed is never reused for a host app where they are not.
 */
const agents = {
  open: { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) },
  strict: { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) },
}

/**
 * POSTs a signed event. The name is resolved and every address checked at connect time
 * (`guardedLookup`); redirects are not followed (a 3xx is a failed attempt); the whole attempt
 * is bounded by `timeoutMs`.
 */
export function postWebhook(input: {
  url: URL
  body: string
  headers: Record<string, string>
  policy: UrlPolicy
  timeoutMs: number
}): Promise<AttemptResult> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  const secure = input.url.protocol === 'https:'
  const pool = input.policy.allowPrivate ? agents.open : agents.strict
  return new Promise((resolve) => {
    let settled = false
    const finish = (result: Omit<AttemptResult, 'durationMs'>) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve({ ...result, durationMs: elapsed() })
    }
    const onResponse = (response: IncomingMessage) => {
      const status = response.statusCode ?? 0
      let read = 0
      response.on('data', (chunk: Buffer) => {
        read += chunk.length
        if (read > MAX_ANSWER_BYTES) response.destroy()
      })
      response.on('error', () => {})
      response.on('close', () =>
        finish({
          statusCode: status,
          error:
            status >= 200 && status < 300
              ? null
              : status >= 300 && status < 400
                ? 'redirect'
                : `http_${status}`,
        }),
      )
      response.resume()
    }
    const options = {
      method: 'POST',
      headers: {
        ...input.headers,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(input.body)),
        'user-agent': 'JumpLink-Webhooks/1',
      },
      agent: secure ? pool.https : pool.http,
      lookup: guardedLookup(input.policy) as never,
    }
    const request = secure
      ? httpsRequest(input.url, options, onResponse)
      : httpRequest(input.url, options, onResponse)
    const timer = setTimeout(() => {
      finish({ statusCode: null, error: 'timeout' })
      request.destroy()
    }, input.timeoutMs)
    request.on('error', (error: NodeJS.ErrnoException) => {
      const cause = (error as { cause?: unknown }).cause
      finish({
        statusCode: null,
        error:
          error instanceof PrivateAddressError || cause instanceof PrivateAddressError
            ? 'refused_address'
            : error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN'
              ? 'dns'
              : 'network',
      })
    })
    request.end(input.body)
  })
}
