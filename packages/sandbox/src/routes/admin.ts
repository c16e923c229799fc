import { Hono } from 'hono'
import type { DevicePlatform } from '../data/types.ts'
import type { SandboxEnv } from '../env.ts'
import type { Sandbox } from '../public-types.ts'

const PLATFORMS: readonly DevicePlatform[] = ['macos', 'windows', 'linux', 'ios', 'ipados']

/**
 * `/_sandbox/*`: not JumpCloud. Changes data while the sandbox runs, for lifecycle and relink
 * tests. Documented in README.md.
 */
export function adminRoutes(sandbox: Sandbox) {
  const app = new Hono<SandboxEnv>()
  const problem = (message: string) => ({ message })

  app.get('/', (c) =>
    c.json({
      keys: sandbox.keys,
      service_accounts: sandbox.serviceAccounts,
      token_requests: sandbox.tokenRequestCounts(),
      organizations: sandbox
        .listOrganizations()
        .map((o) => ({ id: o.id, displayName: o.record.displayName, label: o.spec.label })),
    }),
  )

  app.post('/keys/rotate', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { key?: unknown }
    if (typeof body.key !== 'string')
      return c.json(problem('body must be {"key": "<the key to rotate>"}'), 400)
    try {
      return c.json({ key: sandbox.rotateKey(body.key) })
    } catch (error) {
      return c.json(problem((error as Error).message), 404)
    }
  })

  app.post('/service-accounts/:clientId/rotate', (c) => {
    try {
      return c.json({ client_secret: sandbox.rotateClientSecret(c.req.param('clientId')) })
    } catch (error) {
      return c.json(problem((error as Error).message), 404)
    }
  })

  app.post('/service-accounts/:clientId/expire-tokens', (c) => {
    try {
      return c.json({ expired: sandbox.expireAccessTokens(c.req.param('clientId')) })
    } catch (error) {
      return c.json(problem((error as Error).message), 404)
    }
  })

  app.get('/service-accounts/:clientId/token-requests', (c) => {
    try {
      return c.json({ token_requests: sandbox.tokenRequests(c.req.param('clientId')) })
    } catch (error) {
      return c.json(problem((error as Error).message), 404)
    }
  })

  app.post('/organizations/:orgId/users/:userId/suspend', (c) => {
    try {
      return c.json(sandbox.suspendUser(c.req.param('userId'), c.req.param('orgId')))
    } catch (error) {
      return c.json(problem((error as Error).message), 404)
    }
  })

  // Writes that reached the JumpCloud paths, for tests that count upstream calls over HTTP.
  app.get('/write-requests', (c) => {
    const requests = sandbox.writeRequests()
    return c.json({ count: requests.length, requests })
  })
  app.delete('/write-requests', (c) => {
    sandbox.resetWriteRequests()
    return c.json({ count: 0, requests: [] })
  })

  app.post('/organizations/:orgId/systems', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>
    const platform = body.platform
    if (platform !== undefined && !PLATFORMS.includes(platform as DevicePlatform)) {
      return c.json(problem(`platform must be one of ${PLATFORMS.join(', ')}`), 400)
    }
    try {
      const system = sandbox.addDevice({
        organizationId: c.req.param('orgId'),
        ...(platform ? { platform: platform as DevicePlatform } : {}),
        ...(typeof body.ownerId === 'string' ? { ownerId: body.ownerId } : {}),
        ...(typeof body.displayName === 'string' ? { displayName: body.displayName } : {}),
      })
      return c.json(system, 201)
    } catch (error) {
      return c.json(problem((error as Error).message), 404)
    }
  })
  return app
}
