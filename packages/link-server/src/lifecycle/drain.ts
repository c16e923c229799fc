import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../context'

/**
 * Knows whether the server is shutting down and how many requests are being handled. Once
 * draining, `/readyz` answers 503 (the load balancer stops sending) and every answer carries
 * `Connection: close`, so a kept-alive client finishes its request and then goes elsewhere.
 */
export interface Drain {
  readonly draining: boolean
  readonly inFlight: number
  /** Starts draining; idempotent. */
  begin(): void
  /** Resolves once draining and no request is being handled. */
  idle(): Promise<void>
  middleware: ReturnType<typeof createMiddleware<AppEnv>>
}

export function createDrain(): Drain {
  let draining = false
  let inFlight = 0
  let resolveIdle: (() => void) | undefined
  const idle = new Promise<void>((resolve) => {
    resolveIdle = resolve
  })
  const checkIdle = () => {
    if (draining && inFlight === 0) resolveIdle?.()
  }
  return {
    get draining() {
      return draining
    },
    get inFlight() {
      return inFlight
    },
    begin() {
      draining = true
      checkIdle()
    },
    idle: () => idle,
    middleware: createMiddleware<AppEnv>(async (c, next) => {
      inFlight++
      try {
        await next()
        if (draining) c.header('connection', 'close')
      } finally {
        inFlight--
        checkIdle()
      }
    }),
  }
}
