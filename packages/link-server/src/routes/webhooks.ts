import type { OpenAPIHono } from '@hono/zod-openapi'
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookDelivery,
  getWebhookEndpoint,
  JumpLinkError,
  listWebhookDeliveries,
  listWebhookEndpoints,
  parseInput,
  redeliverWebhook,
  rotateWebhookEndpointSecret,
  updateWebhookEndpoint,
  WebhookDeliveryIdSchema,
  WebhookEndpointIdSchema,
} from '@jumplink/shared'
import type { Context } from 'hono'
import type { AppEnv } from '../context'
import { newId } from '../crypto/secrets'
import type { RouteDeps } from '../deps'
import { readJson, readQuery } from '../http/body'
import { decodeCreatedAtCursor, encodeCreatedAtCursor } from '../http/created-at-cursor'
import { requireSecretKey } from '../middleware/require-secret-key'
import { documentEndpoint } from '../openapi'
import type { WebhookDeliveryRecord } from '../storage/webhook-store'
import {
  endpointSecretContext,
  MAX_ENDPOINTS_PER_HOST_APP,
  presentDelivery,
  presentEndpoint,
  ROTATION_OVERLAP_MS,
  withSecret,
} from '../webhooks/endpoints'
import { generateWebhookSecret } from '../webhooks/signing'
import { checkEndpointUrl, type UrlPolicy } from '../webhooks/url-policy'

const AUTH_ERRORS = ['missing_credentials', 'invalid_secret_key'] as const
const URL_ERRORS = ['webhook_url_invalid', 'webhook_url_insecure', 'webhook_url_private'] as const

/** Safe defaults when the composition root says nothing: https, public addresses only. */
const STRICT: UrlPolicy = { requireHttps: true, allowPrivate: false }

/**
 * Host API: the host app's webhook endpoints (`/v1/webhook-endpoints`) and the delivery log
 * (`/v1/webhook-deliveries`). Secrets are shown once, when made; the store keeps them sealed.
 */
export function registerWebhookRoutes(app: OpenAPIHono<AppEnv>, deps: RouteDeps): void {
  for (const path of [
    '/v1/webhook-endpoints',
    '/v1/webhook-endpoints/*',
    '/v1/webhook-deliveries',
    '/v1/webhook-deliveries/*',
  ])
    app.use(path, requireSecretKey(deps.store.hostApps))

  /** The rules for this host app: the mode's, widened by the operator's per-app setting. */
  async function policyFor(hostAppId: string): Promise<UrlPolicy> {
    const base = deps.webhookUrls ?? STRICT
    if (base.allowPrivate) return base
    return { ...base, allowPrivate: await deps.store.webhooks.allowsPrivateUrls(hostAppId) }
  }

  documentEndpoint(app, createWebhookEndpoint, [
    ...AUTH_ERRORS,
    'invalid_request',
    'unsupported_media_type',
    ...URL_ERRORS,
    'webhook_endpoint_limit_reached',
  ])
  app.post(createWebhookEndpoint.path, async (c) => {
    const body = await readJson(c, createWebhookEndpoint.body)
    const hostApp = c.get('hostApp')
    const url = checkEndpointUrl(body.url, await policyFor(hostApp.id))
    if ((await deps.store.webhooks.countEndpoints(hostApp.id)) >= MAX_ENDPOINTS_PER_HOST_APP)
      throw new JumpLinkError('webhook_endpoint_limit_reached')
    const id = newId('whep')
    const secret = generateWebhookSecret()
    const now = deps.now()
    const record = await deps.store.webhooks.insertEndpoint({
      id,
      hostAppId: hostApp.id,
      url: url.href,
      description: body.description ?? null,
      eventTypes: body.event_types ?? null,
      secret: deps.vault.encrypt(secret, endpointSecretContext(hostApp.id, id)),
      previousSecret: null,
      previousSecretExpiresAt: null,
      status: 'enabled',
      disabledReason: null,
      disabledAt: null,
      failingSince: null,
      createdAt: now,
      updatedAt: now,
    })
    // Not the URL: a host may have put a token in it.
    await audit(c, 'webhook_endpoint.created', { endpoint_id: id })
    return c.json(withSecret(presentEndpoint(record, now), secret), 201)
  })

  documentEndpoint(app, listWebhookEndpoints, [...AUTH_ERRORS, 'invalid_request', 'invalid_cursor'])
  app.get(listWebhookEndpoints.path, async (c) => {
    const query = readQuery(c, listWebhookEndpoints.query)
    const after = query.cursor === undefined ? undefined : decodeCreatedAtCursor(query.cursor)
    const rows = await deps.store.webhooks.listEndpoints(c.get('hostApp').id, {
      limit: query.limit + 1,
      ...(after ? { after } : {}),
    })
    const page = rows.slice(0, query.limit)
    const last = page.at(-1)
    const now = deps.now()
    return c.json({
      result: page.map((e) => presentEndpoint(e, now)),
      next_cursor: rows.length > query.limit && last ? encodeCreatedAtCursor(last) : null,
    })
  })

  documentEndpoint(app, getWebhookEndpoint, [...AUTH_ERRORS, 'webhook_endpoint_not_found'])
  app.get(getWebhookEndpoint.path, async (c) => {
    return c.json(presentEndpoint(await findEndpoint(c), deps.now()))
  })

  documentEndpoint(app, updateWebhookEndpoint, [
    ...AUTH_ERRORS,
    'invalid_request',
    'unsupported_media_type',
    'webhook_endpoint_not_found',
    ...URL_ERRORS,
  ])
  app.patch(updateWebhookEndpoint.path, async (c) => {
    const found = await findEndpoint(c)
    const body = await readJson(c, updateWebhookEndpoint.body)
    const hostApp = c.get('hostApp')
    const now = deps.now()
    const url =
      body.url === undefined
        ? undefined
        : checkEndpointUrl(body.url, await policyFor(hostApp.id)).href
    const status =
      body.enabled === undefined ? undefined : body.enabled ? 'enabled' : ('disabled' as const)
    const updated = await deps.store.webhooks.updateEndpoint(hostApp.id, found.id, {
      updatedAt: now,
      ...(url === undefined ? {} : { url }),
      ...(body.description === undefined ? {} : { description: body.description }),
      ...(body.event_types === undefined ? {} : { eventTypes: body.event_types }),
      ...(status === 'enabled' && found.status === 'disabled'
        ? { status, disabledReason: null, disabledAt: null, failingSince: null }
        : {}),
      ...(status === 'disabled' && found.status === 'enabled'
        ? { status, disabledReason: 'disabled_by_host', disabledAt: now }
        : {}),
    })
    if (!updated) throw new JumpLinkError('webhook_endpoint_not_found')
    await audit(c, 'webhook_endpoint.updated', {
      endpoint_id: found.id,
      fields: Object.keys(body),
    })
    return c.json(presentEndpoint(updated, now))
  })

  documentEndpoint(app, deleteWebhookEndpoint, [...AUTH_ERRORS, 'webhook_endpoint_not_found'])
  app.delete(deleteWebhookEndpoint.path, async (c) => {
    const found = await findEndpoint(c)
    if (!(await deps.store.webhooks.deleteEndpoint(c.get('hostApp').id, found.id)))
      throw new JumpLinkError('webhook_endpoint_not_found')
    await audit(c, 'webhook_endpoint.deleted', { endpoint_id: found.id })
    return c.json({ id: found.id, deleted: true as const })
  })

  documentEndpoint(app, rotateWebhookEndpointSecret, [...AUTH_ERRORS, 'webhook_endpoint_not_found'])
  app.post(rotateWebhookEndpointSecret.path, async (c) => {
    const found = await findEndpoint(c)
    const hostApp = c.get('hostApp')
    const now = deps.now()
    const secret = generateWebhookSecret()
    const updated = await deps.store.webhooks.updateEndpoint(hostApp.id, found.id, {
      updatedAt: now,
      secret: deps.vault.encrypt(secret, endpointSecretContext(hostApp.id, found.id)),
      // The secret being replaced signs beside the new one for 24 hours; one rotated out
      // earlier (still overlapping or not) is dropped now.
      previousSecret: found.secret,
      previousSecretExpiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS),
    })
    if (!updated) throw new JumpLinkError('webhook_endpoint_not_found')
    await audit(c, 'webhook_endpoint.secret_rotated', { endpoint_id: found.id })
    return c.json(withSecret(presentEndpoint(updated, now), secret))
  })

  documentEndpoint(app, listWebhookDeliveries, [
    ...AUTH_ERRORS,
    'invalid_request',
    'invalid_cursor',
  ])
  app.get(listWebhookDeliveries.path, async (c) => {
    const query = readQuery(c, listWebhookDeliveries.query)
    let beforeSeq: number | undefined
    if (query.cursor !== undefined) {
      const match = /^d_(\d{1,15})$/.exec(query.cursor)
      if (!match) throw new JumpLinkError('invalid_cursor')
      beforeSeq = Number(match[1])
    }
    const rows = await deps.store.webhooks.listDeliveries(c.get('hostApp').id, {
      limit: query.limit + 1,
      ...(query.endpoint_id === undefined ? {} : { endpointId: query.endpoint_id }),
      ...(query.event_id === undefined ? {} : { eventId: Number(query.event_id.slice(4)) }),
      ...(query.event_type === undefined ? {} : { eventType: query.event_type }),
      ...(query.status === undefined ? {} : { status: query.status }),
      ...(beforeSeq === undefined ? {} : { beforeSeq }),
    })
    const page = rows.slice(0, query.limit)
    const last = page.at(-1)
    return c.json({
      result: await presentDeliveries(page),
      next_cursor: rows.length > query.limit && last ? `d_${last.seq}` : null,
    })
  })

  documentEndpoint(app, getWebhookDelivery, [...AUTH_ERRORS, 'webhook_delivery_not_found'])
  app.get(getWebhookDelivery.path, async (c) => {
    const [presented] = await presentDeliveries([await findDelivery(c)])
    return c.json(presented)
  })

  documentEndpoint(app, redeliverWebhook, [
    ...AUTH_ERRORS,
    'invalid_request',
    'webhook_delivery_not_found',
    'webhook_endpoint_not_found',
    'service_unavailable',
  ])
  app.post(redeliverWebhook.path, async (c) => {
    const found = await findDelivery(c)
    const hostApp = c.get('hostApp')
    if (!deps.webhookDelivery) throw new JumpLinkError('service_unavailable')
    const endpoint = await deps.store.webhooks.getEndpoint(hostApp.id, found.endpointId)
    if (!endpoint) throw new JumpLinkError('webhook_endpoint_not_found')
    // A disabled endpoint gets nothing, redeliveries included: it would only be given up again.
    if (endpoint.status === 'disabled')
      throw new JumpLinkError('invalid_request', {
        message: 'The endpoint is disabled; enable it (PATCH enabled: true) before redelivering.',
      })
    // While it is being sent it stays as it is: that attempt is the redelivery.
    const requeued =
      (await deps.store.webhooks.requeueDelivery(hostApp.id, found.id, deps.now())) ?? found
    if (requeued.status === 'pending') await deps.webhookDelivery.deliverSoon(requeued.id)
    await audit(c, 'webhook_delivery.redelivered', { delivery_id: found.id })
    const [presented] = await presentDeliveries([requeued])
    return c.json(presented, 202)
  })

  async function presentDeliveries(rows: WebhookDeliveryRecord[]) {
    const attempts = await deps.store.webhooks.listAttempts(rows.map((r) => r.seq))
    return rows.map((r) => presentDelivery(r, attempts.get(r.seq) ?? []))
  }

  async function findEndpoint(c: Context<AppEnv>) {
    // A malformed id cannot name an endpoint: the same answer as an unknown one.
    const id = parseInput(WebhookEndpointIdSchema, c.req.param('id'))
    const found = id.ok && (await deps.store.webhooks.getEndpoint(c.get('hostApp').id, id.data))
    if (!found) throw new JumpLinkError('webhook_endpoint_not_found')
    return found
  }

  async function findDelivery(c: Context<AppEnv>) {
    const id = parseInput(WebhookDeliveryIdSchema, c.req.param('id'))
    const found = id.ok && (await deps.store.webhooks.getDelivery(c.get('hostApp').id, id.data))
    if (!found) throw new JumpLinkError('webhook_delivery_not_found')
    return found
  }

  async function audit(c: Context<AppEnv>, type: string, data: Record<string, unknown>) {
    await deps.store.audit.add({
      type,
      hostAppId: c.get('hostApp').id,
      connectionId: null,
      requestId: c.get('requestId'),
      data,
      now: deps.now(),
    })
    c.get('logger').info(data, type)
  }
}
