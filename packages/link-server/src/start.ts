// Starts the link server on a socket from the environment: what `jumplink-server start` and
// `server.ts` run. Configuration problems end the process with the message that says what to set.
import { getConnInfo } from '@hono/node-server/conninfo'
import { ConfigError, loadConfig } from './env'
import { listenWithCatalogErrors } from './http/client-error'
import { createGracefulShutdown } from './lifecycle/graceful-shutdown'
import type { SchemaPolicy } from './storage/open'
import { startTracing } from './tracing'

export async function startLinkServer(options: { schemaPolicy?: SchemaPolicy } = {}) {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(1)
    }
    throw error
  }
  // Before the server's modules load, so that pg and fetch are instrumented (when traced).
  const tracing = await startTracing({ endpoint: config.otlpEndpoint })
  const { createLinkServer } = await import('./bootstrap')
  const server = await createLinkServer(config, {
    changeFeed: true,
    clientAddress: (c) => getConnInfo(c).remote.address ?? 'unknown',
    ...(options.schemaPolicy ? { schemaPolicy: options.schemaPolicy } : {}),
    ...(tracing ? { tracing } : {}),
  })
  const listener = listenWithCatalogErrors(
    { fetch: server.app.fetch, port: config.port, hostname: config.host },
    (info) => {
      server.logger.info(
        { url: config.publicUrl, port: info.port, host: config.host, mode: config.mode },
        `JumpLink link server listening on ${config.publicUrl} (docs: ${config.publicUrl}/docs)`,
      )
    },
  )
  createGracefulShutdown({
    listener,
    drain: server.drain,
    graceMs: config.shutdownGraceMs,
    close: async () => {
      await server.close()
      await tracing?.shutdown()
    },
    logger: server.logger,
    exit: (code) => process.exit(code),
  }).install(process)
}
