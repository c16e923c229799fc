import { describe, expect, it } from 'vitest'
import { createJumpLinkClient } from './client'
import type { FetchLike } from './http'

describe('host SDK: hostApp', () => {
  it('reads and sets the sync interval with the secret key', async () => {
    const seen: { method: string; url: string; body: unknown; auth: string | null }[] = []
    const fetch: FetchLike = async (input, init) => {
      seen.push({
        method: init?.method ?? 'GET',
        url: String(input),
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
        auth: new Headers(init?.headers).get('authorization'),
      })
      return new Response(
        JSON.stringify({ id: 'app_1', name: 'Acme', sync_interval_seconds: 300 }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      )
    }
    const client = createJumpLinkClient({
      baseUrl: 'http://link.test',
      secretKey: 'jl_sk_a',
      fetch,
    })
    expect(
      (await client.hostApp.update({ sync_interval_seconds: 300 })).sync_interval_seconds,
    ).toBe(300)
    await client.hostApp.get()
    expect(seen).toEqual([
      {
        method: 'PATCH',
        url: 'http://link.test/v1/host-app',
        body: { sync_interval_seconds: 300 },
        auth: 'Bearer jl_sk_a',
      },
      {
        method: 'GET',
        url: 'http://link.test/v1/host-app',
        body: undefined,
        auth: 'Bearer jl_sk_a',
      },
    ])
  })
})
