// The only Node entry: reads the environment, builds the link server, listens.
import { serve } from '@hono/node-server'
import { getConnInfo } from '@hono/node-server/conninfo'
import { createLinkServer } from './bootstrap'
import { ConfigError, loadConfig } from './env'
import { answerClientErrors } from './http/client-error'

async function main() {
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
  const server = await createLinkServer(config, {
    clientAddress: (c) => getConnInfo(c).remote.address ?? 'unknown',
  })
  const listener = serve(
    { fetch: server.app.fetch, port: config.port, hostname: config.host },
    (info) => {
      server.logger.info(
        { url: config.publicUrl, port: info.port, host: config.host, mode: config.mode },
        `JumpLink link server listening on ${config.publicUrl} (docs: ${config.publicUrl}/docs)`,
      )
    },
  )
  answerClientErrors(listener)
  const stop = () => {
    listener.close()
    void server.close().finally(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

void main().catch((error: unknown) => {
  console.error('The link server failed to start:', error instanceof Error ? error.message : error)
  process.exit(1)
})
