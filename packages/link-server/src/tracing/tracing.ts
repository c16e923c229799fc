import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context'

/** Tracing as the server sees it: a middleware for the app, and a flush at shutdown. */
export interface Tracing {
  /** Makes each request's span and puts the request id on it and on every span inside it. */
  middleware: MiddlewareHandler<AppEnv>
  /** Sends what is buffered and stops. */
  shutdown(): Promise<void>
}
