/**
 * A small in-memory link API for component tests: it answers with the shared contract shapes
 * and catalog error bodies, and records every call.
 */
import type { LinkOrganization, LinkSessionInfo } from '@jumplink/shared'
import { ERROR_CATALOG, type ErrorBody, type ErrorCode } from '@jumplink/shared/errors'
import { PROVIDER_IDS } from '@jumplink/shared/providers'

export const SERVER_URL = 'https://link.test'
export const VALID_KEY = `jca_${'a1B2'.repeat(9)}`
export const ORG_A: LinkOrganization = { id: 'org_a', name: 'Acme Corp' }
export const CONNECTION_ID = 'conn_abcdefghijklmnopqrstu'

export function sessionInfo(overrides: Partial<LinkSessionInfo> = {}): LinkSessionInfo {
  return {
    host_app: { name: 'Acme HR' },
    provider: PROVIDER_IDS[0],
    mode: 'create',
    permissions: 'read',
    end_user: { id: 'user_1', email: 'it@example.test' },
    connection: null,
    expires_at: '2030-01-01T00:00:00.000Z',
    ...overrides,
  }
}

export interface FakeCall {
  method: string
  path: string
  token: string
  body: Record<string, unknown> | null
}

type Path = '/v1/link/session' | '/v1/link/organizations' | '/v1/link/complete'

export interface FakeLinkApiOptions {
  session?: LinkSessionInfo
  organizations?: LinkOrganization[]
  /** Tokens the server accepts; others get `link_session_expired`. */
  tokens?: string[]
  /** Errors to answer with, one per call, before answering normally. */
  failures?: Partial<Record<Path, ErrorCode[]>>
  retryAfter?: number
}

export function errorBody(code: ErrorCode, retryAfter?: number): ErrorBody {
  return {
    error: {
      code,
      message: ERROR_CATALOG[code].message,
      request_id: 'req_test',
      retryable: ERROR_CATALOG[code].retryable,
      ...(retryAfter === undefined ? {} : { retry_after: retryAfter }),
    },
  }
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

export function createFakeLinkApi(options: FakeLinkApiOptions = {}) {
  const calls: FakeCall[] = []
  const tokens = options.tokens ?? ['lt_valid']
  const failures = structuredClone(options.failures ?? {})
  const organizations = options.organizations ?? [ORG_A]

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input))
    const path = url.pathname as Path
    const headers = new Headers(init?.headers)
    const token = headers.get('authorization')?.replace(/^Bearer /, '') ?? ''
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : null
    calls.push({ method: init?.method ?? 'GET', path, token, body })
    await Promise.resolve()
    if (url.origin !== SERVER_URL) return json(404, errorBody('route_not_found'))
    if (!tokens.includes(token)) return json(401, errorBody('link_session_expired'))
    const failure = failures[path]?.shift()
    if (failure) return json(ERROR_CATALOG[failure].status, errorBody(failure, options.retryAfter))
    if (path === '/v1/link/session') return json(200, options.session ?? sessionInfo())
    if (path === '/v1/link/organizations') return json(200, { organizations })
    if (path === '/v1/link/complete') {
      const organization =
        organizations.find((org) => org.id === body?.organization_id) ??
        options.session?.connection?.organization ??
        ORG_A
      return json(200, {
        public_token: 'public_123',
        organization,
        connection_id: options.session?.connection?.id ?? CONNECTION_ID,
      })
    }
    return json(404, errorBody('route_not_found'))
  }

  return {
    fetch: fetch as typeof globalThis.fetch,
    calls,
    callsTo: (path: Path) => calls.filter((call) => call.path === path),
    tokens,
  }
}
