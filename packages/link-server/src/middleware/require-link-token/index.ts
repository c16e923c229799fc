import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../../context'
import type { TokenService } from '../../crypto/tokens'
import { bearerToken } from '../../http/bearer'

/** Link API: a link token (never an integration token); sets `linkSessionId`. */
export function requireLinkToken(tokens: TokenService) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const claims = await tokens.verifyLinkToken(bearerToken(c))
    c.set('linkSessionId', claims.sessionId)
    await next()
  })
}
