import type { OpenAPIHono } from '@hono/zod-openapi'
import {
  END_USER_ID_HEADER,
  type ErrorCode,
  IDEMPOTENCY_KEY_HEADER,
  IdempotencyKeySchema,
  JumpLinkError,
  ShortTextSchema,
  UNIFIED_WRITES,
  type UnifiedWriteAction,
} from '@jumplink/shared'
import type { Context } from 'hono'
import type { AppEnv } from '../context'
import type { RouteDeps } from '../deps'
import { readJson } from '../http/body'
import { requestHash, runIdempotent } from '../idempotency/idempotency'
import { documentEndpoint } from '../openapi'
import type { UnifiedWriteRequest } from '../providers/provider'
import { announceDirectoryWrite, forgetDirectoryOnWrites } from '../shared-state/directory-writes'
import { withDirectory } from '../unified/directory-session'

const WRITE_ERRORS: ErrorCode[] = [
  'missing_credentials',
  'invalid_token',
  'token_expired',
  'connection_revoked',
  'write_not_permitted',
  'invalid_request',
  'unsupported_media_type',
  'resource_not_found',
  'resource_conflict',
  'invalid_field_value',
  'idempotency_key_reused',
  'idempotency_request_in_progress',
  'invalid_api_key',
  'insufficient_permissions',
  'provider_rate_limited',
  'provider_unavailable',
  'provider_timeout',
]

/** Longest record id accepted; anything longer cannot name a record. */
const MAX_ID_LENGTH = 128

export const WRITE_AUDIT_TYPE = 'unified.write'

/**
 * The unified API's writes: `read_write` connections only, each with an optional
 * `Idempotency-Key`, each audited (who, what, on what, how it ended). Routes know no
 * directory: the connection's provider writes.
 */
export function registerUnifiedWriteRoutes(app: OpenAPIHono<AppEnv>, deps: RouteDeps): void {
  forgetDirectoryOnWrites(deps.shared, deps.providers)
  for (const action of Object.keys(UNIFIED_WRITES) as UnifiedWriteAction[]) {
    const endpoint = UNIFIED_WRITES[action]
    documentEndpoint(app, endpoint, WRITE_ERRORS)
    app.on(endpoint.method, endpoint.path, async (c) => {
      const params = c.req.param() as Record<string, string | undefined>
      const id = params.id === undefined ? undefined : recordId(params.id)
      const userId = params.userId === undefined ? undefined : recordId(params.userId)
      const endUserId = headerValue(c, END_USER_ID_HEADER, ShortTextSchema)
      const key = headerValue(c, IDEMPOTENCY_KEY_HEADER, IdempotencyKeySchema)
      const body = endpoint.body ? await readJson(c, endpoint.body) : undefined
      const request = { action, id, userId, body } as UnifiedWriteRequest
      const connection = c.get('connection')

      const audit = async (
        outcome: 'succeeded' | 'failed' | 'replayed',
        extra: { errorCode?: string; createdId?: string } = {},
      ) => {
        await deps.store.audit.add({
          type: WRITE_AUDIT_TYPE,
          hostAppId: connection.hostAppId,
          connectionId: connection.id,
          requestId: c.get('requestId'),
          data: {
            action,
            target: {
              type: action.startsWith('user.') ? 'user' : 'group',
              id: id ?? extra.createdId ?? null,
            },
            member_user_id: userId ?? (body as { user_id?: string } | undefined)?.user_id ?? null,
            outcome,
            error_code: extra.errorCode ?? null,
            end_user_id: endUserId ?? null,
            idempotency_key: key ?? null,
          },
          now: deps.now(),
        })
      }

      if (connection.permissions !== 'read_write') {
        await audit('failed', { errorCode: 'write_not_permitted' })
        throw new JumpLinkError('write_not_permitted', {
          message: `This connection has \`${connection.permissions}\` permission; writes need \`read_write\`. Connect again asking for read_write.`,
          details: { required_permission: 'read_write', permission: connection.permissions },
        })
      }

      const perform = async () => ({
        status: endpoint.status as number,
        body: await withDirectory(c, deps, ({ session, provider }) =>
          provider.writer.write(session, request),
        ),
      })
      let answer: { status: number; body: unknown; replayed: boolean }
      try {
        answer = key
          ? await runIdempotent(
              deps.store.idempotency,
              {
                connectionId: connection.id,
                key,
                requestHash: requestHash({
                  method: endpoint.method,
                  route: c.req.path,
                  body: body ?? null,
                }),
                requestId: c.get('requestId'),
              },
              { now: deps.now },
              perform,
            )
          : { ...(await perform()), replayed: false }
      } catch (error) {
        await audit('failed', {
          errorCode: error instanceof JumpLinkError ? error.code : 'internal_error',
        })
        throw error
      }
      const createdId =
        action.endsWith('.create') && answer.status < 300
          ? (answer.body as { id?: string }).id
          : undefined
      const storedError = (answer.body as { error?: { code?: string } } | null)?.error?.code
      await audit(answer.replayed ? 'replayed' : 'succeeded', {
        ...(createdId ? { createdId } : {}),
        ...(storedError ? { errorCode: storedError } : {}),
      })
      // The change reaches the feed and webhooks through a targeted sync of this connection,
      // not an event made here: the sync's fingerprints stay the one source of events, so the
      // write is not reported twice, and the directory's own view (defaults, derived fields,
      // group-bound assignments) is what the host receives. Queued syncs coalesce per connection.
      // Other instances keep the connection's memberships and devices' users a minute too.
      if (!answer.replayed && !storedError && answer.status < 300)
        await announceDirectoryWrite(c, deps.shared, connection.id)
      if (!answer.replayed && !storedError && answer.status < 300 && deps.sync)
        await deps.sync
          .requestSync({ hostAppId: connection.hostAppId, connectionId: connection.id })
          .catch((error: unknown) =>
            c.get('logger').warn({ err: error }, 'could not queue a sync after a write'),
          )
      if (answer.replayed) c.header('idempotent-replayed', 'true')
      // A replayed refusal carries this request's id, like every error body.
      const answerBody = storedError
        ? {
            error: {
              ...(answer.body as { error: object }).error,
              request_id: c.get('requestId'),
            },
          }
        : answer.body
      return c.json(answerBody as object, answer.status as 200)
    })
  }
}

function recordId(raw: string): string {
  const id = raw.trim()
  if (id === '' || id.length > MAX_ID_LENGTH) throw new JumpLinkError('resource_not_found')
  return id
}

function headerValue<T>(
  c: Context<AppEnv>,
  name: string,
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
): T | undefined {
  const raw = c.req.header(name)
  if (raw === undefined) return undefined
  const parsed = schema.safeParse(raw)
  if (!parsed.success) {
    throw new JumpLinkError('invalid_request', {
      message: `The ${name} header is not valid.`,
      details: { issues: [{ path: name, message: 'is not valid' }] },
    })
  }
  return parsed.data
}
