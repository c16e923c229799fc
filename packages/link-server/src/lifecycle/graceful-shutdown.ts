import type { Server } from 'node:http'
import type { Drain } from './drain'

/** The part of pino's logger the shutdown uses. */
export interface ShutdownLogger {
  info(fields: object, message: string): void
  warn(fields: object, message: string): void
  error(fields: object, message: string): void
}

export interface GracefulShutdownOptions {
  /** The listening socket (`serve()`'s server). */
  listener: Pick<Server, 'close' | 'closeIdleConnections' | 'closeAllConnections'>
  drain: Drain
  /** How long in-flight requests may take to finish before their connections are cut. */
  graceMs: number
  /** Hands background work back and closes shared state and the database, in that order. */
  close: () => Promise<void>
  logger: ShutdownLogger
  exit: (code: number) => void
}

/**
 * SIGTERM (or SIGINT): `/readyz` answers 503 at once, the listener stops taking connections,
 * requests already started finish (within `graceMs`), background work is handed back, and the
 * process exits 0. A second signal does not start a second shutdown.
 */
export function createGracefulShutdown(options: GracefulShutdownOptions) {
  let shuttingDown: Promise<void> | undefined

  async function shutdown(signal: string): Promise<void> {
    const { listener, drain, logger } = options
    drain.begin()
    logger.info(
      { signal, in_flight: drain.inFlight, grace_ms: options.graceMs },
      'shutting down: not ready, finishing requests in flight',
    )
    const closed = new Promise<void>((resolve) => listener.close(() => resolve()))
    let timer: NodeJS.Timeout | undefined
    const graceOver = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), options.graceMs)
    })
    const drained = drain.idle().then(() => {
      // Every request is answered; connections still open are idle (or about to be).
      listener.closeIdleConnections()
      return closed
    })
    if ((await Promise.race([drained, graceOver])) === 'timeout') {
      logger.warn(
        { in_flight: drain.inFlight },
        'grace period over: cutting the connections still open',
      )
      listener.closeAllConnections()
    }
    clearTimeout(timer)
    try {
      await options.close()
      logger.info({}, 'shut down cleanly')
      options.exit(0)
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed while closing')
      options.exit(1)
    }
  }

  return {
    /** Starts the shutdown (once); resolves when it is over. */
    shutdown(signal = 'SIGTERM'): Promise<void> {
      shuttingDown ??= shutdown(signal)
      return shuttingDown
    },
    /** Listens for SIGTERM and SIGINT. */
    install(process: Pick<NodeJS.Process, 'on'>) {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        process.on(signal, () => void this.shutdown(signal))
      }
    },
  }
}
