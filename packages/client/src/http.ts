import { JumpLinkApiError, readErrorBody } from './errors'

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>

export interface HttpOptions {
  /** The link server's base URL, e.g. `https://link.example.com`. */
  baseUrl: string
  /** Defaults to the global fetch; tests inject an in-process one. */
  fetch?: FetchLike
}

export type Query = Record<string, string | number | boolean | readonly string[] | undefined>

/** Fills `:name` path parameters, each encoded, so an id can never change the path. */
export function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([a-z_]+)/gi, (_, name: string) => {
    const value = params[name]
    if (value === undefined) throw new TypeError(`Missing path parameter "${name}"`)
    return encodeURIComponent(value)
  })
}

export function toSearch(query: Query = {}): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue
    search.set(key, Array.isArray(value) ? value.join(',') : String(value))
  }
  const text = search.toString()
  return text ? `?${text}` : ''
}

export interface Request {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  path: string
  bearer: string
  query?: Query
  body?: unknown
  headers?: Record<string, string>
}

/** One call: JSON in, JSON out, and any non-2xx answer thrown as a typed JumpLinkApiError. */
export async function call<T>(options: HttpOptions, request: Request): Promise<T> {
  const fetchImpl = options.fetch ?? fetch
  const url = `${options.baseUrl.replace(/\/+$/, '')}${request.path}${toSearch(request.query)}`
  const response = await fetchImpl(url, {
    method: request.method,
    headers: {
      authorization: `Bearer ${request.bearer}`,
      accept: 'application/json',
      ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...request.headers,
    },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  })
  let text: string
  try {
    text = await response.text()
  } catch {
    // The body broke off: a large page is written as it is read from the directory, and the
    // link server cuts the connection when a later part fails rather than end it short.
    throw brokenAnswer(response, request.method)
  }
  let json: unknown = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    // not JSON: an error answer without a body (below), or a success that is not whole
    if (response.ok) throw brokenAnswer(response, request.method)
  }
  if (!response.ok) {
    throw new JumpLinkApiError(
      readErrorBody(json),
      response.status,
      response.headers.get('x-request-id'),
    )
  }
  return json as T
}

/**
 * A 2xx answer whose body did not arrive whole. A read is retryable, as the directory's
 * failures are; any other call answered 2xx, so what it asked for has probably been done, and
 * sending it again could do it twice.
 */
function brokenAnswer(response: Response, method: Request['method']): JumpLinkApiError {
  const read = method === 'GET'
  return new JumpLinkApiError(
    {
      code: 'provider_unavailable',
      message: read
        ? 'The answer broke off before its end (a later part of the page failed, or the connection dropped). Retry the request.'
        : 'The answer broke off before its end, after the server accepted the request: the action has probably happened. Check before sending it again.',
      request_id: response.headers.get('x-request-id') ?? '',
      retryable: read,
    },
    response.status,
    response.headers.get('x-request-id'),
    { retryable: read },
  )
}
