import { JumpLinkError } from '@jumplink/shared'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../../context'
import type { TokenService } from '../../crypto/tokens'
import { bearerToken } from '../../http/bearer'
import type { Store } from '../../storage/store'

/**
 * Unified API: an integration token (never a link token) whose connection still exists and is
 * not revoked. The signature alone is not enough: revocation must stop a token at once.
 * Sets `connectionId` and `hostApp`.
 */
export function requireIntegrationToken(deps: { tokens: TokenService; store: Store }) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const claims = await deps.tokens.verifyIntegrationToken(bearerToken(c))
    const hostApp = await deps.store.hostApps.get(claims.hostAppId)
    const connection =
      hostApp && (await deps.store.connections.get(claims.hostAppId, claims.connectionId))
    if (!hostApp || !connection) throw new JumpLinkError('invalid_token')
    if (connection.status === 'revoked') throw new JumpLinkError('connection_revoked')
    c.set('hostApp', hostApp)
    c.set('connectionId', connection.id)
    c.set('connection', connection)
    await next()
  })
}
