import {
  type AuditEntry,
  type Connection,
  type CreateLinkSessionRequest,
  type CreateLinkSessionResponse,
  checkConnection,
  createLinkSession,
  type ExchangeTokenResponse,
  exchangeToken,
  getConnection,
  getHostApp,
  type HostAppSettings,
  type ListAuditQuery,
  type ListConnectionsQuery,
  type ListResponse,
  listConnectionAudit,
  listConnections,
  revokeConnection,
  type UpdateHostAppRequest,
  updateHostApp,
} from '@jumplink/shared'
import { type ChangesClient, createChangesClient, createIngestUrlClient } from './changes'
import { call, fillPath, type HttpOptions, type Query } from './http'
import { paginate } from './paginate'
import { createUnifiedClient, type UnifiedClient } from './unified'
import { createWriteClient, type WriteClient } from './writes'

export interface JumpLinkClientOptions extends HttpOptions {
  /** Your host app's secret key (`jl_sk_…`). Keep it on your server. */
  secretKey: string
}

/**
 * The host-backend SDK: start link sessions, exchange public tokens, manage connections, and read
 * a connection's directory through the unified API.
 *
 * ```ts
 * const jumplink = createJumpLinkClient({ baseUrl, secretKey })
 * const { link_token } = await jumplink.linkSessions.create({ end_user: { id: user.id } })
 * const { integration_token } = await jumplink.tokens.exchange(publicToken)
 * for await (const user of jumplink.unified(integration_token).users.all({ status: 'active' })) …
 * ```
 */
export function createJumpLinkClient(options: JumpLinkClientOptions) {
  const http: HttpOptions = { baseUrl: options.baseUrl, fetch: options.fetch }
  const bearer = options.secretKey

  const connections = {
    list: (query: ListConnectionsQuery = {}) =>
      call<ListResponse<Connection>>(http, {
        method: listConnections.method,
        path: listConnections.path,
        bearer,
        query: query as Query,
      }),
    /** Every connection, page after page. */
    all: (query: Omit<ListConnectionsQuery, 'cursor'> = {}) =>
      paginate<Connection>((cursor) => connections.list({ ...query, cursor })),
    get: (id: string) =>
      call<Connection>(http, {
        method: getConnection.method,
        path: fillPath(getConnection.path, { id }),
        bearer,
      }),
    /** Erases the stored key; the connection's tokens stop working at once. */
    revoke: (id: string) =>
      call<Connection>(http, {
        method: revokeConnection.method,
        path: fillPath(revokeConnection.path, { id }),
        bearer,
      }),
    /** The connection's audit trail (writes and connection changes), newest first. */
    audit: (id: string, query: ListAuditQuery = {}) =>
      call<ListResponse<AuditEntry>>(http, {
        method: listConnectionAudit.method,
        path: fillPath(listConnectionAudit.path, { id }),
        bearer,
        query: query as Query,
      }),
    /** Where the directory's webhook channel should deliver, so changes sync within seconds. */
    ingestUrl: createIngestUrlClient(http, bearer),
    /** Checks the stored key against the directory now; a rejected key turns the connection broken. */
    check: (id: string) =>
      call<Connection>(http, {
        method: checkConnection.method,
        path: fillPath(checkConnection.path, { id }),
        bearer,
      }),
  }

  return {
    linkSessions: {
      create: (body: CreateLinkSessionRequest) =>
        call<CreateLinkSessionResponse>(http, {
          method: createLinkSession.method,
          path: createLinkSession.path,
          bearer,
          body,
        }),
    },
    tokens: {
      exchange: (publicToken: string) =>
        call<ExchangeTokenResponse>(http, {
          method: exchangeToken.method,
          path: exchangeToken.path,
          bearer,
          body: { public_token: publicToken },
        }),
    },
    connections,
    /** Your host app's settings: how often each connection is synced for the change feed. */
    hostApp: {
      get: () =>
        call<HostAppSettings>(http, { method: getHostApp.method, path: getHostApp.path, bearer }),
      update: (body: UpdateHostAppRequest) =>
        call<HostAppSettings>(http, {
          method: updateHostApp.method,
          path: updateHostApp.path,
          bearer,
          body,
        }),
    },
    /** The unified API of one connection, read with its integration token. */
    unified: (integrationToken: string): UnifiedClient =>
      createUnifiedClient(http, integrationToken),
    /** The connection's change feed (pull), read with its integration token. */
    changes: (integrationToken: string): ChangesClient =>
      createChangesClient(http, integrationToken),
    /** Writes through the unified API, for a `read_write` connection's integration token. */
    writes: (integrationToken: string): WriteClient => createWriteClient(http, integrationToken),
  }
}

export type JumpLinkClient = ReturnType<typeof createJumpLinkClient>
