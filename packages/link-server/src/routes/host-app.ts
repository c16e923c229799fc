import type { OpenAPIHono } from '@hono/zod-openapi'
import { getHostApp, JumpLinkError, updateHostApp } from '@jumplink/shared'
import type { Context } from 'hono'
import type { AppEnv } from '../context'
import type { RouteDeps } from '../deps'
import { readJson } from '../http/body'
import { requireSecretKey } from '../middleware/require-secret-key'
import { documentEndpoint } from '../openapi'

const AUTH_ERRORS = ['missing_credentials', 'invalid_secret_key'] as const

/** Host API: the calling host app's own settings (the change feed's sync interval). */
export function registerHostAppRoutes(app: OpenAPIHono<AppEnv>, deps: RouteDeps): void {
  app.use(getHostApp.path, requireSecretKey(deps.store.hostApps))

  documentEndpoint(app, getHostApp, [...AUTH_ERRORS])
  app.get(getHostApp.path, async (c) => c.json(await present(c)))

  documentEndpoint(app, updateHostApp, [
    ...AUTH_ERRORS,
    'invalid_request',
    'unsupported_media_type',
  ])
  app.patch(updateHostApp.path, async (c) => {
    const body = await readJson(c, updateHostApp.body)
    const hostApp = c.get('hostApp')
    if (body.sync_interval_seconds !== undefined) {
      await deps.store.changes.setSyncInterval(hostApp.id, body.sync_interval_seconds)
      c.get('logger').info(
        { host_app_id: hostApp.id, sync_interval_seconds: body.sync_interval_seconds },
        'sync interval changed',
      )
    }
    return c.json(await present(c))
  })

  async function present(c: Context<AppEnv>) {
    const hostApp = c.get('hostApp')
    const interval = await deps.store.changes.getSyncInterval(hostApp.id)
    if (interval === undefined) throw new JumpLinkError('invalid_secret_key')
    return { id: hostApp.id, name: hostApp.name, sync_interval_seconds: interval }
  }
}
