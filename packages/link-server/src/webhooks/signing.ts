import { createHmac, randomBytes } from 'node:crypto'

/** A new endpoint secret in the Standard Webhooks form: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`
}

/**
 * The Standard Webhooks headers for one delivery attempt: the HMAC-SHA256 of
 * `id.timestamp.body` under each secret (two while a rotation overlaps), space-separated.
 */
export function signWebhook(input: {
  id: string
  timestamp: Date
  body: string
  secrets: readonly string[]
}): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  const seconds = String(Math.floor(input.timestamp.getTime() / 1000))
  const signatures = input.secrets.map((secret) => {
    const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
    const mac = createHmac('sha256', key).update(`${input.id}.${seconds}.${input.body}`)
    return `v1,${mac.digest('base64')}`
  })
  return {
    'webhook-id': input.id,
    'webhook-timestamp': seconds,
    'webhook-signature': signatures.join(' '),
  }
}
