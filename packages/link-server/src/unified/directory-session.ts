import { JumpLinkError } from '@jumplink/shared'
import type { Context } from 'hono'
import type { AppEnv } from '../context'
import { connectionContext } from '../crypto/vault'
import type { RouteDeps } from '../deps'
import type { DirectoryProvider, DirectorySession } from '../providers/provider'
import type { ConnectionRecord } from '../storage/store'

export interface OpenDirectory {
  session: DirectorySession
  provider: DirectoryProvider
  connection: ConnectionRecord
}

/**
 * Runs one directory call for the token's connection: the key is decrypted for this call only
 * and never leaves this scope. A key the directory now rejects turns the connection `broken`
 * (`invalid_api_key`) before the error goes out, so the host knows to open the widget in update
 * mode.
 */
export async function withDirectory<T>(
  c: Context<AppEnv>,
  deps: Pick<RouteDeps, 'store' | 'vault' | 'providers' | 'now'>,
  call: (open: OpenDirectory) => Promise<T>,
): Promise<T> {
  const hostApp = c.get('hostApp')
  // The integration-token middleware has just read this row; one read per request is enough.
  const connection = c.get('connection')
  if (!connection || connection.status === 'revoked' || connection.credential === null) {
    throw new JumpLinkError('connection_revoked')
  }
  const provider = deps.providers.get(connection.provider)
  if (!provider) throw new Error(`Provider ${connection.provider} is not loaded`)
  const session: DirectorySession = {
    connectionId: connection.id,
    credential: deps.vault.decrypt(
      connection.credential,
      connectionContext(hostApp.id, connection.id),
    ),
    region: connection.region,
    organizationId: connection.organizationId,
  }
  try {
    return await call({ session, provider, connection })
  } catch (error) {
    if (error instanceof JumpLinkError && error.code === 'invalid_api_key') {
      await markBroken(c, deps, connection)
    }
    throw error
  }
}

async function markBroken(
  c: Context<AppEnv>,
  deps: Pick<RouteDeps, 'store' | 'now'>,
  connection: ConnectionRecord,
): Promise<void> {
  if (connection.status === 'broken' && connection.statusReason === 'invalid_api_key') return
  const now = deps.now()
  await deps.store.connections.setStatus({
    id: connection.id,
    status: 'broken',
    statusReason: 'invalid_api_key',
    now,
  })
  await deps.store.audit.add({
    type: 'connection.broken',
    hostAppId: connection.hostAppId,
    connectionId: connection.id,
    requestId: c.get('requestId'),
    data: { reason: 'invalid_api_key' },
    now,
  })
  c.get('logger').warn(
    { connection_id: connection.id, status_reason: 'invalid_api_key' },
    'directory rejected the stored key; connection marked broken',
  )
}
