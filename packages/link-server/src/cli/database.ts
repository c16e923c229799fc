import { resolve } from 'node:path'
import type { Config } from '../env'

/**
 * Which database a command uses, for operators to check before it writes: PostgreSQL's address
 * without its password, or the embedded database's folder as the server resolves it.
 */
export function describeDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): string {
  if (!config.databaseUrl) return `embedded (PGlite) in ${resolve(config.dataDir, 'db')}`
  try {
    const url = new URL(config.databaseUrl)
    const user = url.username ? `${decodeURIComponent(url.username)}@` : ''
    return `PostgreSQL ${user}${url.host}${url.pathname}`
  } catch {
    return 'PostgreSQL (DATABASE_URL is not a URL)'
  }
}
