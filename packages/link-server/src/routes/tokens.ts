import type { OpenAPIHono } from '@hono/zod-openapi'
import { exchangeToken, JumpLinkError } from '@jumplink/shared'
import type { AppEnv } from '../context'
import { hashSecret } from '../crypto/secrets'
import type { RouteDeps } from '../deps'
import { readJson } from '../http/body'
import { requireSecretKey } from '../middleware/require-secret-key'
import { documentEndpoint } from '../openapi'
import { presentConnection } from './present'

const REASON_CODES = {
  unknown: 'invalid_public_token',
  expired: 'public_token_expired',
  used: 'public_token_already_used',
} as const

/** Host API: a public token, once, for an integration token. */
export function registerTokenRoutes(app: OpenAPIHono<AppEnv>, deps: RouteDeps): void {
  documentEndpoint(app, exchangeToken, [
    'invalid_request',
    'unsupported_media_type',
    'payload_too_large',
    'missing_credentials',
    'invalid_secret_key',
    ...Object.values(REASON_CODES),
    'connection_revoked',
  ])
  app.post('/v1/tokens/exchange', requireSecretKey(deps.store.hostApps), async (c) => {
    const hostApp = c.get('hostApp')
    const body = await readJson(c, exchangeToken.body)
    const now = deps.now()
    const result = await deps.store.publicTokens.consume(
      hashSecret(body.public_token),
      hostApp.id,
      now,
    )
    if (!result.ok) {
      if (result.reason === 'used') {
        // A second exchange is either a bug or a stolen token: worth a trace.
        c.get('logger').warn({ host_app_id: hostApp.id }, 'public token replayed')
        await deps.store.audit.add({
          type: 'public_token.replayed',
          hostAppId: hostApp.id,
          connectionId: null,
          requestId: c.get('requestId'),
          data: {},
          now,
        })
      }
      throw new JumpLinkError(REASON_CODES[result.reason])
    }
    const connection = await deps.store.connections.get(hostApp.id, result.connectionId)
    if (!connection) throw new JumpLinkError('invalid_public_token')
    if (connection.status === 'revoked') throw new JumpLinkError('connection_revoked')
    const integrationToken = await deps.tokens.signIntegrationToken({
      connectionId: connection.id,
      hostAppId: hostApp.id,
    })
    c.get('logger').info({ connection_id: connection.id }, 'public token exchanged')
    return c.json({
      integration_token: integrationToken,
      connection: presentConnection(connection),
    })
  })
}
