import { verifyWebhook, WebhookVerificationError } from '@jumplink/client'
import type { Hono } from 'hono'
import type { LiveFeedService } from './live-feed'

export const WEBHOOK_PATH = '/webhooks/jumplink'

/**
 * Receives JumpLink's signed webhooks: the raw body is checked against the endpoint's `whsec_`
 * secrets (Standard Webhooks, with verifyWebhook) before anything in it is believed. A delivery
 * that does not verify is refused with 401, so JumpLink's delivery log shows it.
 */
export function mountWebhookReceiver(
  app: Hono,
  feed: LiveFeedService,
  secrets: () => readonly string[],
): void {
  app.post(WEBHOOK_PATH, async (c) => {
    const body = await c.req.text()
    const current = secrets()
    if (current.length === 0) return c.json({ error: { message: 'No endpoint registered.' } }, 401)
    try {
      const event = await verifyWebhook(body, c.req.raw.headers, current)
      await feed.accept(event, 'webhook')
      return c.body(null, 204)
    } catch (error) {
      if (error instanceof WebhookVerificationError)
        return c.json({ error: { message: 'The signature does not verify.' } }, 401)
      throw error
    }
  })
}

/**
 * Registers this app's receiver as a webhook endpoint of the host app, once per start: an
 * endpoint with the same URL from an earlier start is replaced (its secret was shown only when
 * it was made). Answers the new secret, or null when the link server refuses (for example a
 * loopback URL that the host app may not use): the live feed then reads the pull feed.
 */
export async function registerWebhookEndpoint(options: {
  linkServerUrl: string
  secretKey: string
  url: string
  fetch?: typeof fetch
}): Promise<string | null> {
  const request = options.fetch ?? fetch
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await request(new URL(path, options.linkServerUrl), {
      method,
      headers: {
        authorization: `Bearer ${options.secretKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const json = (await response.json().catch(() => null)) as Record<string, unknown> | null
    return { status: response.status, json }
  }
  const listed = await call('GET', '/v1/webhook-endpoints')
  if (listed.status !== 200) return null
  for (const endpoint of (listed.json?.result ?? []) as { id: string; url: string }[])
    if (endpoint.url === options.url) await call('DELETE', `/v1/webhook-endpoints/${endpoint.id}`)
  const created = await call('POST', '/v1/webhook-endpoints', {
    url: options.url,
    description: 'Clearview live feed',
  })
  if (created.status !== 201 || typeof created.json?.secret !== 'string') {
    console.warn(
      `The webhook endpoint was not registered (${created.status}); the live feed reads the pull feed.`,
    )
    return null
  }
  return created.json.secret
}
