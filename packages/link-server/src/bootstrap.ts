import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Context } from 'hono'
import type { Logger } from 'pino'
import { createApp } from './app'
import type { AppEnv } from './context'
import { createTokenService } from './crypto/tokens'
import { createVault, type Vault } from './crypto/vault'
import type { Config } from './env'
import { DEMO_SECRET_KEY, ensureDemoHostApp } from './host-apps'
import { createLogger, type LogDestination } from './logger'
import { resolveMasterKeys } from './master-keys'
import type { FetchLike, ProviderRegistry } from './providers/provider'
import { loadProviders } from './providers/registry'
import { openStore } from './storage/open'
import type { Store } from './storage/store'

export interface LinkServer {
  app: ReturnType<typeof createApp>
  config: Config
  store: Store
  vault: Vault
  providers: ProviderRegistry
  logger: Logger
  close(): Promise<void>
}

/**
 * Everything a running link server needs, built from a validated config: database (migrated),
 * master keys, signing keys, providers, logger, and in demo mode the demo host app. Logs what
 * it had to generate. Runtime-neutral: `server.ts` puts it on a socket.
 */
export async function createLinkServer(
  config: Config,
  options: {
    logDestination?: LogDestination
    fetch?: FetchLike
    clientAddress?: (c: Context<AppEnv>) => string
  } = {},
): Promise<LinkServer> {
  const providers = await loadProviders({
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(config.directoryUrl ? { baseUrl: config.directoryUrl } : {}),
    timeoutMs: config.directoryTimeoutMs,
    maxConcurrency: config.directoryConcurrency,
  })
  const logger = createLogger({
    level: config.logLevel,
    ...(options.logDestination ? { destination: options.logDestination } : {}),
    secretPatterns: [...providers.values()].flatMap((p) => p.secretPatterns),
  })
  const dataDir = resolve(config.dataDir)

  const master = await resolveMasterKeys(config)
  if (master.generatedAt) {
    logger.warn(
      { path: master.generatedAt, mode: config.mode },
      'generated a development master key; set LINK_MASTER_KEYS before storing real keys',
    )
  } else if (master.loadedFrom) {
    logger.info({ path: master.loadedFrom }, 'using the development master key')
  }
  const vault = await createVault({ keys: master.keys, activeKeyId: master.activeKeyId })

  if (!config.databaseUrl) await mkdir(dataDir, { recursive: true })
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: resolve(dataDir, 'db'),
  })
  logger.info(
    config.databaseUrl
      ? { database: 'postgresql' }
      : { database: 'embedded', path: resolve(dataDir, 'db') },
    'database ready',
  )

  const hadKeys = (await store.signingKeys.list()).length > 0
  const tokens = createTokenService({ keys: store.signingKeys, vault, issuer: config.publicUrl })
  const { keys } = await tokens.jwks()
  if (!hadKeys) logger.info({ kid: keys[0]?.kid }, 'generated a signing key')

  if (config.mode === 'demo') {
    const { hostApp, created } = await ensureDemoHostApp(store, {
      name: config.demoAppName,
      allowedOrigins: config.demoOrigins,
    })
    logger.info(
      {
        host_app_id: hostApp.id,
        allowed_origins: hostApp.allowedOrigins,
        secret_key_hint: `${DEMO_SECRET_KEY.slice(0, 11)}…`,
        created,
      },
      'demo host app ready; its development secret key is DEMO_SECRET_KEY in the link-server README',
    )
  }

  const app = createApp({
    store,
    vault,
    tokens,
    providers,
    logger,
    publicUrl: config.publicUrl,
    bodyLimitBytes: config.bodyLimitBytes,
    rateLimit: config.rateLimit,
    clientAddress: (c) => {
      if (config.trustProxy) {
        const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
        if (forwarded) return forwarded
      }
      return options.clientAddress?.(c) ?? 'unknown'
    },
  })
  return { app, config, store, vault, providers, logger, close: () => store.close() }
}
