import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { generateWebhookSecret, signWebhook } from './signing'

const body = JSON.stringify({ id: 'evt_1', type: 'user.suspended', data: {} })

describe('Standard Webhooks signing', () => {
  it('is accepted by the reference implementation, under each of two overlapping secrets', () => {
    const [oldSecret, newSecret] = [generateWebhookSecret(), generateWebhookSecret()]
    expect(oldSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    const headers = signWebhook({
      id: 'msg_1',
      timestamp: new Date(),
      body,
      secrets: [oldSecret, newSecret],
    })
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2)
    expect(new Webhook(oldSecret).verify(body, headers)).toEqual(JSON.parse(body))
    expect(new Webhook(newSecret).verify(body, headers)).toEqual(JSON.parse(body))
  })

  it('is refused by the reference implementation when the body, secret or time is wrong', () => {
    const secret = generateWebhookSecret()
    const headers = signWebhook({ id: 'msg_2', timestamp: new Date(), body, secrets: [secret] })
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow()
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow()
    const old = signWebhook({
      id: 'msg_3',
      timestamp: new Date(Date.now() - 10 * 60_000),
      body,
      secrets: [secret],
    })
    expect(() => new Webhook(secret).verify(body, old)).toThrow()
  })
})
