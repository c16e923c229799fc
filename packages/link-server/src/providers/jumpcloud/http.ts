import { JumpLinkError, type Region } from '@jumplink/shared'
import { endpointTemplate, type MetricsRecorder, NO_METRICS } from '../../metrics/recorder'
import { type DirectoryCredential, rejectionCode } from '../credential'
import { createKeyedSemaphore, type KeyedSemaphore } from '../keyed-semaphore'
import { DEFAULT_DIRECTORY_CONCURRENCY, type FetchLike } from '../provider'
import { JUMPCLOUD } from './config'
import {
  type Authorization,
  type CredentialAuthorizer,
  createCredentialAuthorizer,
} from './credentials'
import { deadline, endsWithBody, endsWithResponse } from './deadline'
import { mapFetchFailure, mapUpstreamStatus, parseRetryAfter, unreadableBody } from './errors'
import {
  fetchTransport,
  type HeaderReader,
  type Transport,
  type UpstreamAnswer,
  undiciTransport,
} from './transport'

/** Who is calling: the connection (for the concurrency cap) and its credential, region and org. */
export interface JumpcloudSession {
  connectionId: string
  credential: DirectoryCredential
  region: Region
  /** Sent as `x-org-id` on every call but the organization list (jumpcloud-api.md §12)… */
  organizationId: string
  /** …unless the key reads this organization only (false; null: not known, so sent). */
  multiOrganization?: boolean | null
  /**
   * Where the connection's read clock stood when the request began (`JumpcloudHttp.begin`): a
   * read ahead it starts is refused, or dropped when taken, once a write or the connection's
   * revocation came after. Unset: the request begins at its read ahead.
   */
  readEpoch?: number
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
  /** Waiting for the connection's cap, lower goes first (`FIRST_PAGE_PRIORITY`); default 1. */
  priority?: number
}

export interface JumpcloudHttpOptions {
  /**
   * Injected in tests; without it reads go over undici's keep-alive pool (`transport.ts`) and
   * writes and the proxy, which hand a `Response` on, over the global fetch.
   */
  fetch?: FetchLike
  baseUrl?: string
  /** Per attempt. Default 10 s. */
  timeoutMs?: number
  /** Upstream calls in flight per connection. Default DEFAULT_DIRECTORY_CONCURRENCY. */
  maxConcurrency?: number
  /** The per-connection cap when it is shared between instances; else one of maxConcurrency. */
  concurrency?: KeyedSemaphore
  metrics?: MetricsRecorder
  /** Retries of a read after the first attempt. Default 3. */
  maxRetries?: number
  /** No retry starts once waiting for it would pass this much time since the first attempt. */
  retryBudgetMs?: number
  /** First backoff step; doubles each retry, with jitter. Default 250 ms. */
  backoffMs?: number
  sleep?: (ms: number) => Promise<void>
  now?: () => number
  /** Turns credentials into headers; shared with the link-time client so tokens are shared. */
  authorizer?: CredentialAuthorizer
  /** Told once per failed call, after its last attempt; `bootstrap.ts` logs it. */
  onUpstreamFailure?: (failure: UpstreamFailure) => void
}

/**
 * What a log line may say about a failed directory call: the call, never the key, the
 * query's values (an email filter names a person) or the body JumpCloud answered.
 */
export interface UpstreamFailure {
  method: string
  /** The path without the query string. */
  path: string
  /** The last answer's HTTP status; `null` when none came (timeout, dropped connection). */
  status: number | null
  /** The catalog code the failure became. */
  code: string
  attempts: number
}

/** What comes back from a read: the parsed body and the headers that carry paging. */
export interface UpstreamJson<T> {
  body: T
  headers: HeaderReader
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
 * Most connections kept by name in the http client's per-connection bookkeeping: the read
 * clock's last moves (older ones share one mark) and those whose readers continue.
 */
const MAX_TRACKED_CONNECTIONS = 10_000

/**
 * The one way JumpLink talks to JumpCloud: regional hosts (or the override URL), key and
 * `x-org-id` headers, a timeout on every attempt, a cap on calls in flight per connection,
 * and retries of reads with backoff that honours `Retry-After`, within a time budget.
 * Failures leave as catalog errors, mapped in `errors.ts`.
 */
export function createJumpcloudHttp(options: JumpcloudHttpOptions = {}) {
  const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init))
  const transport: Transport = options.fetch ? fetchTransport(options.fetch) : undiciTransport()
  const timeoutMs = options.timeoutMs ?? 10_000
  const maxRetries = options.maxRetries ?? 3
  const retryBudgetMs = options.retryBudgetMs ?? 20_000
  const backoffMs = options.backoffMs ?? 250
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)))
  const now = options.now ?? Date.now
  const semaphore =
    options.concurrency ??
    createKeyedSemaphore(options.maxConcurrency ?? DEFAULT_DIRECTORY_CONCURRENCY)
  const metrics = options.metrics ?? NO_METRICS
  const authorizer =
    options.authorizer ??
    createCredentialAuthorizer({ fetch: doFetch, baseUrl: options.baseUrl, timeoutMs, now })

  function baseOf(session: JumpcloudSession, api: 'console' | 'insights'): string {
    if (options.baseUrl) return options.baseUrl.replace(/\/+$/, '')
    return api === 'insights'
      ? JUMPCLOUD.insightsHosts[session.region]
      : JUMPCLOUD.hosts[session.region]
  }

  function headersOf(session: JumpcloudSession, authorization: Authorization) {
    return {
      accept: 'application/json',
      ...authorization.headers,
      ...(session.multiOrganization === false
        ? {}
        : { [JUMPCLOUD.orgIdHeader]: session.organizationId }),
    }
  }

  function authorize(session: JumpcloudSession): Promise<Authorization> {
    return authorizer.authorize(session.credential, session.region, session.connectionId)
  }

  /**
   * One attempt: `call` within the connection's cap and the timeout, which also covers reading
   * the body (the signal aborts it). Throws only transport failures. `call` gets `done` to end
   * the timeout once the body is read or dropped; until then (or until it fires) the timer
   * holds the signal, and through its listeners the answer.
   */
  function attempt<T extends { status: number }>(
    session: JumpcloudSession,
    endpoint: string,
    priority: number | undefined,
    call: (signal: AbortSignal, done: () => void) => Promise<T>,
    cancel?: AbortSignal,
  ): Promise<T> {
    return semaphore.run(
      session.connectionId,
      async () => {
        // Cancelled while it waited for the cap: the slot passes on without a call.
        cancel?.throwIfAborted()
        const timeout = deadline(timeoutMs)
        const signal = cancel ? AbortSignal.any([timeout.signal, cancel]) : timeout.signal
        const started = performance.now()
        const record = (outcome: string) =>
          metrics.upstreamCall({
            provider: 'jumpcloud',
            endpoint,
            outcome,
            seconds: (performance.now() - started) / 1000,
          })
        try {
          // Raced as well as signalled: an injected fetch may not honour the signal.
          const response = await Promise.race([
            call(signal, timeout.done),
            new Promise<never>((_, reject) => {
              signal.addEventListener('abort', () => reject(signal.reason), { once: true })
            }),
          ])
          record(String(response.status))
          return response
        } catch (error) {
          timeout.done()
          record(cancel?.aborted ? 'cancelled' : failureOutcome(error))
          throw error
        }
      },
      priority,
    )
  }

  /**
   * A read with retries; answers the first 2xx response or throws a catalog error. A 401 to an
   * access token is retried once at once with a new token (it may have expired in flight).
   * `cancel` (a read started ahead, dropped) stops it where it is: no token, no further call or
   * retry; it then rejects with the signal's reason, unreported.
   */
  async function request(
    session: JumpcloudSession,
    req: UpstreamRequest,
    cancel?: AbortSignal,
  ): Promise<UpstreamAnswer> {
    const url = `${baseOf(session, req.api ?? 'console')}${req.path}${toSearch(req.query)}`
    const started = now()
    const endpoint = endpointTemplate(req.path)
    const report = (status: number | null, code: string, attempts: number) =>
      options.onUpstreamFailure?.({
        method: req.method ?? 'GET',
        path: req.path,
        status,
        code,
        attempts,
      })
    let renewed = false
    for (let retry = 0; ; retry++) {
      let failure: JumpLinkError | undefined
      let waitMs = backoff(retry)
      let response: UpstreamAnswer | undefined
      let authorization: Authorization | undefined
      let reason = 'token'
      cancel?.throwIfAborted()
      try {
        authorization = await authorize(session)
      } catch (error) {
        failure = error instanceof JumpLinkError ? error : mapFetchFailure(error)
        if (!failure.retryable) {
          report(null, failure.code, retry + 1)
          throw failure
        }
        if (failure.retryAfter) waitMs = Math.max(failure.retryAfter * 1000, waitMs)
      }
      if (authorization) {
        try {
          const headers = {
            ...headersOf(session, authorization),
            ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
          }
          // The transport never follows a redirect: it would resend the credential elsewhere.
          response = await attempt(
            session,
            endpoint,
            req.priority,
            async (signal, done) =>
              endsWithBody(
                await transport(url, {
                  method: req.method ?? 'GET',
                  headers,
                  signal,
                  ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }),
                }),
                done,
              ),
            cancel,
          )
          reason = String(response.status)
        } catch (error) {
          cancel?.throwIfAborted()
          failure = mapFetchFailure(error)
          reason = failureOutcome(error)
        }
      }
      if (response && response.status >= 200 && response.status < 300) return response
      if (response && authorization) {
        // Drain the body so the connection is reused; its content is not needed.
        await response.discard()
        if (response.status === 401) {
          if (!renewed && authorization.renew()) {
            renewed = true
            retry--
            continue
          }
          const rejected = new JumpLinkError(rejectionCode(session.credential))
          report(401, rejected.code, retry + 1)
          throw rejected
        }
        failure = mapUpstreamStatus(response.status, response.headers, req.context ?? 'list')
        if (!RETRYABLE_STATUSES.has(response.status)) {
          report(response.status, failure.code, retry + 1)
          throw failure
        }
        const header = response.headers.get('retry-after')
        if (header !== null) waitMs = Math.max(parseRetryAfter(header) * 1000, waitMs)
      }
      failure ??= new JumpLinkError('provider_unavailable')
      const retryAfter = Math.max(1, Math.ceil(waitMs / 1000))
      if (retry >= maxRetries || now() - started + waitMs > retryBudgetMs) {
        report(response?.status ?? null, failure.code, retry + 1)
        throw new JumpLinkError(failure.code, {
          message: failure.message,
          retryAfter: failure.retryAfter ?? retryAfter,
          cause: failure.cause,
        })
      }
      metrics.upstreamRetry({ provider: 'jumpcloud', endpoint, reason })
      await sleep(waitMs)
      cancel?.throwIfAborted()
    }
  }

  function backoff(retry: number): number {
    return backoffMs * 2 ** retry * (0.75 + Math.random() * 0.5)
  }

  /** GET reads in flight, by connection, organization and URL: identical ones share one call. */
  const readsInFlight = new Map<string, Promise<{ text: string; headers: HeaderReader }>>()
  /**
   * Reads started ahead of a request that may want them (`readAhead`), kept until one takes
   * them or they expire; by the same key as `readsInFlight`. Each has its own controller:
   * dropped untaken, it is aborted, so it makes no further call with the session's key.
   */
  const readsAhead = new Map<
    string,
    {
      read: Promise<{ text: string; headers: HeaderReader }>
      cancel: AbortController
      /** The read clock when the request that started it began. */
      epoch: number
    }
  >()
  /**
   * Each connection's one read-ahead window: its keys, the timer that drops them, and whether a
   * request took one of them.
   */
  const aheadByConnection = new Map<
    string,
    { keys: string[]; timer: ReturnType<typeof setTimeout>; taken: boolean }
  >()
  /**
   * Connections whose readers have shown they continue: their last read-ahead window dropped
   * (expired or replaced) was taken, or one was taken since. A first page reads ahead only for
   * these (`readAhead`'s `onlyIfContinued`). One whose window is dropped untaken leaves, as
   * does a forgotten one; at most `MAX_TRACKED_CONNECTIONS`, the longest unseen leaving first.
   */
  const continuing = new Set<string>()

  /**
   * The read clock: it moves when a write through a connection starts and again when its
   * answer arrives (or it fails), and when the connection is forgotten (revoked or relinked).
   * A read ahead is stamped with where it stood when its request began: one whose connection
   * moved since would show what was there before the write, or go out with a revoked key, so
   * it is not started, and not handed over if already started. Bounded: past
   * `MAX_TRACKED_CONNECTIONS`, the connection that moved longest ago is folded into
   * `movedBefore`, which then counts as every unnamed connection's last move (a request of
   * those that began before it reads nothing ahead: a lost read-ahead, never a stale one).
   */
  let clock = 0
  const lastMoved = new Map<string, number>()
  let movedBefore = 0

  function move(connectionId: string): void {
    clock++
    lastMoved.delete(connectionId)
    lastMoved.set(connectionId, clock)
    if (lastMoved.size > MAX_TRACKED_CONNECTIONS) {
      const [oldest, at] = lastMoved.entries().next().value as [string, number]
      lastMoved.delete(oldest)
      movedBefore = Math.max(movedBefore, at)
    }
    dropReadAhead(connectionId)
  }

  /** Whether the connection moved (a write, a revocation) since `epoch`. */
  function movedSince(connectionId: string, epoch: number): boolean {
    return (lastMoved.get(connectionId) ?? movedBefore) > epoch
  }

  /**
   * The session of a request that begins now, stamped with the read clock (kept if it already
   * was): its read-aheads are refused once the connection moves.
   */
  function begin<S extends JumpcloudSession>(session: S): S {
    return session.readEpoch === undefined ? { ...session, readEpoch: clock } : session
  }

  /** A write through the connection: the clock moves as it starts and once it has answered. */
  async function writing<T>(connectionId: string, write: () => Promise<T>): Promise<T> {
    move(connectionId)
    try {
      return await write()
    } finally {
      move(connectionId)
    }
  }

  function readKey(session: JumpcloudSession, req: UpstreamRequest): string {
    return [
      session.connectionId,
      session.organizationId,
      req.api ?? 'console',
      req.context ?? 'list',
      `${req.path}${toSearch(req.query)}`,
    ].join('\u0000')
  }

  async function text(session: JumpcloudSession, req: UpstreamRequest, cancel?: AbortSignal) {
    const response = await request(session, req, cancel)
    try {
      return { text: await response.text(), headers: response.headers }
    } catch (error) {
      // The attempt's timeout covers the body too: a directory that stalls mid-answer timed out.
      throw unreadableBody(error)
    }
  }

  /** A GET read shared with any identical one in flight, or taken from a read started ahead. */
  function sharedRead(session: JumpcloudSession, req: UpstreamRequest) {
    const key = readKey(session, req)
    const shared = readsInFlight.get(key)
    if (shared) return shared
    let ahead = readsAhead.get(key)
    if (ahead) {
      readsAhead.delete(key)
      // Its request began before a write or a revocation: what it read may be stale.
      if (movedSince(session.connectionId, ahead.epoch)) {
        ahead.cancel.abort(new DOMException('The read ahead was dropped.', 'AbortError'))
        ahead = undefined
      } else {
        tookReadAhead(session.connectionId)
      }
    }
    const read = ahead?.read ?? text(session, req)
    readsInFlight.set(key, read)
    const done = () => readsInFlight.delete(key)
    read.then(done, done)
    return read
  }

  /**
   * A read, parsed. Two requests of one connection that need the same page at the same time
   * (a review's people and its activity both read the users) share one upstream call; each
   * parses its own copy, so neither sees the other's changes. Nothing is kept once answered,
   * except a read started ahead (`readAhead`), until its one taker comes or it expires.
   */
  async function json<T>(
    session: JumpcloudSession,
    req: UpstreamRequest,
  ): Promise<UpstreamJson<T>> {
    const read = (req.method ?? 'GET') === 'GET' ? sharedRead(session, req) : text(session, req)
    const { text: body, headers } = await read
    try {
      return { body: JSON.parse(body) as T, headers }
    } catch (error) {
      throw unreadableBody(error)
    }
  }

  /**
   * Starts GET reads that the connection's next request will probably make (the next window of
   * an export), for `json` to take instead of calling again. One window per connection: a new
   * one drops the last one's untaken reads, and `keepMs` after starting, untaken reads are
   * dropped too. They wait for the connection's cap behind other calls (`priority`, default
   * 2), so they never add to it; behind a cap shared between instances, which has no
   * priorities, there are none. A read that fails is dropped, for the taker to call afresh.
   * A dropped read is aborted where it is (waiting for the cap or a retry, or in flight), so
   * the session's key is held past the request that started it for `keepMs` at most. None
   * starts once the connection moved (a write, a revocation) since the request began
   * (`session.readEpoch`), and one started is not handed over if it moved since. With
   * `onlyIfContinued` (a first page: its reader may well stop there), none either unless the
   * connection's readers have shown they continue (`continuing`).
   */
  function readAhead(
    session: JumpcloudSession,
    reqs: readonly UpstreamRequest[],
    keepMs: number,
    options: { priority?: number; onlyIfContinued?: boolean } = {},
  ): void {
    const priority = options.priority ?? 2
    // Behind a cap shared between instances, reads ahead would not wait behind the requests
    // of other instances: they would take the cap from a request that needs it, to be read
    // (if at all) only when the next request reaches this instance. So none then.
    if (!semaphore.byPriority) return
    const connectionId = session.connectionId
    const epoch = session.readEpoch ?? clock
    if (movedSince(connectionId, epoch)) return
    if (options.onlyIfContinued && !continuing.has(connectionId)) return
    dropReadAhead(connectionId, { untakenStops: true })
    const keys: string[] = []
    for (const req of reqs) {
      if ((req.method ?? 'GET') !== 'GET') continue
      const key = readKey(session, req)
      if (readsInFlight.has(key) || readsAhead.has(key)) continue
      const cancel = new AbortController()
      const read = text(session, { ...req, priority }, cancel.signal)
      readsAhead.set(key, { read, cancel, epoch })
      keys.push(key)
      read.catch(() => {
        if (readsAhead.get(key)?.read === read) readsAhead.delete(key)
      })
    }
    if (keys.length === 0) return
    const timer = setTimeout(() => dropReadAhead(connectionId, { untakenStops: true }), keepMs)
    timer.unref?.()
    aheadByConnection.set(connectionId, { keys, timer, taken: false })
  }

  /** A request took a read of the connection's window: its readers continue. */
  function tookReadAhead(connectionId: string): void {
    const window = aheadByConnection.get(connectionId)
    if (window) window.taken = true
    continuing.delete(connectionId)
    continuing.add(connectionId)
    if (continuing.size > MAX_TRACKED_CONNECTIONS) {
      continuing.delete(continuing.values().next().value as string)
    }
  }

  /**
   * Drops the connection's window, aborting its untaken reads. `untakenStops` (it expired or
   * was replaced): if none of it was taken, its first pages stop reading ahead.
   */
  function dropReadAhead(connectionId: string, options: { untakenStops?: boolean } = {}): void {
    const window = aheadByConnection.get(connectionId)
    if (!window) return
    aheadByConnection.delete(connectionId)
    clearTimeout(window.timer)
    if (options.untakenStops && !window.taken) continuing.delete(connectionId)
    for (const key of window.keys) {
      // Only the untaken ones: a read a request took is that request's now.
      const ahead = readsAhead.get(key)
      if (!ahead) continue
      readsAhead.delete(key)
      ahead.cancel.abort(new DOMException('The read ahead was dropped.', 'AbortError'))
    }
  }

  /** How many reads started ahead are waiting for a taker (for tests and metrics). */
  function readsAheadKept(): number {
    return readsAhead.size
  }

  /**
   * The proxy: one attempt, any status back as it came; only fetch and token failures throw. A
   * 401 to an access token is tried once more with a new token, as reads are.
   */
  async function passThrough(session: JumpcloudSession, req: PassThrough): Promise<Response> {
    // A write through the proxy may change what was read ahead, as one through `send` may.
    if (req.method === 'GET' || req.method === 'HEAD') return proxied(session, req)
    return writing(session.connectionId, () => proxied(session, req))
  }

  async function proxied(session: JumpcloudSession, req: PassThrough): Promise<Response> {
    const url = `${baseOf(session, apiOf(req.pathAndSearch))}${req.pathAndSearch}`
    for (let renewed = false; ; renewed = true) {
      const authorization = await authorize(session)
      const headers = new Headers(req.headers)
      for (const [name, value] of Object.entries(headersOf(session, authorization))) {
        headers.set(name, value)
      }
      let response: Response
      try {
        // Callers choose proxy paths freely; one label keeps the metric's size bounded.
        response = await attempt(session, 'proxy', undefined, async (signal, done) =>
          endsWithResponse(
            await doFetch(url, {
              method: req.method,
              headers,
              redirect: 'manual',
              signal,
              ...(req.body === undefined ? {} : { body: req.body }),
            }),
            done,
          ),
        )
      } catch (error) {
        throw mapFetchFailure(error)
      }
      if (response.status !== 401 || renewed || !authorization.renew()) return response
      await response.body?.cancel().catch(() => {})
    }
  }

  /**
   * A write: one attempt and never a retry (the directory may have acted before failing), the
   * answer back whatever its status so the caller can read JumpCloud's refusal. Only fetch and
   * token failures throw. A 401 to an access token is the exception: nothing was done, so it
   * is sent once more with a new token.
   */
  async function send(
    session: JumpcloudSession,
    req: {
      method: 'POST' | 'PUT' | 'DELETE'
      path: string
      query?: Record<string, QueryValue>
      body?: unknown
    },
  ): Promise<Response> {
    // What was read ahead may be what this write changes: the next page reads afresh.
    return writing(session.connectionId, () => written(session, req))
  }

  async function written(
    session: JumpcloudSession,
    req: Parameters<typeof send>[1],
  ): Promise<Response> {
    for (let renewed = false; ; renewed = true) {
      const authorization = await authorize(session)
      let response: Response
      try {
        const url = `${baseOf(session, 'console')}${req.path}${toSearch(req.query)}`
        response = await attempt(
          session,
          endpointTemplate(req.path),
          undefined,
          async (signal, done) =>
            endsWithResponse(
              await doFetch(url, {
                method: req.method,
                redirect: 'manual',
                headers: {
                  ...headersOf(session, authorization),
                  ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
                },
                signal,
                ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }),
              }),
              done,
            ),
        )
      } catch (error) {
        throw mapFetchFailure(error)
      }
      if (response.status !== 401 || renewed || !authorization.renew()) return response
      await response.body?.cancel().catch(() => {})
    }
  }

  return {
    request,
    json,
    begin,
    readAhead,
    /**
     * Drops a connection's read-ahead (it was revoked or relinked), refuses any that a request
     * which began before now would start, and forgets whether its readers continue.
     */
    forgetReadAhead(connectionId: string): void {
      move(connectionId)
      continuing.delete(connectionId)
    },
    readsAheadKept,
    passThrough,
    send,
  }
}

export type JumpcloudHttp = ReturnType<typeof createJumpcloudHttp>

function failureOutcome(error: unknown): string {
  return isTimeout(error) ? 'timeout' : 'network'
}

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
