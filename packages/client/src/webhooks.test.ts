import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { verifyWebhook, WebhookVerificationError } from './webhooks'

const event = {
  id: 'evt_7',
  type: 'user.suspended',
  connection_id: 'conn_1',
  occurred_at: '2026-11-25T16:00:00.000Z',
  data: {},
}
const body = JSON.stringify(event)
const secret = `whsec_${Buffer.from('a'.repeat(32)).toString('base64')}`
const other = `whsec_${Buffer.from('b'.repeat(32)).toString('base64')}`

function signed(at: Date, key = secret) {
  const signature = new Webhook(key).sign('msg_1', at, body)
  return {
    'webhook-id': 'msg_1',
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signature,
  }
}

describe('verifyWebhook', () => {
  it('accepts what the Standard Webhooks reference implementation signs, with the secret among several', async () => {
    expect(await verifyWebhook(body, signed(new Date()), secret)).toEqual(event)
    expect(await verifyWebhook(body, new Headers(signed(new Date())), [other, secret])).toEqual(
      event,
    )
  })

  it('refuses a changed body, another secret, a stale timestamp or missing headers', async () => {
    await expect(verifyWebhook(`${body} `, signed(new Date()), secret)).rejects.toThrow(
      WebhookVerificationError,
    )
    await expect(verifyWebhook(body, signed(new Date()), other)).rejects.toThrow(
      WebhookVerificationError,
    )
    await expect(
      verifyWebhook(body, signed(new Date(Date.now() - 6 * 60_000)), secret),
    ).rejects.toThrow(/tolerance/)
    await expect(verifyWebhook(body, {}, secret)).rejects.toThrow(/Missing/)
  })
})
