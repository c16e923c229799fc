import type { OpenAPIHono } from '@hono/zod-openapi'
import { JumpLinkError } from '@jumplink/shared'
import type { AppEnv } from '../context'
import type { RouteDeps } from '../deps'
import { requireIntegrationToken } from '../middleware/require-integration-token'
import { documentRoute } from '../openapi'
import { credentialSecrets, rejectionCode } from '../providers/credential'
import { withDirectory } from '../unified/directory-session'

const PREFIX = '/v1/proxy'
const READ_METHODS = new Set(['GET', 'HEAD'])
const ALLOWED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'])

/** Hop-by-hop headers (RFC 9110 §7.6.1) and ours; none of them may cross the proxy. */
const STRIPPED_REQUEST_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'host',
  'connection',
  'keep-alive',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'content-length',
  'accept-encoding',
  'forwarded',
  'x-real-ip',
  'x-request-id',
  'origin',
  'referer',
])
const STRIPPED_RESPONSE_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'set-cookie',
  // fetch has already decoded the body, so its length and encoding no longer hold.
  'content-encoding',
  'content-length',
  // Ours to set: the directory's would widen what browsers allow or let them sniff.
  'x-content-type-options',
])

/**
 * `/v1/proxy/*`: the directory's own API with the connection's stored key injected. Reads
 * always; writes only for `read_write` connections. The caller's credentials never cross, the
 * path cannot leave the directory's API, and the key never comes back in the answer.
 */
export function registerProxyRoutes(app: OpenAPIHono<AppEnv>, deps: RouteDeps): void {
  documentRoute(app, {
    methods: ['get', 'post', 'put', 'patch', 'delete'],
    path: `${PREFIX}/{path}`,
    summary: "The directory's own API, through the connection",
    description:
      "Everything after `/v1/proxy` goes to the directory's API (its own paths, as the provider documents them) with the connection's stored key added, in the connection's region. Query string and JSON body pass through; your `Authorization`, cookies and hop-by-hop headers do not. The answer is the directory's own, status and body as it sent them. Reads (GET, HEAD) work on every connection; writes only on `read_write` connections.",
    auth: 'integration_token',
    params: { path: 'The directory API path, e.g. `api/systemusers` or `api/v2/usergroups`.' },
    success: { status: 200, description: "The directory's answer, passed through" },
    errors: [
      'missing_credentials',
      'invalid_token',
      'token_expired',
      'connection_revoked',
      'method_not_allowed',
      'write_not_permitted',
      'invalid_request',
      'invalid_api_key',
      'insufficient_permissions',
      'provider_rate_limited',
      'provider_unavailable',
      'provider_timeout',
    ],
  })
  app.use(`${PREFIX}/*`, requireIntegrationToken(deps))
  app.all(`${PREFIX}/*`, async (c) => {
    const method = c.req.method.toUpperCase()
    if (!ALLOWED_METHODS.has(method)) throw new JumpLinkError('method_not_allowed')
    const url = new URL(c.req.url)
    const path = upstreamPath(url.pathname.slice(PREFIX.length))

    const headers = new Headers()
    const named = (c.req.header('connection') ?? '')
      .toLowerCase()
      .split(',')
      .map((h) => h.trim())
    for (const [name, value] of c.req.raw.headers) {
      const lower = name.toLowerCase()
      if (STRIPPED_REQUEST_HEADERS.has(lower) || named.includes(lower)) continue
      if (lower.startsWith('x-forwarded-') || lower.startsWith('x-api-key') || lower === 'x-org-id')
        continue
      headers.set(name, value)
    }
    const body = READ_METHODS.has(method) ? undefined : await c.req.arrayBuffer()

    return withDirectory(c, deps, async ({ session, provider, connection }) => {
      if (!READ_METHODS.has(method) && connection.permissions !== 'read_write') {
        throw new JumpLinkError('write_not_permitted')
      }
      const upstream = await provider.reader.proxy(session, {
        method,
        path,
        search: url.search,
        headers,
        body,
      })
      // The directory rejecting the credential is ours to report (and breaks the connection).
      if (upstream.status === 401) {
        await upstream.body?.cancel().catch(() => {})
        throw new JumpLinkError(rejectionCode(session.credential))
      }
      const responseHeaders = new Headers()
      for (const [name, value] of upstream.headers) {
        const lower = name.toLowerCase()
        // CORS is the link server's decision, never the directory's.
        if (STRIPPED_RESPONSE_HEADERS.has(lower) || lower.startsWith('access-control-')) continue
        responseHeaders.set(name, value)
      }
      responseHeaders.set('x-request-id', c.get('requestId'))
      responseHeaders.set('x-content-type-options', 'nosniff')
      // Bodies are JSON of modest size; reading them lets us guarantee the key is not echoed.
      const text = method === 'HEAD' ? '' : await upstream.text()
      const secrets = credentialSecrets(session.credential)
      let safe = text
      for (const secret of secrets) {
        if (safe.includes(secret)) safe = safe.replaceAll(secret, '[redacted]')
      }
      for (const [name, value] of [...responseHeaders]) {
        if (secrets.some((secret) => value.includes(secret))) responseHeaders.delete(name)
      }
      return new Response(method === 'HEAD' || isBodyless(upstream.status) ? null : safe, {
        status: upstream.status,
        headers: responseHeaders,
      })
    })
  })
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return true
  return false
}

function isBodyless(status: number): boolean {
  return status === 204 || status === 304
}

/**
 * The path to forward: absolute (`/…`), no empty, `.` or `..` segments (raw or encoded), no
 * backslashes or encoded slashes, so that it can only name something under the directory's API.
 */
export function upstreamPath(raw: string): string {
  const invalid = () =>
    new JumpLinkError('invalid_request', { message: 'The proxied path is not allowed.' })
  if (!raw.startsWith('/') || raw.startsWith('//')) throw invalid()
  const segments = raw.slice(1).split('/')
  for (const segment of segments) {
    let decoded: string
    try {
      decoded = decodeURIComponent(segment)
    } catch {
      throw invalid()
    }
    if (
      decoded === '.' ||
      decoded === '..' ||
      /[/\\]/.test(decoded) ||
      hasControlCharacter(decoded)
    )
      throw invalid()
  }
  if (segments.slice(0, -1).some((segment) => segment === '')) throw invalid()
  return raw
}
