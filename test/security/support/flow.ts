import { expect } from 'vitest'
import type { Call } from './http'

/** The host backend starts a link session; the widget's link token. */
export async function startSession(call: Call, secret: string, endUserId = 'user-1') {
  const reply = await call('POST', '/v1/link-sessions', {
    token: secret,
    body: { end_user: { id: endUserId, email: 'it@acme.example' } },
  })
  expect(reply.status, reply.text).toBe(201)
  return (reply.json as { link_token: string }).link_token
}

/** The widget completes with a key and an organization; the public token and connection id. */
export async function complete(call: Call, linkToken: string, apiKey: string, orgId: string) {
  const reply = await call('POST', '/v1/link/complete', {
    token: linkToken,
    body: { api_key: apiKey, region: 'us', organization_id: orgId },
  })
  expect(reply.status, reply.text).toBe(200)
  return reply.json as { public_token: string; connection_id: string }
}

/** The host backend exchanges the public token; the integration token. */
export async function exchange(call: Call, secret: string, publicToken: string) {
  const reply = await call('POST', '/v1/tokens/exchange', {
    token: secret,
    body: { public_token: publicToken },
  })
  expect(reply.status, reply.text).toBe(200)
  return (reply.json as { integration_token: string }).integration_token
}

/** Session → complete → exchange, over HTTP. */
export async function connect(call: Call, secret: string, apiKey: string, orgId: string) {
  const linkToken = await startSession(call, secret)
  const { public_token, connection_id } = await complete(call, linkToken, apiKey, orgId)
  const token = await exchange(call, secret, public_token)
  return { connectionId: connection_id, token, publicToken: public_token, linkToken }
}
