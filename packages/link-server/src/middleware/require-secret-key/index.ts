import { JumpLinkError } from '@jumplink/shared'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../../context'
import { hashSecret } from '../../crypto/secrets'
import { bearerToken } from '../../http/bearer'
import type { HostAppStore } from '../../storage/store'

/** Host API: `Authorization: Bearer jl_sk_…`, looked up by hash; sets `hostApp`. */
export function requireSecretKey(hostApps: HostAppStore) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const secret = bearerToken(c)
    const hostApp = await hostApps.findBySecretHash(hashSecret(secret))
    if (!hostApp) throw new JumpLinkError('invalid_secret_key')
    c.set('hostApp', hostApp)
    await next()
  })
}
