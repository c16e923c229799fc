import { describe, expect, it } from 'vitest'
import { createJumpLinkClient } from './client'
import type { FetchLike } from './http'

function recording(answer: unknown) {
  const seen: { method: string; url: string; auth: string | null }[] = []
  const fetch: FetchLike = async (input, init) => {
    seen.push({
      method: init?.method ?? 'GET',
      url: String(input),
      auth: new Headers(init?.headers).get('authorization'),
    })
    return new Response(JSON.stringify(answer), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    })
  }
  return {
    seen,
    client: createJumpLinkClient({ baseUrl: 'http://link.test', secretKey: 'jl_sk_a', fetch }),
  }
}

describe('host SDK: change feed and ingest URL', () => {
  it('reads the pull feed with the integration token, from a cursor', async () => {
    const { seen, client } = recording({ result: [], next_cursor: 'c_7', has_more: false })
    const page = await client.changes('it_token').list({ cursor: 'c_5', limit: 10 })
    expect(page.next_cursor).toBe('c_7')
    expect(seen).toEqual([
      {
        method: 'GET',
        url: 'http://link.test/v1/unified/changes?cursor=c_5&limit=10',
        auth: 'Bearer it_token',
      },
    ])
  })

  it("reads and rotates a connection's ingest URL with the secret key", async () => {
    const { seen, client } = recording({ url: 'http://link.test/v1/ingest/conn_1/jl_ing_x' })
    await client.connections.ingestUrl.get('conn_1')
    await client.connections.ingestUrl.rotate('conn_1')
    expect(seen).toEqual([
      {
        method: 'GET',
        url: 'http://link.test/v1/connections/conn_1/ingest-url',
        auth: 'Bearer jl_sk_a',
      },
      {
        method: 'POST',
        url: 'http://link.test/v1/connections/conn_1/ingest-url/rotate',
        auth: 'Bearer jl_sk_a',
      },
    ])
  })
})
