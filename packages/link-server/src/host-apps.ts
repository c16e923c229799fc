import { generateSecretKey, hashSecret, newId, secretHint } from './crypto/secrets'
import type { HostApp, Store } from './storage/store'

/**
 * The development secret of demo mode's host app. Public on purpose (it is in the README), so
 * it is only ever created in demo mode, never in production.
 */
export const DEMO_SECRET_KEY = 'jl_sk_demo_development_secret_only_for_local_host'
export const DEMO_HOST_APP_ID = 'app_demo'

/** An origin exactly as browsers send it: scheme, host and port, nothing else. */
export function normalizeOrigin(value: string): string {
  const url = new URL(value)
  if (
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.origin !== value.replace(/\/$/, '')
  ) {
    throw new Error(`"${value}" is not an origin (like https://app.example.com)`)
  }
  return url.origin
}

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
 * follow the configuration on every start, so a demo moved to other ports keeps working.
 */
export async function ensureDemoHostApp(
  store: Store,
  settings: { name: string; allowedOrigins: string[] },
): Promise<{ hostApp: HostApp; created: boolean }> {
  const existing = await store.hostApps.get(DEMO_HOST_APP_ID)
  if (existing) {
    const unchanged =
      existing.name === settings.name &&
      existing.allowedOrigins.join(' ') === settings.allowedOrigins.join(' ')
    const hostApp = unchanged ? existing : await store.hostApps.update(DEMO_HOST_APP_ID, settings)
    return { hostApp: hostApp ?? existing, created: false }
  }
  const { hostApp } = await createHostApp(store, {
    id: DEMO_HOST_APP_ID,
    name: settings.name,
    allowedOrigins: settings.allowedOrigins,
    secret: DEMO_SECRET_KEY,
  })
  return { hostApp, created: true }
}
