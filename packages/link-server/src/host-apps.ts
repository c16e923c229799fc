import { generateSecretKey, hashSecret, newId, secretHint } from './crypto/secrets'
import { normalizeOrigin } from './origins'
import type { HostApp, Store } from './storage/store'

/**
 * The development secret of demo mode's host app. Public on purpose (it is in the README), so
 * it is only ever created in demo mode, never in production.
 */
export const DEMO_SECRET_KEY = 'jl_sk_demo_development_secret_only_for_local_host'
export const DEMO_HOST_APP_ID = 'app_demo'

export { normalizeOrigin } from './origins'

/** Creates a host app and its first secret key. The secret is returned once and stored hashed. */
export async function createHostApp(
  store: Store,
  input: { name: string; allowedOrigins: string[]; now?: Date; id?: string; secret?: string },
): Promise<{ hostApp: HostApp; secret: string }> {
  const now = input.now ?? new Date()
  const secret = input.secret ?? generateSecretKey()
  return store.transaction(async (tx) => {
    const hostApp = await tx.hostApps.create({
      id: input.id ?? newId('app'),
      name: input.name,
      allowedOrigins: input.allowedOrigins.map(normalizeOrigin),
      now,
    })
    await tx.hostApps.addSecret({
      id: newId('sec'),
      hostAppId: hostApp.id,
      hash: hashSecret(secret),
      hint: secretHint(secret),
      now,
    })
    return { hostApp, secret }
  })
}

/**
 * Adds a new secret key. Old keys keep working until `revokeOthers` (deploy the new key first,
 * then revoke), so rotation needs no downtime.
 */
export async function rotateSecretKey(
  store: Store,
  hostAppId: string,
  options: { revokeOthers?: boolean; now?: Date } = {},
): Promise<string> {
  const now = options.now ?? new Date()
  const secret = generateSecretKey()
  const id = newId('sec')
  await store.transaction(async (tx) => {
    if (!(await tx.hostApps.get(hostAppId))) throw new Error(`No host app ${hostAppId}`)
    await tx.hostApps.addSecret({
      id,
      hostAppId,
      hash: hashSecret(secret),
      hint: secretHint(secret),
      now,
    })
    if (options.revokeOthers) await tx.hostApps.revokeSecretsExcept(hostAppId, id, now)
  })
  return secret
}

/**
 * Demo mode: the demo host app with the documented secret, created once. Its name and origins
 * follow the configuration on every start (checked as strictly as at creation: no `null`, no
 * wildcards, https or this machine), so a demo moved to other ports keeps working.
 */
export async function ensureDemoHostApp(
  store: Store,
  settings: { name: string; allowedOrigins: string[] },
): Promise<{ hostApp: HostApp; created: boolean }> {
  const allowedOrigins = settings.allowedOrigins.map(normalizeOrigin)
  const existing = await store.hostApps.get(DEMO_HOST_APP_ID)
  if (existing) {
    const unchanged =
      existing.name === settings.name &&
      existing.allowedOrigins.join(' ') === allowedOrigins.join(' ')
    const hostApp = unchanged
      ? existing
      : await store.hostApps.update(DEMO_HOST_APP_ID, { name: settings.name, allowedOrigins })
    return { hostApp: hostApp ?? existing, created: false }
  }
  const { hostApp } = await createHostApp(store, {
    id: DEMO_HOST_APP_ID,
    name: settings.name,
    allowedOrigins,
    secret: DEMO_SECRET_KEY,
  })
  return { hostApp, created: true }
}

/**
 * Production on a database that demo mode used: the demo host app's secret is public, so while it
 * has a live secret or an active connection the server refuses to start. We refuse rather than
 * revoke at start: revoking would change data the operator may not know is there, and a database
 * that served a demo should be looked at (or replaced) by a human, once.
 */
export async function assertNoLiveDemoHostApp(store: Store): Promise<void> {
  const demo = await store.hostApps.get(DEMO_HOST_APP_ID)
  if (!demo) return
  const liveSecrets = (await store.hostApps.listSecrets(DEMO_HOST_APP_ID)).filter(
    (s) => !s.revokedAt,
  )
  const usable = [
    ...(await store.connections.list(DEMO_HOST_APP_ID, { status: 'active', limit: 1 })),
    ...(await store.connections.list(DEMO_HOST_APP_ID, { status: 'broken', limit: 1 })),
  ]
  if (liveSecrets.length === 0 && usable.length === 0) return
  throw new Error(
    `This database holds the demo host app (${DEMO_HOST_APP_ID}), whose secret key is published in ` +
      'the README. Production will not start while it can be used: run `cli host-apps revoke-demo` ' +
      '(revokes its secrets and connections), or use a database that never ran in demo mode.',
  )
}
