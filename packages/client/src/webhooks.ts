import type { ChangeEvent } from '@jumplink/shared'

/** Thrown by `verifyWebhook` when a delivery is not one JumpLink signed (or is too old). */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError'
}

/** How far a delivery's timestamp may be from now, either way (Standard Webhooks: 5 minutes). */
const TOLERANCE_SECONDS = 5 * 60

type HeaderSource = Headers | Record<string, string | string[] | undefined>

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined
  const value = headers[name] ?? headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}

function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text)
  return Uint8Array.from(binary, (c) => c.charCodeAt(0))
}

/** Equal-length comparison that takes the same time wherever the bytes differ. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let difference = 0
  for (let i = 0; i < a.length; i++) difference |= (a[i] as number) ^ (b[i] as number)
  return difference === 0
}

/**
 * Checks a webhook delivery by the Standard Webhooks scheme (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`) against the endpoint's
 * `whsec_` secrets (give both while a rotation overlaps), and returns the event. `body` must be
 * the raw request body, exactly as received.
 */
export async function verifyWebhook(
  body: string,
  headers: HeaderSource,
  secrets: string | readonly string[],
  options: { now?: Date; toleranceSeconds?: number } = {},
): Promise<ChangeEvent> {
  const id = header(headers, 'webhook-id')
  const timestamp = header(headers, 'webhook-timestamp')
  const signatures = header(headers, 'webhook-signature')
  if (!id || !timestamp || !signatures)
    throw new WebhookVerificationError('Missing webhook-id, webhook-timestamp or webhook-signature')
  const sentAt = Number(timestamp)
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000)
  if (
    !/^\d+$/.test(timestamp) ||
    Math.abs(now - sentAt) > (options.toleranceSeconds ?? TOLERANCE_SECONDS)
  )
    throw new WebhookVerificationError('The webhook timestamp is outside the tolerance')

  const content = new TextEncoder().encode(`${id}.${timestamp}.${body}`)
  const offered = signatures
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => {
      try {
        return base64ToBytes(s.slice(3))
      } catch {
        return new Uint8Array()
      }
    })
  for (const secret of typeof secrets === 'string' ? [secrets] : secrets) {
    const key = await crypto.subtle.importKey(
      'raw',
      base64ToBytes(secret.startsWith('whsec_') ? secret.slice(6) : secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    )
    const expected = new Uint8Array(await crypto.subtle.sign('HMAC', key, content))
    if (offered.some((signature) => constantTimeEqual(signature, expected)))
      return JSON.parse(body) as ChangeEvent
  }
  throw new WebhookVerificationError('No signature matches the endpoint secrets')
}
