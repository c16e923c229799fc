import { createSandbox, SCENARIO_SERVICE_ACCOUNTS as SA } from '@jumplink/sandbox'
import { JumpLinkError } from '@jumplink/shared'
import { describe, expect, it } from 'vitest'
import type { FetchLike } from '../../provider'
import { mapTokenFailure, requestAccessToken, tokenUrl } from './token-endpoint'

const sandbox = createSandbox({ now: '2025-06-02T00:00:00.000Z' })
const viaSandbox: FetchLike = (url, init) => Promise.resolve(sandbox.app.request(url, init))
const options = { fetch: viaSandbox, baseUrl: 'https://directory.test', timeoutMs: 1000 }

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise
    return 'ok'
  } catch (error) {
    return error instanceof JumpLinkError ? error.code : String(error)
  }
}

describe('service-account token endpoint', () => {
  it('has a token host per region, and the override serves it when set', () => {
    expect(tokenUrl('us')).toBe('https://admin-oauth.id.jumpcloud.com/oauth2/token')
    expect(tokenUrl('eu')).toBe('https://admin-oauth.id.eu.jumpcloud.com/oauth2/token')
    expect(tokenUrl('in')).toBe('https://admin-oauth.id.in.jumpcloud.com/oauth2/token')
    expect(tokenUrl('eu', 'http://127.0.0.1:4010/')).toBe('http://127.0.0.1:4010/oauth2/token')
  })

  it('sends Basic client credentials and the client-credentials form; reads the token', async () => {
    const seen: { url: string; init: RequestInit }[] = []
    const recording: FetchLike = (url, init) => {
      seen.push({ url, init })
      return viaSandbox(url, init)
    }
    const token = await requestAccessToken(
      { ...options, fetch: recording, baseUrl: undefined },
      'eu',
      SA.single.clientId,
      SA.single.clientSecret,
    )
    expect(token.expiresIn).toBe(3600)
    expect(token.value).toMatch(/^ory_at_/)
    const [call] = seen
    expect(call?.url).toBe('https://admin-oauth.id.eu.jumpcloud.com/oauth2/token')
    const headers = call?.init.headers as Record<string, string>
    expect(headers.authorization).toBe(
      `Basic ${Buffer.from(`${SA.single.clientId}:${SA.single.clientSecret}`).toString('base64')}`,
    )
    expect(headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(call?.init.body).toBe('grant_type=client_credentials&scope=api')
  })

  it('maps the scenario clients to catalog codes', async () => {
    const code = (account: { clientId: string; clientSecret: string }) =>
      codeOf(requestAccessToken(options, 'us', account.clientId, account.clientSecret))
    expect(await code(SA.single)).toBe('ok')
    expect(await code(SA.invalidSecret)).toBe('invalid_client_credentials')
    expect(await code(SA.expiredSecret)).toBe('invalid_client_credentials')
    expect(await code({ clientId: 'nobody', clientSecret: 'x' })).toBe('invalid_client_credentials')
    const throttled = await requestAccessToken(
      options,
      'us',
      SA.throttled.clientId,
      SA.throttled.clientSecret,
    ).catch((error: JumpLinkError) => error)
    expect(throttled).toMatchObject({ code: 'provider_rate_limited', retryAfter: 30 })
  })

  it('a body without a token, a 5xx or a dead network is the directory failing, never a 500', async () => {
    const answer =
      (status: number, body: unknown): FetchLike =>
      () =>
        Promise.resolve(Response.json(body, { status }))
    const call = (fetch: FetchLike) =>
      codeOf(requestAccessToken({ ...options, fetch, timeoutMs: 50 }, 'us', 'a', 'b'))
    expect(await call(answer(200, { token_type: 'bearer' }))).toBe('provider_unavailable')
    expect(await call(answer(503, { error: 'temporarily_unavailable' }))).toBe(
      'provider_unavailable',
    )
    expect(await call(() => Promise.reject(new TypeError('fetch failed')))).toBe(
      'provider_unavailable',
    )
    expect(await call(() => new Promise<Response>(() => {}))).toBe('provider_timeout')
    expect(mapTokenFailure(400, new Headers(), 'invalid_scope').code).toBe(
      'insufficient_permissions',
    )
    expect(mapTokenFailure(400, new Headers(), 'invalid_client').code).toBe(
      'invalid_client_credentials',
    )
  })
})
