import { UNIFIED_COLLECTIONS } from '@jumplink/shared'

/** Which credential an endpoint takes. */
export type Auth = 'secret' | 'link' | 'integration' | 'none'

/**
 * One endpoint as the bad-input matrix sees it: how to call it validly. `:conn` is a real
 * connection of the caller, `:id` a real record of the collection's parent, `:record` one of its
 * own records, `:asset` an asset name that is not there; the test fills them in once the stack
 * is up.
 */
export interface MatrixEndpoint {
  method: 'GET' | 'POST' | 'DELETE'
  path: string
  auth: Auth
  /** A valid JSON body, for the endpoints that read one. */
  body?: () => Record<string, unknown>
  /** The query is a strict schema: unknown or malformed parameters are refused. */
  strictQuery: boolean
  /** Reads a JSON body through the shared reader (content type, size and syntax are checked). */
  readsJson: boolean
  /**
   * The proxy: what passes its own checks goes to the directory, whose own 4xx answers come back
   * as they are (that is the proxy's contract), so those need not carry a catalog code.
   */
  passthrough?: boolean
  /** Whether the valid call succeeds (the baseline); otherwise its usual answer is a 4xx. */
  okBaseline: boolean
}

const unified: MatrixEndpoint[] = Object.values(UNIFIED_COLLECTIONS).flatMap((collection) => {
  const list: MatrixEndpoint = {
    method: 'GET',
    path: collection.path,
    auth: 'integration',
    strictQuery: true,
    readsJson: false,
    okBaseline: true,
  }
  return 'getQuery' in collection && collection.getQuery
    ? [list, { ...list, path: `${collection.path}/:record` }]
    : [list]
})

/** Every route of the link server, by family: host API, link API, unified, proxy, meta. */
export const MATRIX_ENDPOINTS: MatrixEndpoint[] = [
  {
    method: 'POST',
    path: '/v1/link-sessions',
    auth: 'secret',
    body: () => ({ end_user: { id: 'user-1', email: 'it@acme.example', name: 'Ada' } }),
    strictQuery: false,
    readsJson: true,
    okBaseline: true,
  },
  {
    method: 'POST',
    path: '/v1/tokens/exchange',
    auth: 'secret',
    // An unknown public token: the baseline is invalid_public_token, the mutations must fail first.
    body: () => ({ public_token: 'jl_pt_unknown_token_for_the_matrix' }),
    strictQuery: false,
    readsJson: true,
    okBaseline: false,
  },
  {
    method: 'GET',
    path: '/v1/connections',
    auth: 'secret',
    strictQuery: true,
    readsJson: false,
    okBaseline: true,
  },
  ...(['GET', 'DELETE'] as const).map(
    (method): MatrixEndpoint => ({
      method,
      path: '/v1/connections/:conn',
      auth: 'secret',
      strictQuery: false,
      readsJson: false,
      okBaseline: true,
    }),
  ),
  {
    method: 'POST',
    path: '/v1/connections/:conn/check',
    auth: 'secret',
    strictQuery: false,
    readsJson: false,
    okBaseline: true,
  },
  {
    method: 'GET',
    path: '/v1/link/session',
    auth: 'link',
    strictQuery: false,
    readsJson: false,
    okBaseline: true,
  },
  {
    method: 'POST',
    path: '/v1/link/organizations',
    auth: 'link',
    body: () => ({ api_key: ':key', region: 'us' }),
    strictQuery: false,
    readsJson: true,
    okBaseline: true,
  },
  {
    method: 'POST',
    path: '/v1/link/complete',
    auth: 'link',
    body: () => ({ api_key: ':key', region: 'us', organization_id: ':org' }),
    strictQuery: false,
    readsJson: true,
    okBaseline: true,
  },
  ...unified,
  {
    method: 'GET',
    path: '/v1/proxy/api/systemusers',
    auth: 'integration',
    passthrough: true,
    strictQuery: false,
    readsJson: false,
    okBaseline: true,
  },
  {
    method: 'POST',
    path: '/v1/proxy/api/v2/usergroups',
    auth: 'integration',
    passthrough: true,
    body: () => ({ name: 'Proxy group' }),
    strictQuery: false,
    readsJson: false,
    // A read-only connection: write_not_permitted.
    okBaseline: false,
  },
  {
    // The hosted widget page's assets: names are checked before any file is read.
    method: 'GET',
    path: '/link/assets/:asset',
    auth: 'none',
    strictQuery: false,
    readsJson: false,
    okBaseline: false,
  },
  ...['/healthz', '/readyz', '/.well-known/jwks.json', '/openapi.json', '/docs', '/link'].map(
    (path): MatrixEndpoint => ({
      method: 'GET',
      path,
      auth: 'none',
      strictQuery: false,
      readsJson: false,
      okBaseline: true,
    }),
  ),
]
