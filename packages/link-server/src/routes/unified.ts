import type { OpenAPIHono } from '@hono/zod-openapi'
import {
  type Endpoint,
  type ErrorCode,
  JumpLinkError,
  LIST_QUERY_PARSE_OPTIONS,
  parseInput,
  UNIFIED_COLLECTIONS,
  type UnifiedCollectionName,
  unifiedListResponse,
} from '@jumplink/shared'
import type { Context } from 'hono'
import type { AppEnv } from '../context'
import type { RouteDeps } from '../deps'
import { requireIntegrationToken } from '../middleware/require-integration-token'
import { documentEndpoint } from '../openapi'
import { type CursorScope, decodeCursor, encodeCursor } from '../unified/cursor'
import { noteLateDirectoryFailure, withDirectory } from '../unified/directory-session'
import { streamedListBody } from '../unified/list-body'

const COMMON_ERRORS: ErrorCode[] = [
  'missing_credentials',
  'invalid_token',
  'token_expired',
  'connection_revoked',
  'invalid_api_key',
  'invalid_client_credentials',
  'credential_unreadable',
  'insufficient_permissions',
  'provider_rate_limited',
  'provider_unavailable',
  'provider_timeout',
]
const LIST_ERRORS: ErrorCode[] = [
  ...COMMON_ERRORS,
  'invalid_request',
  'invalid_cursor',
  'unsupported_filter',
]
const GET_ERRORS: ErrorCode[] = [...COMMON_ERRORS, 'invalid_request', 'resource_not_found']

/** Longest record id accepted; anything longer cannot name a record. */
const MAX_ID_LENGTH = 128

/**
 * The unified API: every collection of the shared table, its list and (where it has one) its
 * `GET …/:id`, built from the same descriptors the SDK and the OpenAPI document use. Routes
 * know no directory: the connection's provider reads, and the route owns cursors.
 */
export function registerUnifiedRoutes(app: OpenAPIHono<AppEnv>, deps: RouteDeps): void {
  app.use('/v1/unified/*', requireIntegrationToken(deps))

  for (const name of Object.keys(UNIFIED_COLLECTIONS) as UnifiedCollectionName[]) {
    const collection = UNIFIED_COLLECTIONS[name]
    const listEndpoint: Endpoint = {
      method: 'GET',
      path: collection.path,
      auth: 'integration_token',
      summary: collection.summary,
      body: undefined,
      query: collection.listQuery,
      status: 200,
      response: unifiedListResponse(name),
    }
    documentEndpoint(
      app,
      listEndpoint,
      collection.nested ? [...LIST_ERRORS, 'resource_not_found'] : LIST_ERRORS,
    )

    app.get(collection.path, async (c) => {
      const parsed = parseInput(collection.listQuery, c.req.query(), LIST_QUERY_PARSE_OPTIONS)
      if (!parsed.ok) throw parsed.error
      const { limit, cursor, include_remote_data, expand, ...filters } = parsed.data as {
        limit: number
        cursor?: string
        include_remote_data: boolean
        expand?: string[]
      } & Record<string, unknown>
      const parentId = collection.nested ? recordId(c.req.param('id')) : undefined
      const scope: CursorScope = {
        connectionId: c.get('connectionId'),
        collection: name,
        filters: parentId === undefined ? filters : { ...filters, '@parent': parentId },
      }
      const position = cursor === undefined ? undefined : decodeCursor(deps.vault, scope, cursor)
      const page = await withDirectory(c, deps, ({ session, provider }) =>
        provider.reader.list(session, {
          collection: name,
          ...(parentId === undefined ? {} : { parentId }),
          filters,
          limit,
          ...(position === undefined ? {} : { position }),
          expand: expand ?? [],
          includeRemoteData: include_remote_data,
          stream: true,
        }),
      )
      // After `result`: warnings are final only once the last record is mapped.
      const envelope = () => ({
        next_cursor:
          page.next === null || page.next === undefined
            ? null
            : encodeCursor(deps.vault, scope, page.next),
        ...(page.total === undefined ? {} : { total: page.total }),
        ...(page.warnings && page.warnings.length > 0 ? { warnings: page.warnings } : {}),
      })
      if (!page.more) return c.json({ result: page.result, ...envelope() })
      // A large page: written as its upstream pages are mapped, once the first has answered.
      const body = streamedListBody(page.result, page.more, envelope, (error) => {
        noteLateDirectoryFailure(c, deps, error)
        return breakOff(c, error)
      })
      return c.body(body, 200, { 'content-type': 'application/json' })
    })

    const getQuery = 'getQuery' in collection ? collection.getQuery : undefined
    if (!getQuery) continue
    const getPath = `${collection.path}/:id`
    documentEndpoint(
      app,
      {
        method: 'GET',
        path: getPath,
        auth: 'integration_token',
        summary: `One record of: ${collection.summary.toLowerCase()}`,
        body: undefined,
        query: getQuery,
        status: 200,
        response: collection.item,
      },
      GET_ERRORS,
    )
    app.get(getPath, async (c) => {
      const parsed = parseInput(getQuery, c.req.query(), LIST_QUERY_PARSE_OPTIONS)
      if (!parsed.ok) throw parsed.error
      const { include_remote_data, expand } = parsed.data as {
        include_remote_data: boolean
        expand?: string[]
      }
      const id = recordId(c.req.param('id'))
      const record = await withDirectory(c, deps, ({ session, provider }) =>
        provider.reader.get(session, {
          collection: name,
          id,
          expand: expand ?? [],
          includeRemoteData: include_remote_data,
        }),
      )
      return c.json(record as object)
    })
  }
}

/**
 * A later part of a streamed page failed after the status went out: the connection is
 * destroyed, so the client sees a body cut short (never a shorter valid page) and retries.
 * False where there is no socket to destroy (in-process requests): the body errors instead.
 */
function breakOff(c: Context<AppEnv>, error: unknown): boolean {
  c.get('logger').warn(
    { code: error instanceof JumpLinkError ? error.code : 'internal_error', path: c.req.path },
    'unified list broke off after its first records were sent',
  )
  const outgoing = (c.env as { outgoing?: { destroy(error?: Error): void } } | undefined)?.outgoing
  if (!outgoing) return false
  outgoing.destroy()
  return true
}

function recordId(raw: string | undefined): string {
  const id = raw?.trim() ?? ''
  if (id === '' || id.length > MAX_ID_LENGTH) throw new JumpLinkError('resource_not_found')
  return id
}
