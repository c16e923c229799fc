import { createHash, timingSafeEqual } from 'node:crypto'
import type { OpenAPIHono } from '@hono/zod-openapi'
import {
  completeLink,
  getLinkSession,
  JumpLinkError,
  type LinkSessionInfo,
  listLinkOrganizations,
  type PROVIDER_IDS,
  type Region,
} from '@jumplink/shared'
import type { Context } from 'hono'
import type { AppEnv } from '../context'
import { generatePublicToken, hashSecret, newId } from '../crypto/secrets'
import { connectionContext } from '../crypto/vault'
import type { RouteDeps } from '../deps'
import { readJson } from '../http/body'
import { assertFrameOriginAllowed, assertOriginAllowed, linkCors } from '../middleware/link-cors'
import { rateLimitKeyChecks } from '../middleware/rate-limit'
import { requireLinkToken } from '../middleware/require-link-token'
import { documentEndpoint } from '../openapi'
import {
  credentialFromBody,
  credentialKind,
  type DirectoryCredential,
  encodeCredential,
} from '../providers/credential'
import type { DirectoryProvider } from '../providers/provider'
import { announceConnectionChange } from '../shared-state/announce'
import type { StoredChangeEvent } from '../storage/change-store'
import type { ConnectionRecord, HostApp, LinkSession } from '../storage/store'
import { appendConnectionEvent, publishConnectionEvents } from '../sync/connection-events'

export const PUBLIC_TOKEN_TTL_SECONDS = 10 * 60

const TOKEN_ERRORS = [
  'missing_credentials',
  'invalid_token',
  'link_session_expired',
  'link_session_completed',
  'origin_not_allowed',
] as const
const BODY_ERRORS = ['invalid_request', 'unsupported_media_type', 'payload_too_large'] as const
const DIRECTORY_ERRORS = [
  'rate_limited',
  'invalid_api_key',
  'invalid_client_credentials',
  'insufficient_permissions',
  'provider_rate_limited',
  'provider_unavailable',
  'provider_timeout',
] as const

/** Link API, called by the widget with a link token. */
export function registerLinkRoutes(app: OpenAPIHono<AppEnv>, deps: RouteDeps): void {
  app.use('/v1/link/*', linkCors({ store: deps.store, ownOrigin: deps.ownOrigin }))
  const auth = requireLinkToken(deps.tokens)
  const limit = rateLimitKeyChecks({
    ...deps.limiters,
    clientAddress: deps.clientAddress,
    metrics: deps.metrics,
  })

  const duplicateOf = (
    hostAppId: string,
    session: LinkSession,
    body: { organization_id: string; region: Region },
  ) => findDuplicate(deps.store, hostAppId, session, body)

  /** The session behind the token, usable now, from an origin its host app allows. */
  async function openSession(c: Context<AppEnv>, options: { completed?: 'allow' } = {}) {
    const session = await deps.store.linkSessions.get(c.get('linkSessionId'))
    const hostApp = session && (await deps.store.hostApps.get(session.hostAppId))
    if (!session || !hostApp) throw new JumpLinkError('invalid_token')
    assertOriginAllowed(c.req.header('origin'), hostApp.allowedOrigins, deps.ownOrigin)
    assertFrameOriginAllowed(c, hostApp.allowedOrigins, deps.ownOrigin)
    if (session.completedAt && options.completed !== 'allow') {
      throw new JumpLinkError('link_session_completed')
    }
    if (session.expiresAt <= deps.now()) throw new JumpLinkError('link_session_expired')
    const provider = deps.providers.get(session.provider)
    if (!provider) throw new Error(`Provider ${session.provider} is not loaded`)
    return { session, hostApp, provider }
  }

  documentEndpoint(app, getLinkSession, [...TOKEN_ERRORS])
  app.get('/v1/link/session', auth, async (c) => {
    const { session, hostApp } = await openSession(c)
    const connection = session.connectionId
      ? await deps.store.connections.get(hostApp.id, session.connectionId)
      : undefined
    return c.json(describeSession(session, hostApp, connection))
  })

  documentEndpoint(app, listLinkOrganizations, [
    ...TOKEN_ERRORS,
    ...BODY_ERRORS,
    ...DIRECTORY_ERRORS,
  ])
  app.post('/v1/link/organizations', auth, limit, async (c) => {
    const { session, provider } = await openSession(c)
    const body = await readJson(c, listLinkOrganizations.body)
    const organizations = await checked(c, session, 'organizations', () =>
      provider.listOrganizations({ credential: credentialFromBody(body), region: body.region }),
    )
    return c.json({ organizations })
  })

  documentEndpoint(app, completeLink, [
    ...TOKEN_ERRORS,
    ...BODY_ERRORS,
    ...DIRECTORY_ERRORS,
    'organization_not_accessible',
    'connection_revoked',
    'connection_exists',
  ])
  app.post('/v1/link/complete', auth, limit, async (c) => {
    const { session, hostApp, provider } = await openSession(c, { completed: 'allow' })
    const body = await readJson(c, completeLink.body)
    if (session.completedAt) return c.json(await reissuePublicToken(c, session, hostApp, body))
    const credential = credentialFromBody(body)
    const existing = session.connectionId
      ? await deps.store.connections.get(hostApp.id, session.connectionId)
      : await duplicateOf(hostApp.id, session, body)
    if (session.mode === 'update') {
      if (!existing || existing.status === 'revoked') throw new JumpLinkError('connection_revoked')
      // A relink replaces the credential (of either kind) for the same organization; anything
      // else is a new connection.
      if (existing.organizationId !== body.organization_id || existing.region !== body.region) {
        throw new JumpLinkError('organization_not_accessible', {
          message: 'This connection is for another organization or region.',
        })
      }
    }
    const organization = await checked(c, session, 'complete', () =>
      verify(provider, credential, body.region, body.organization_id),
    )
    // Only after the key proved it reaches the organization: an unchecked key learns nothing.
    if (existing && session.mode === 'create' && !body.replace_existing) {
      throw new JumpLinkError('connection_exists', {
        details: { organization: { id: organization.id, name: organization.name } },
      })
    }

    // A relink keeps the connection's permissions unless the admin accepted the session's on
    // the consent screen: a host cannot raise them silently with an update session. (A create
    // session that replaces a duplicate always showed the consent screen.)
    const permissionsChange =
      existing && existing.permissions !== session.permissions
        ? { from: existing.permissions, to: session.permissions }
        : undefined
    const consented =
      permissionsChange !== undefined &&
      (session.mode === 'create' || body.consented_permissions === session.permissions)
    const permissions = existing && !consented ? existing.permissions : session.permissions

    const publicToken = generatePublicToken()
    const newConnectionId = existing ? existing.id : newId('conn')
    let connectionEvents: StoredChangeEvent[] = []
    const connectionId = await deps.store.transaction(async (tx) => {
      const now = deps.now()
      // The session is used once, decided by the database; a racing completion loses here. It
      // records its connection, so that a retry after a crash can find it.
      if (!(await tx.linkSessions.complete(session.id, now, newConnectionId))) {
        const current = await tx.linkSessions.get(session.id)
        throw new JumpLinkError(
          current?.completedAt ? 'link_session_completed' : 'link_session_expired',
        )
      }
      let id: string
      if (existing) {
        id = existing.id
        const updated = await tx.connections.replaceCredential({
          id,
          credential: deps.vault.encrypt(
            encodeCredential(credential),
            connectionContext(hostApp.id, id),
          ),
          credentialKind: credentialKind(credential),
          organizationName: organization.name,
          multiOrganization: organization.multiOrganization,
          permissions,
          now,
        })
        if (!updated) throw new JumpLinkError('connection_revoked')
      } else {
        id = newConnectionId
        await tx.connections.insert({
          id,
          hostAppId: hostApp.id,
          provider: provider.id,
          endUserId: session.endUser.id,
          organizationId: organization.id,
          organizationName: organization.name,
          region: body.region,
          permissions: session.permissions,
          status: 'active',
          statusReason: null,
          credential: deps.vault.encrypt(
            encodeCredential(credential),
            connectionContext(hostApp.id, id),
          ),
          credentialKind: credentialKind(credential),
          multiOrganization: organization.multiOrganization,
          createdAt: now,
          updatedAt: now,
          lastCheckedAt: now,
        })
      }
      await tx.publicTokens.insert({
        hash: hashSecret(publicToken),
        hostAppId: hostApp.id,
        connectionId: id,
        now,
        expiresAt: new Date(now.getTime() + PUBLIC_TOKEN_TTL_SECONDS * 1000),
      })
      await tx.audit.add({
        type: existing ? 'connection.relinked' : 'connection.created',
        hostAppId: hostApp.id,
        connectionId: id,
        requestId: c.get('requestId'),
        data: {
          link_session_id: session.id,
          organization_id: organization.id,
          ...(existing && session.mode === 'create' ? { replaced_duplicate: true } : {}),
          credential_kind: credentialKind(credential),
        },
        now,
      })
      // In the change feed with the connection itself: the host learns of it by webhook too.
      connectionEvents = await appendConnectionEvent(tx, {
        hostAppId: hostApp.id,
        connectionId: id,
        type: existing ? 'connection.relinked' : 'connection.created',
        data: {
          end_user_id: session.endUser.id,
          organization: { id: organization.id, name: organization.name },
          credential_kind: credentialKind(credential),
        },
        now,
      })
      if (permissionsChange) {
        await tx.audit.add({
          type: consented ? 'connection.permissions_changed' : 'connection.permissions_kept',
          hostAppId: hostApp.id,
          connectionId: id,
          requestId: c.get('requestId'),
          data: { link_session_id: session.id, ...permissionsChange, consented },
          now,
        })
      }
      return id
    })
    c.get('logger').info(
      {
        connection_id: connectionId,
        mode: session.mode,
        relinked: existing !== undefined,
        credential_kind: credentialKind(credential),
      },
      'link completed',
    )
    if (existing) await announceConnectionChange(c, deps, connectionId)
    await publishConnectionEvents(deps.webhookDelivery, connectionEvents)
    return c.json({ public_token: publicToken, organization, connection_id: connectionId })
  })

  /**
   * The widget's retry of a completion that committed but whose answer was lost (a crash, a
   * dropped connection): the same admin (same key, organization and region) gets a new public
   * token for the connection the session made, as long as none made since the completion was
   * exchanged. Otherwise the session is spent. No connection is left that nobody can exchange.
   */
  async function reissuePublicToken(
    c: Context<AppEnv>,
    session: LinkSession,
    hostApp: HostApp,
    body: Parameters<typeof credentialFromBody>[0] & { region: Region; organization_id: string },
  ) {
    const spent = () => new JumpLinkError('link_session_completed')
    const completedAt = session.completedAt
    if (!completedAt || !session.connectionId) throw spent()
    const connection = await deps.store.connections.get(hostApp.id, session.connectionId)
    if (
      connection?.status !== 'active' ||
      connection.credential === null ||
      connection.organizationId !== body.organization_id ||
      connection.region !== body.region ||
      (await deps.store.publicTokens.wasExchanged(connection.id, completedAt))
    ) {
      throw spent()
    }
    let stored: string
    try {
      stored = deps.vault.decrypt(
        connection.credential,
        connectionContext(hostApp.id, connection.id),
      )
    } catch {
      throw spent()
    }
    if (!sameSecret(stored, encodeCredential(credentialFromBody(body)))) throw spent()
    const publicToken = generatePublicToken()
    await deps.store.transaction(async (tx) => {
      const now = deps.now()
      await tx.publicTokens.insert({
        hash: hashSecret(publicToken),
        hostAppId: hostApp.id,
        connectionId: connection.id,
        now,
        expiresAt: new Date(now.getTime() + PUBLIC_TOKEN_TTL_SECONDS * 1000),
      })
      await tx.audit.add({
        type: 'public_token.reissued',
        hostAppId: hostApp.id,
        connectionId: connection.id,
        requestId: c.get('requestId'),
        data: { link_session_id: session.id },
        now,
      })
    })
    c.get('logger').info(
      { connection_id: connection.id, link_session_id: session.id },
      'completion retried; public token issued again',
    )
    return {
      public_token: publicToken,
      organization: { id: connection.organizationId, name: connection.organizationName },
      connection_id: connection.id,
    }
  }
}

/** Compares two secrets in constant time (their digests, so lengths do not leak either). */
function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(a), digest(b))
}

/**
 * In a create session that allows no duplicates: the end user's live connection of this host
 * app to the same organization in the same region, which completing would duplicate.
 */
async function findDuplicate(
  store: RouteDeps['store'],
  hostAppId: string,
  session: LinkSession,
  body: { organization_id: string; region: Region },
): Promise<ConnectionRecord | undefined> {
  if (session.mode !== 'create' || session.allowDuplicates) return undefined
  const candidates = await store.connections.list(hostAppId, {
    endUserId: session.endUser.id,
    organizationId: body.organization_id,
    limit: 20,
  })
  return candidates.find(
    (connection) =>
      connection.status !== 'revoked' &&
      connection.provider === session.provider &&
      connection.region === body.region,
  )
}

function verify(
  provider: DirectoryProvider,
  credential: DirectoryCredential,
  region: Region,
  organizationId: string,
) {
  return provider.verifyOrganization({ credential, region, organizationId })
}

/** Runs a directory call and logs its outcome (the code, never the key). */
async function checked<T>(
  c: Context<AppEnv>,
  session: LinkSession,
  step: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (error instanceof JumpLinkError) {
      c.get('logger').info(
        { link_session_id: session.id, step, code: error.code },
        'key check failed',
      )
    }
    throw error
  }
}

function describeSession(
  session: LinkSession,
  hostApp: HostApp,
  connection: ConnectionRecord | undefined,
): LinkSessionInfo {
  return {
    host_app: { name: hostApp.name },
    provider: session.provider as (typeof PROVIDER_IDS)[number],
    mode: session.mode,
    permissions: session.permissions,
    end_user: session.endUser,
    connection: connection
      ? {
          id: connection.id,
          organization: { id: connection.organizationId, name: connection.organizationName },
          region: connection.region,
          credential_kind: connection.credentialKind,
          permissions: connection.permissions,
        }
      : null,
    expires_at: session.expiresAt.toISOString(),
  }
}
