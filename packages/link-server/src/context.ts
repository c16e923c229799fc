import type { Logger } from 'pino'
import type { ConnectionRecord, HostApp } from './storage/store'

/** The typed Hono environment, declared once: what middleware puts on the context. */
export interface AppEnv {
  Variables: {
    requestId: string
    logger: Logger
    /** Set by the secret-key middleware. */
    hostApp: HostApp
    /** Set by the link-token middleware. */
    linkSessionId: string
    /** Set by the integration-token middleware. */
    connectionId: string
    /** Set by the integration-token middleware: the row it checked, so routes need not read it again. */
    connection: ConnectionRecord
  }
}
