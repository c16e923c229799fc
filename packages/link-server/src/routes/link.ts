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
import { assertOriginAllowed, linkCors } from '../middleware/link-cors'
import { rateLimitKeyChecks } from '../middleware/rate-limit'
import { requireLinkToken } from '../middleware/require-link-token'
import { documentEndpoint } from '../openapi'
import type { DirectoryProvider } from '../providers/provider'
import type { ConnectionRecord, HostApp, LinkSession } from '../storage/store'

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
  'insufficient_permissions',
  'provider_rate_limited',
  'provider_unavailable',
  'provider_timeout',
] as const

/** Link API, called by the widget with a link token. */
export function registerLinkRoutes(app: OpenAPIHono<AppEnv>, deps: RouteDeps): void {
  app.use('/v1/link/*', linkCors({ store: deps.store, ownOrigin: deps.ownOrigin }))
  const auth = requireLinkToken(deps.tokens)
  const limit = rateLimitKeyChecks({ ...deps.limiters, clientAddress: deps.clientAddress })

  /** The session behind the token, usable now, from an origin its host app allows. */
  async function openSession(c: Context<AppEnv>) {
    const session = await deps.store.linkSessions.get(c.get('linkSessionId'))
    const hostApp = session && (await deps.store.hostApps.get(session.hostAppId))
    if (!session || !hostApp) throw new JumpLinkError('invalid_token')
    assertOriginAllowed(c.req.header('origin'), hostApp.allowedOrigins, deps.ownOrigin)
    if (session.completedAt) throw new JumpLinkError('link_session_completed')
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
      provider.listOrganizations({ credential: body.api_key, region: body.region }),
    )
    return c.json({ organizations })
  })

  documentEndpoint(app, completeLink, [
    ...TOKEN_ERRORS,
    ...BODY_ERRORS,
    ...DIRECTORY_ERRORS,
    'organization_not_accessible',
    'connection_revoked',
  ])
  app.post('/v1/link/complete', auth, limit, async (c) => {
    const { session, hostApp, provider } = await openSession(c)
    const body = await readJson(c, completeLink.body)
    const existing = session.connectionId
      ? await deps.store.connections.get(hostApp.id, session.connectionId)
      : undefined
    if (session.mode === 'update') {
      if (!existing || existing.status === 'revoked') throw new JumpLinkError('connection_revoked')
      // A relink replaces the key of the same organization; anything else is a new connection.
      if (existing.organizationId !== body.organization_id || existing.region !== body.region) {
        throw new JumpLinkError('organization_not_accessible', {
          message: 'This connection is for another organization or region.',
        })
      }
    }
    const organization = await checked(c, session, 'complete', () =>
      verify(provider, body.api_key, body.region, body.organization_id),
    )

    const publicToken = generatePublicToken()
    const connectionId = await deps.store.transaction(async (tx) => {
      const now = deps.now()
      // The session is used once, decided by the database; a racing completion loses here.
      if (!(await tx.linkSessions.complete(session.id, now))) {
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
          credential: deps.vault.encrypt(body.api_key, connectionContext(hostApp.id, id)),
          organizationName: organization.name,
          permissions: session.permissions,
          now,
        })
        if (!updated) throw new JumpLinkError('connection_revoked')
      } else {
        id = newId('conn')
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
          credential: deps.vault.encrypt(body.api_key, connectionContext(hostApp.id, id)),
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
        data: { link_session_id: session.id, organization_id: organization.id },
        now,
      })
      return id
    })
    c.get('logger').info({ connection_id: connectionId, mode: session.mode }, 'link completed')
    return c.json({ public_token: publicToken, organization, connection_id: connectionId })
  })
}

function verify(
  provider: DirectoryProvider,
  credential: string,
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
        }
      : null,
    expires_at: session.expiresAt.toISOString(),
  }
}
