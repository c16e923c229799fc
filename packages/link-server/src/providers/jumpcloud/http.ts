import { JumpLinkError, type Region } from '@jumplink/shared'
import { createKeyedSemaphore } from '../keyed-semaphore'
import { DEFAULT_DIRECTORY_CONCURRENCY, type FetchLike } from '../provider'
import { JUMPCLOUD } from './config'
import { mapFetchFailure, mapUpstreamStatus, parseRetryAfter } from './errors'

/** Who is calling: the connection (for the concurrency cap) and its key, region and org. */
export interface JumpcloudSession {
  connectionId: string
  credential: string
  region: Region
  /** Sent as `x-org-id` on every call but the organization list (jumpcloud-api.md §12). */
  organizationId: string
}

export type QueryValue = string | number | boolean | readonly string[] | undefined

export interface UpstreamRequest {
  method?: 'GET' | 'POST'
  /** `console` for v1/v2/System Insights, `insights` for Directory Insights. */
  api?: 'console' | 'insights'
  path: string
  query?: Record<string, QueryValue>
  body?: unknown
  /** `record` turns a 404 into `resource_not_found`. */
  context?: 'list' | 'record'
}

export interface JumpcloudHttpOptions {
  fetch?: FetchLike
  baseUrl?: string
  /** Per attempt. Default 10 s. */
  timeoutMs?: number
  /** Upstream calls in flight per connection. Default 4. */
  maxConcurrency?: number
  /** Retries of a read after the first attempt. Default 3. */
  maxRetries?: number
  /** No retry starts once waiting for it would pass this much time since the first attempt. */
  retryBudgetMs?: number
  /** First backoff step; doubles each retry, with jitter. Default 250 ms. */
  backoffMs?: number
  sleep?: (ms: number) => Promise<void>
  now?: () => number
}

/** What comes back from a read: the parsed body and the headers that carry paging. */
export interface UpstreamJson<T> {
  body: T
  headers: Headers
}

export interface PassThrough {
  method: string
  /** Path and search, already checked to stay under the API. */
  pathAndSearch: string
  headers: Headers
  body: ArrayBuffer | undefined
}

const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504])

/**
 * The one way JumpLink talks to JumpCloud: regional hosts (or the override URL), key and
 * `x-org-id` headers, a timeout on every attempt, a cap on calls in flight per connection,
 * and retries of reads with backoff that honours `Retry-After`, within a time budget.
 * Failures leave as catalog errors, mapped in `errors.ts`.
 */
export function createJumpcloudHttp(options: JumpcloudHttpOptions = {}) {
  const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init))
  const timeoutMs = options.timeoutMs ?? 10_000
  const maxRetries = options.maxRetries ?? 3
  const retryBudgetMs = options.retryBudgetMs ?? 20_000
  const backoffMs = options.backoffMs ?? 250
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)))
  const now = options.now ?? Date.now
  const semaphore = createKeyedSemaphore(options.maxConcurrency ?? DEFAULT_DIRECTORY_CONCURRENCY)

  function baseOf(session: JumpcloudSession, api: 'console' | 'insights'): string {
    if (options.baseUrl) return options.baseUrl.replace(/\/+$/, '')
    return api === 'insights'
      ? JUMPCLOUD.insightsHosts[session.region]
      : JUMPCLOUD.hosts[session.region]
  }

  function headersOf(session: JumpcloudSession): Record<string, string> {
    return {
      accept: 'application/json',
      [JUMPCLOUD.apiKeyHeader]: session.credential,
      [JUMPCLOUD.orgIdHeader]: session.organizationId,
    }
  }

  /** One attempt: within the connection's cap and the timeout. Throws only fetch failures. */
  function attempt(session: JumpcloudSession, url: string, init: RequestInit): Promise<Response> {
    return semaphore.run(session.connectionId, async () => {
      const signal = AbortSignal.timeout(timeoutMs)
      // Raced as well as signalled: an injected fetch may not honour the signal.
      return Promise.race([
        doFetch(url, { ...init, signal }),
        new Promise<never>((_, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason), { once: true })
        }),
      ])
    })
  }

  /** A read with retries; answers the first 2xx response or throws a catalog error. */
  async function request(session: JumpcloudSession, req: UpstreamRequest): Promise<Response> {
    const url = `${baseOf(session, req.api ?? 'console')}${req.path}${toSearch(req.query)}`
    const init: RequestInit = {
      method: req.method ?? 'GET',
      headers: {
        ...headersOf(session),
        ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }),
    }
    const started = now()
    for (let retry = 0; ; retry++) {
      let failure: JumpLinkError | undefined
      let waitMs = backoff(retry)
      let response: Response | undefined
      try {
        response = await attempt(session, url, init)
      } catch (error) {
        failure = mapFetchFailure(error)
      }
      if (response?.ok) return response
      if (response) {
        // Drain the body so the connection is reused; its content is not needed.
        await response.body?.cancel().catch(() => {})
        failure = mapUpstreamStatus(response.status, response.headers, req.context ?? 'list')
        if (!RETRYABLE_STATUSES.has(response.status)) throw failure
        const header = response.headers.get('retry-after')
        if (header !== null) waitMs = Math.max(parseRetryAfter(header) * 1000, waitMs)
      }
      failure ??= new JumpLinkError('provider_unavailable')
      const retryAfter = Math.max(1, Math.ceil(waitMs / 1000))
      if (retry >= maxRetries || now() - started + waitMs > retryBudgetMs) {
        throw new JumpLinkError(failure.code, {
          message: failure.message,
          retryAfter: failure.retryAfter ?? retryAfter,
          cause: failure.cause,
        })
      }
      await sleep(waitMs)
    }
  }

  function backoff(retry: number): number {
    return backoffMs * 2 ** retry * (0.75 + Math.random() * 0.5)
  }

  async function json<T>(
    session: JumpcloudSession,
    req: UpstreamRequest,
  ): Promise<UpstreamJson<T>> {
    const response = await request(session, req)
    try {
      return { body: (await response.json()) as T, headers: response.headers }
    } catch (error) {
      // The attempt's timeout covers the body too: a directory that stalls mid-answer timed out.
      if (isTimeout(error)) throw mapFetchFailure(error)
      throw new JumpLinkError('provider_unavailable', {
        message: 'The directory answered with an unexpected body.',
        cause: error,
      })
    }
  }

  /** The proxy: one attempt, any status back as it came; only fetch failures throw. */
  async function passThrough(session: JumpcloudSession, req: PassThrough): Promise<Response> {
    const headers = new Headers(req.headers)
    for (const [name, value] of Object.entries(headersOf(session))) headers.set(name, value)
    try {
      return await attempt(
        session,
        `${baseOf(session, apiOf(req.pathAndSearch))}${req.pathAndSearch}`,
        {
          method: req.method,
          headers,
          redirect: 'manual',
          ...(req.body === undefined ? {} : { body: req.body }),
        },
      )
    } catch (error) {
      throw mapFetchFailure(error)
    }
  }

  return { request, json, passThrough }
}

export type JumpcloudHttp = ReturnType<typeof createJumpcloudHttp>

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name
  return name === 'TimeoutError' || name === 'AbortError'
}

function apiOf(pathAndSearch: string): 'console' | 'insights' {
  return pathAndSearch.startsWith('/insights/') ? 'insights' : 'console'
}

/** Repeated keys for lists (`filter=a&filter=b`), as JumpCloud ANDs them. */
export function toSearch(query: Record<string, QueryValue> = {}): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue
    if (Array.isArray(value)) for (const item of value) search.append(key, item)
    else search.set(key, String(value))
  }
  const text = search.toString()
  return text ? `?${text}` : ''
}
