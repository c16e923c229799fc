import { promisify } from 'node:util'
import { brotliDecompress, gunzip, inflate } from 'node:zlib'
import { Agent, type Dispatcher, request } from 'undici'
import type { FetchLike } from '../provider'

/** Headers of an answer, read by name (case-insensitive), as `Headers.get` does. */
export interface HeaderReader {
  get(name: string): string | null
}

/** What one attempt answers: status and headers to decide on, then the body read or dropped. */
export interface UpstreamAnswer {
  status: number
  headers: HeaderReader
  /** The body as text; rejects with the attempt's abort reason once its signal fires. */
  text(): Promise<string>
  /** Drops the body so the connection can be reused. */
  discard(): Promise<void>
}

export interface UpstreamCall {
  method: string
  headers: Record<string, string>
  body?: string
  /** Aborts the call and the body's reading: the attempt's timeout covers both. */
  signal: AbortSignal
}

/** Sends one call and answers its status line and headers; never follows a redirect. */
export type Transport = (url: string, call: UpstreamCall) => Promise<UpstreamAnswer>

/** An injected fetch (tests: the sandbox in-process, fault servers) as a transport. */
export function fetchTransport(doFetch: FetchLike): Transport {
  return async (url, call) => {
    const response = await doFetch(url, {
      method: call.method,
      headers: call.headers,
      // Never follow a redirect: it would resend the credential to wherever it points.
      redirect: 'manual',
      signal: call.signal,
      ...(call.body === undefined ? {} : { body: call.body }),
    })
    return {
      status: response.status,
      headers: response.headers,
      text: () => response.text(),
      discard: async () => {
        await response.body?.cancel().catch(() => {})
      },
    }
  }
}

/** One pool of kept-alive connections per origin for the process's directory reads. */
let sharedAgent: Agent | undefined

/**
 * Directory reads over undici's `request` on a keep-alive `Agent`: on Node 20 it costs a
 * fraction of the CPU of the global fetch per call (no WHATWG streams, Request or Response
 * objects), which is most of what a unified page adds over the directory. It follows no
 * redirect (a 3xx comes back as it is), and its calls publish the same `undici:*` diagnostics
 * channels as fetch, so traces still show every directory call. Compressed answers are asked
 * for and inflated here, as fetch does.
 */
export function undiciTransport(): Transport {
  return async (url, call) => {
    sharedAgent ??= new Agent()
    const answer = await request(url, {
      method: call.method as Dispatcher.HttpMethod,
      headers: { 'accept-encoding': 'gzip, deflate, br', ...call.headers },
      signal: call.signal,
      dispatcher: sharedAgent,
      ...(call.body === undefined ? {} : { body: call.body }),
    })
    const headers = headerReader(answer.headers)
    return {
      status: answer.statusCode,
      headers,
      text: async () => {
        const encoding = headers.get('content-encoding')?.trim().toLowerCase()
        if (!encoding || encoding === 'identity') return answer.body.text()
        return (await decode(encoding, Buffer.from(await answer.body.arrayBuffer()))).toString(
          'utf8',
        )
      },
      discard: async () => {
        await answer.body.dump().catch(() => {})
      },
    }
  }
}

const DECODERS: Record<string, (data: Buffer) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
}

function decode(encoding: string, data: Buffer): Promise<Buffer> {
  const decoder = DECODERS[encoding]
  if (!decoder) return Promise.reject(new Error(`unsupported content-encoding ${encoding}`))
  return decoder(data)
}

/** undici's headers (lowercased names; repeated ones as arrays) read like `Headers`. */
export function headerReader(raw: Record<string, string | string[] | undefined>): HeaderReader {
  return {
    get(name) {
      const value = raw[name.toLowerCase()]
      if (value === undefined) return null
      return Array.isArray(value) ? value.join(', ') : value
    },
  }
}
