import type { OpenAPIHono } from '@hono/zod-openapi'
import { createLinkSession, JumpLinkError } from '@jumplink/shared'
import type { AppEnv } from '../context'
import { newId } from '../crypto/secrets'
import { LINK_TOKEN_TTL_SECONDS } from '../crypto/tokens'
import type { RouteDeps } from '../deps'
import { readJson } from '../http/body'
import { requireSecretKey } from '../middleware/require-secret-key'
import { documentEndpoint } from '../openapi'
import { DEFAULT_PROVIDER_ID } from '../providers/registry'

/** Host API: start a link session (create, or update an existing connection's key). */
export function registerLinkSessionRoutes(app: OpenAPIHono<AppEnv>, deps: RouteDeps): void {
  documentEndpoint(app, createLinkSession, [
    'invalid_request',
    'unsupported_media_type',
    'payload_too_large',
    'missing_credentials',
    'invalid_secret_key',
    'connection_not_found',
    'connection_revoked',
  ])
  app.post('/v1/link-sessions', requireSecretKey(deps.store.hostApps), async (c) => {
    const hostApp = c.get('hostApp')
    const body = await readJson(c, createLinkSession.body)
    let provider = DEFAULT_PROVIDER_ID
    if (body.connection_id !== undefined) {
      const connection = await deps.store.connections.get(hostApp.id, body.connection_id)
      if (!connection) throw new JumpLinkError('connection_not_found')
      if (connection.status === 'revoked') throw new JumpLinkError('connection_revoked')
      provider = connection.provider
    }
    const now = deps.now()
    const expiresAt = new Date(now.getTime() + LINK_TOKEN_TTL_SECONDS * 1000)
    const session = await deps.store.linkSessions.create({
      id: newId('ls'),
      hostAppId: hostApp.id,
      provider,
      endUser: body.end_user,
      permissions: body.permissions,
      mode: body.connection_id === undefined ? 'create' : 'update',
      connectionId: body.connection_id ?? null,
      allowDuplicates: body.allow_duplicates,
      createdAt: now,
      expiresAt,
    })
    const linkToken = await deps.tokens.signLinkToken({
      sessionId: session.id,
      hostAppId: hostApp.id,
      expiresAt,
    })
    c.get('logger').info(
      { link_session_id: session.id, mode: session.mode },
      'link session created',
    )
    return c.json({ link_token: linkToken, expires_at: expiresAt.toISOString() }, 201)
  })
}
