import { DEMO_HOST_APP_ID } from '../host-apps'
import type { Store } from '../storage/store'

/**
 * Makes a database that once ran in demo mode safe for production: revokes the demo host app's
 * secrets (one of them is published) and every connection it made, and audits it. Idempotent.
 */
export async function revokeDemoHostApp(
  store: Store,
  now = new Date(),
): Promise<{ found: boolean; secrets: number; connections: number }> {
  if (!(await store.hostApps.get(DEMO_HOST_APP_ID))) {
    return { found: false, secrets: 0, connections: 0 }
  }
  return store.transaction(async (tx) => {
    // No secret has this id, so every live one is revoked.
    const secrets = await tx.hostApps.revokeSecretsExcept(DEMO_HOST_APP_ID, '', now)
    let connections = 0
    for (const status of ['active', 'broken'] as const) {
      for (;;) {
        const page = await tx.connections.list(DEMO_HOST_APP_ID, { status, limit: 500 })
        if (page.length === 0) break
        for (const connection of page) {
          await tx.connections.revoke(DEMO_HOST_APP_ID, connection.id, now)
          connections++
        }
      }
    }
    await tx.audit.add({
      type: 'host_app.demo_revoked',
      hostAppId: DEMO_HOST_APP_ID,
      connectionId: null,
      requestId: null,
      data: { secrets, connections },
      now,
    })
    return { found: true, secrets, connections }
  })
}
