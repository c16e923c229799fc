import { resolve } from 'node:path'
import { JumpLinkError } from '@jumplink/shared'
import type { Context } from 'hono'
import type { Logger } from 'pino'
import { createApp } from './app'
import type { AppEnv } from './context'
import { createTokenService } from './crypto/tokens'
import { createVault, type Vault } from './crypto/vault'
import type { Config } from './env'
import { assertNoLiveDemoHostApp, DEMO_SECRET_KEY, ensureDemoHostApp } from './host-apps'
import { createDrain, type Drain } from './lifecycle/drain'
import { createLogger, type LogDestination } from './logger'
import { followMasterKeys, type MasterKeyRing } from './master-key-ring'
import { resolveMasterKeys } from './master-keys'
import { deferMetrics, METRICS_OFF } from './metrics/deferred'
import type { Metrics } from './metrics/prometheus'
import type { FetchLike, ProviderRegistry } from './providers/provider'
import { loadProviders } from './providers/registry'
import { openSharedState } from './shared-state'
import type { SharedEvent, SharedState } from './shared-state/shared-state'
import { openStore, type SchemaPolicy } from './storage/open'
import { makePrivateFolder } from './storage/private-files'
import type { Store } from './storage/store'
import { type SyncService, startSyncService } from './sync/service'
import type { Tracing } from './tracing'
import type { WebhookDispatch } from './webhooks/dispatch'

export interface LinkServer {
  app: ReturnType<typeof createApp>
  config: Config
  store: Store
  vault: Vault
  providers: ProviderRegistry
  logger: Logger
  shared: SharedState
  metrics: Metrics
  /** Shutdown state; `lifecycle/graceful-shutdown.ts` drives it. */
  drain: Drain
  /** The change feed's syncs (absent with `changeFeed: false`). */
  sync: SyncService | undefined
  /** Hands background work back, then closes shared state and the database. */
  close(): Promise<void>
}

/** A directory slot's lease outlives the longest attempt by this much (then a dead holder's frees). */
const LEASE_MARGIN_MS = 5_000

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
    /** `require-latest` for `jumplink-server start --no-migrate`; migrates by default. */
    schemaPolicy?: SchemaPolicy
    /** OpenTelemetry, when `start.ts` started it. */
    tracing?: Tracing
    /**
     * Runs the job queue and the change feed's syncs on this instance; the server entry turns
     * it on. Started in the background, so the server answers while the queue comes up.
     */
    changeFeed?: boolean
  } = {},
): Promise<LinkServer> {
  // prom-client loads at the first request, not on the way to listening (and never when off).
  const metrics = config.metrics.enabled
    ? deferMetrics(async () => (await import('./metrics/prometheus')).createPrometheusMetrics())
    : METRICS_OFF
  let log: Logger | undefined
  const shared = await openSharedState({
    url: config.redisUrl,
    prefix: config.redisPrefix,
    onProblem: (message, error) => log?.warn(error ? { err: error } : {}, message),
  })
  const providers = await loadProviders({
    // Failed directory calls reach the logger, made after the providers, through `log`.
    onUpstreamFailure: (failure) => log?.warn({ upstream: failure }, 'directory call failed'),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(config.directoryUrl ? { baseUrl: config.directoryUrl } : {}),
    timeoutMs: config.directoryTimeoutMs,
    maxConcurrency: config.directoryConcurrency,
    // One cap per connection across every instance, not one per instance.
    concurrency: shared.semaphore({
      name: 'directory',
      limit: config.directoryConcurrency,
      leaseMs: config.directoryTimeoutMs + LEASE_MARGIN_MS,
      waitMs: 60_000,
    }),
    metrics,
  })
  const logger = createLogger({
    level: config.logLevel,
    ...(options.logDestination ? { destination: options.logDestination } : {}),
    secretPatterns: [...providers.values()].flatMap((p) => p.secretPatterns),
    // The demo is read by a person in a terminal; everything else by a log collector.
    format: config.mode === 'demo' ? 'pretty' : 'json',
  })
  log = logger
  if (shared.kind === 'redis')
    logger.info({ prefix: config.redisPrefix }, 'sharing state through Redis')
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
  if (!config.databaseUrl) await makePrivateFolder(dataDir)
  // Independent of each other: libsodium compiles its WebAssembly while the database answers.
  const [opened, sealed] = await Promise.allSettled([
    openStore({
      databaseUrl: config.databaseUrl,
      dataDir: resolve(dataDir, 'db'),
      ...(options.schemaPolicy ? { schemaPolicy: options.schemaPolicy } : {}),
    }),
    createVault({ keys: master.keys, activeKeyId: master.activeKeyId }),
  ])
  if (opened.status === 'rejected' || sealed.status === 'rejected') {
    await shared.close()
    if (opened.status === 'fulfilled') await opened.value.close()
    throw opened.status === 'rejected' ? opened.reason : (sealed as PromiseRejectedResult).reason
  }
  const store = opened.value
  const vault = sealed.value
  logger.info(
    config.databaseUrl
      ? { database: 'postgresql' }
      : { database: 'embedded', path: resolve(dataDir, 'db') },
    'database ready',
  )

  // Before anything is sealed: the key operators activated or retired since (the CLI's keys commands).
  const masterKeys = await followMasterKeys({
    store: store.masterKeys,
    vault,
    configuredActiveKeyId: master.activeKeyId,
    logger,
    checkEveryMs: config.signingKeyRefreshMs,
  })

  const hadKeys = (await store.signingKeys.list()).length > 0
  const tokens = createTokenService({
    keys: store.signingKeys,
    vault,
    issuer: config.publicUrl,
    refreshMs: config.signingKeyRefreshMs,
    retiredKeyGraceMs: config.retiredKeyGraceMs,
    onCacheLookup: (hit) => metrics.cacheLookup('integration_tokens', hit),
  })
  const { keys } = await tokens.jwks()
  if (!hadKeys) logger.info({ kid: keys[0]?.kid }, 'generated a signing key')

  if (config.mode === 'production') {
    try {
      await assertNoLiveDemoHostApp(store)
    } catch (error) {
      await shared.close()
      await store.close()
      throw error
    }
  }
  if (config.mode === 'demo') {
    const { hostApp, created } = await ensureDemoHostApp(store, {
      name: config.demoAppName,
      allowedOrigins: config.demoOrigins,
    })
    logger.info(
      {
        host_app_id: hostApp.id,
        allowed_origins: hostApp.allowedOrigins,
        // Its last characters only: anything shaped like a secret key is scrubbed from logs.
        secret_key_ends_with: `…${DEMO_SECRET_KEY.slice(-4)}`,
        created,
      },
      'demo host app ready; its fixed development secret key is DEMO_SECRET_KEY in the link-server README',
    )
  }

  const unsubscribe = shared.subscribe((event) =>
    onSharedEvent(event, { providers, tokens, vault, masterKeys, logger }),
  )
  const drain = createDrain()

  // Production: https only. Demo: everything runs on this machine, receivers included.
  const webhookUrls = {
    requireHttps: config.mode === 'production',
    allowPrivate: config.mode === 'demo',
  }
  // Jobs live in the database, so every instance runs them; see src/jobs/queue.ts.
  const feed = options.changeFeed
    ? (async () => {
        // Loaded here, after the server answers: the queue library is start-up time otherwise.
        const { startJobQueue } = await import('./jobs/queue')
        const { startWebhookDelivery } = await import('./webhooks/delivery')
        const queue = await startJobQueue({ database: store.jobs, logger })
        metrics.observeJobQueue(() => queue.depth())
        const webhooks = await startWebhookDelivery({
          store,
          vault,
          queue,
          logger,
          metrics,
          urlPolicy: webhookUrls,
        })
        const service = await startSyncService({
          store,
          vault,
          providers,
          logger,
          queue,
          metrics,
          onEvents: (events) => webhooks.publish(events),
          changeHintSeconds: config.changeHintSeconds,
        })
        logger.info('change feed ready')
        return { queue, service, webhooks }
      })().catch((error: unknown) => {
        logger.error({ err: error }, 'the change feed could not start')
        return undefined
      })
    : undefined
  const started = async () => {
    const running = await feed
    if (!running) throw new JumpLinkError('service_unavailable')
    return running.service
  }
  const sync: SyncService | undefined = feed
    ? {
        requestSync: async (target, options) => (await started()).requestSync(target, options),
        tick: async () => (await started()).tick(),
        async stop() {
          const running = await feed
          await running?.service.stop()
          await running?.webhooks.stop()
          await running?.queue.stop()
        },
      }
    : undefined
  const webhookDelivery: WebhookDispatch | undefined = feed
    ? {
        // Events stored before the queue is up wait for the sweep; nothing is lost.
        publish: async (events) => (await feed)?.webhooks.publish(events),
        deliverSoon: async (deliveryId) => {
          const running = await feed
          if (!running) throw new JumpLinkError('service_unavailable')
          await running.webhooks.deliverSoon(deliveryId)
        },
      }
    : undefined

  const app = createApp({
    ...(sync ? { sync } : {}),
    shared,
    metrics,
    metricsRoute: config.metrics.enabled ? { token: config.metrics.token } : false,
    drain,
    ...(options.tracing ? { tracing: options.tracing.middleware } : {}),
    store,
    vault,
    tokens,
    providers,
    logger,
    publicUrl: config.publicUrl,
    webhookUrls,
    ...(webhookDelivery ? { webhookDelivery } : {}),
    docs: config.docsEnabled,
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
  return {
    app,
    config,
    store,
    vault,
    providers,
    logger,
    shared,
    metrics,
    drain,
    sync,
    async close() {
      await sync?.stop()
      unsubscribe()
      masterKeys.stop()
      await shared.close()
      await store.close()
    },
  }
}

/** What another instance (or the CLI) changed, applied here without a restart. */
function onSharedEvent(
  event: SharedEvent,
  deps: {
    providers: ProviderRegistry
    tokens: ReturnType<typeof createTokenService>
    vault: Vault
    masterKeys: MasterKeyRing
    logger: Logger
  },
): void {
  if (event.type === 'connection.changed') {
    for (const provider of deps.providers.values()) provider.reader.forget?.(event.connectionId)
    return
  }
  // Heard by the unified write routes (`shared-state/directory-writes.ts`).
  if (event.type === 'directory.written') return
  if (event.type === 'master-keys.changed') {
    void deps.masterKeys.reload().then(() => {
      if (event.activeKeyId === deps.vault.activeKeyId) return
      // Rows are being sealed under a key this instance may not hold: say so loudly, now,
      // rather than at the first request that cannot open a credential.
      deps.logger.error(
        { active_key_id: event.activeKeyId, own_active_key_id: deps.vault.activeKeyId },
        'stored secrets were re-sealed under another master key; give this instance the same LINK_MASTER_KEYS',
      )
    })
  }
  // Signing keys were added, retired or re-sealed: read them again.
  deps.tokens.reload().then(
    () => deps.logger.info({ event: event.type }, 'reloaded the signing keys'),
    (error: unknown) => deps.logger.error({ err: error }, 'could not reload the signing keys'),
  )
}
