import { type ErrorCode, JumpLinkError } from '@jumplink/shared'
import type { Context } from 'hono'
import type { AppEnv } from '../context'
import { connectionContext } from '../crypto/vault'
import type { RouteDeps } from '../deps'
import {
  CREDENTIAL_REJECTED_CODES,
  decodeCredential,
  READ_BREAKING_CODES,
} from '../providers/credential'
import type { DirectoryProvider, DirectorySession } from '../providers/provider'
import { announceConnectionChange } from '../shared-state/announce'
import type { ConnectionRecord } from '../storage/store'
import { appendConnectionEvent, publishConnectionEvents } from '../sync/connection-events'

export interface OpenDirectory {
  session: DirectorySession
  provider: DirectoryProvider
  connection: ConnectionRecord
}

/**
 * Runs one directory call for the token's connection: the credential is decrypted for this call
 * only and never leaves this scope. A credential the directory now rejects turns the connection
 * `broken` (`invalid_api_key`, or `invalid_client_credentials` for a service account), as does a
 * unified read refused for the key's role (`insufficient_permissions`), before the error goes
 * out, so the host knows to open the widget in update mode.
 */
export async function withDirectory<T>(
  c: Context<AppEnv>,
  deps: Pick<RouteDeps, 'store' | 'vault' | 'providers' | 'now' | 'webhookDelivery'> &
    Partial<Pick<RouteDeps, 'shared'>>,
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
    credential: decodeCredential(
      connection.credentialKind,
      await openCredential(c, deps, {
        ...connection,
        hostAppId: hostApp.id,
        credential: connection.credential,
      }),
    ),
    region: connection.region,
    organizationId: connection.organizationId,
    multiOrganization: connection.multiOrganization ?? null,
  }
  try {
    return await call({ session, provider, connection })
  } catch (error) {
    if (error instanceof JumpLinkError && breaksConnection(c, error.code)) {
      await markBroken(c, deps, connection, error.code)
    }
    throw error
  }
}

/**
 * A directory failure after the answer had started (a later part of a streamed page): the
 * connection turns `broken` as `withDirectory` would have made it, in the background, since
 * the status has gone out.
 */
export function noteLateDirectoryFailure(
  c: Context<AppEnv>,
  deps: Pick<RouteDeps, 'store' | 'now' | 'webhookDelivery'> & Partial<Pick<RouteDeps, 'shared'>>,
  error: unknown,
): void {
  const connection = c.get('connection')
  if (!connection || !(error instanceof JumpLinkError) || !breaksConnection(c, error.code)) return
  markBroken(c, deps, connection, error.code).catch((failure: unknown) => {
    c.get('logger').error(
      { err: failure instanceof Error ? failure.message : String(failure) },
      'could not mark the connection broken',
    )
  })
}

/** A rejected credential always; a 403 only on a unified read (see READ_BREAKING_CODES). */
function breaksConnection(c: Context<AppEnv>, code: ErrorCode): boolean {
  if (CREDENTIAL_REJECTED_CODES.has(code)) return true
  const unifiedRead = c.req.method === 'GET' && c.req.path.startsWith('/v1/unified/')
  return unifiedRead && READ_BREAKING_CODES.has(code)
}

/**
 * The stored key, decrypted. One that no longer opens (its master key was removed, the row was
 * altered) will not open on a retry either: the connection turns `broken` with that reason and
 * the answer is `credential_unreadable`, which tells the host to relink.
 */
export async function openCredential(
  c: Context<AppEnv>,
  deps: Pick<RouteDeps, 'store' | 'vault' | 'now' | 'webhookDelivery'> &
    Partial<Pick<RouteDeps, 'shared'>>,
  connection: ConnectionRecord & { credential: string },
): Promise<string> {
  try {
    return deps.vault.decrypt(
      connection.credential,
      connectionContext(connection.hostAppId, connection.id),
    )
  } catch {
    await markBroken(c, deps, connection, 'credential_unreadable')
    throw new JumpLinkError('credential_unreadable')
  }
}

async function markBroken(
  c: Context<AppEnv>,
  deps: Pick<RouteDeps, 'store' | 'now' | 'webhookDelivery'> & Partial<Pick<RouteDeps, 'shared'>>,
  connection: ConnectionRecord,
  reason: string,
): Promise<void> {
  if (connection.status === 'broken' && connection.statusReason === reason) return
  const now = deps.now()
  // Decided by the database: of reads that find the key rejected at once (here or on another
  // instance, or with a row cached from before), one records it and tells the host.
  if (!(await deps.store.connections.markBroken({ id: connection.id, reason, now }))) return
  await deps.store.audit.add({
    type: 'connection.broken',
    hostAppId: connection.hostAppId,
    connectionId: connection.id,
    requestId: c.get('requestId'),
    data: { reason },
    now,
  })
  // The host hears of it at once (feed and webhooks), so it can ask for a relink.
  const events = await appendConnectionEvent(deps.store, {
    hostAppId: connection.hostAppId,
    connectionId: connection.id,
    type: 'connection.broken',
    data: { reason, source: 'read' },
    now,
  })
  await publishConnectionEvents(deps.webhookDelivery, events)
  c.get('logger').warn(
    { connection_id: connection.id, status_reason: reason },
    'directory rejected the stored credential; connection marked broken',
  )
  // Instances that keep the row (and this one) read the broken status, and mark it once.
  if (deps.shared) await announceConnectionChange(c, { shared: deps.shared }, connection.id)
}
