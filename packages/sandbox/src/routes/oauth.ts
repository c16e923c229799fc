import { Hono } from 'hono'
import type { SandboxEnv } from '../env.ts'
import type { ServiceAccountRegistry } from '../service-accounts.ts'

/** Seconds a throttled client is told to wait. */
const THROTTLE_RETRY_AFTER_SECONDS = 30

/**
 * `POST /oauth2/token`: JumpCloud's service-account token endpoint (admin-oauth.id…), the
 * client-credentials grant with HTTP Basic client authentication (jumpcloud-api.md, service
 * accounts). Errors are RFC 6749 §5.2 bodies: `{error, error_description}`.
 */
export function oauthRoutes(registry: ServiceAccountRegistry) {
  const app = new Hono<SandboxEnv>()
  const problem = (error: string, description: string) => ({
    error,
    error_description: description,
  })

  app.post('/token', async (c) => {
    const credentials = parseBasic(c.req.header('authorization'))
    if (!credentials) {
      c.header('www-authenticate', 'Basic realm="oauth2"')
      return c.json(
        problem('invalid_client', 'Client authentication with HTTP Basic is required.'),
        401,
      )
    }
    const type = c.req.header('content-type') ?? ''
    if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return c.json(
        problem('invalid_request', 'The body must be application/x-www-form-urlencoded.'),
        400,
      )
    }
    const form = new URLSearchParams(await c.req.text())
    if (form.get('grant_type') !== 'client_credentials') {
      return c.json(
        problem('unsupported_grant_type', 'Only grant_type=client_credentials is supported.'),
        400,
      )
    }
    const scope = form.get('scope')
    if (scope !== null && scope !== 'api') {
      return c.json(problem('invalid_scope', 'The only scope is api.'), 400)
    }
    const outcome = registry.issue(credentials.clientId, credentials.clientSecret)
    if (outcome.ok) {
      return c.json({
        access_token: outcome.accessToken,
        expires_in: outcome.expiresIn,
        scope: 'api',
        token_type: 'bearer',
      })
    }
    switch (outcome.reason) {
      case 'throttled':
        c.header('retry-after', String(THROTTLE_RETRY_AFTER_SECONDS))
        return c.json(problem('rate_limited', 'Too many token requests.'), 429)
      case 'expired_secret':
        return c.json(
          problem('invalid_client', 'Client authentication failed: the secret has expired.'),
          401,
        )
      case 'invalid_client':
        return c.json(problem('invalid_client', 'Client authentication failed.'), 401)
    }
  })
  return app
}

/** `Basic base64(client_id:client_secret)`, as jumpcloud-api.md gives it (no form-encoding). */
function parseBasic(header: string | undefined): { clientId: string; clientSecret: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '')
  if (!match?.[1]) return null
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon <= 0) return null
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) }
}
