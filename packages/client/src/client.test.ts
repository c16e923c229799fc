import { describe, expect, it } from 'vitest'
import { createJumpLinkClient } from './client'
import { JumpLinkApiError } from './errors'
import type { FetchLike } from './http'

interface Seen {
  method: string
  url: URL
  authorization: string | null
  body: unknown
}

/** A stand-in link server: records each request and answers from `respond`. */
function fakeServer(respond: (seen: Seen) => Response) {
  const requests: Seen[] = []
  const fetch: FetchLike = async (input, init) => {
    const headers = new Headers(init?.headers)
    const seen: Seen = {
      method: init?.method ?? 'GET',
      url: new URL(input),
      authorization: headers.get('authorization'),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    }
    requests.push(seen)
    return respond(seen)
  }
  return { fetch, requests }
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })

describe('host SDK', () => {
  it('starts a link session with the secret key as bearer', async () => {
    const server = fakeServer(() =>
      json(201, { link_token: 'lt', expires_at: '2026-11-22T10:00:00.000Z' }),
    )
    const client = createJumpLinkClient({
      baseUrl: 'http://link.test/',
      secretKey: 'jl_sk_abc',
      fetch: server.fetch,
    })
    const session = await client.linkSessions.create({ end_user: { id: 'u1' } })
    expect(session.link_token).toBe('lt')
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      authorization: 'Bearer jl_sk_abc',
      body: { end_user: { id: 'u1' } },
    })
    expect(server.requests[0]?.url.href).toBe('http://link.test/v1/link-sessions')
  })

  it('throws catalog errors as typed exceptions', async () => {
    const server = fakeServer(() =>
      json(409, {
        error: {
          code: 'public_token_already_used',
          message: 'The public token has already been exchanged.',
          request_id: 'req_1',
          retryable: false,
        },
      }),
    )
    const client = createJumpLinkClient({
      baseUrl: 'http://link.test',
      secretKey: 's',
      fetch: server.fetch,
    })
    const error = await client.tokens.exchange('pt').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(JumpLinkApiError)
    expect(error).toMatchObject({
      code: 'public_token_already_used',
      status: 409,
      requestId: 'req_1',
      retryable: false,
    })
    expect(server.requests[0]?.body).toEqual({ public_token: 'pt' })
  })

  it('carries retry_after from a throttled answer', async () => {
    const server = fakeServer(() =>
      json(429, {
        error: {
          code: 'provider_rate_limited',
          message: 'slow down',
          request_id: 'r',
          retryable: true,
          retry_after: 7,
        },
      }),
    )
    const client = createJumpLinkClient({
      baseUrl: 'http://link.test',
      secretKey: 's',
      fetch: server.fetch,
    })
    await expect(client.unified('it').users.list()).rejects.toMatchObject({
      code: 'provider_rate_limited',
      retryAfter: 7,
      retryable: true,
    })
  })

  it('still throws a typed error when the answer is not a JumpLink error', async () => {
    const server = fakeServer(
      () =>
        new Response('<html>bad gateway</html>', {
          status: 502,
          headers: { 'x-request-id': 'edge-1' },
        }),
    )
    const client = createJumpLinkClient({
      baseUrl: 'http://link.test',
      secretKey: 's',
      fetch: server.fetch,
    })
    await expect(client.connections.get('conn_1')).rejects.toMatchObject({
      code: 'internal_error',
      requestId: 'edge-1',
    })
  })

  it('pages through a collection, yielding each record once, with the integration token', async () => {
    const pages: Record<string, { result: { id: string }[]; next_cursor: string | null }> = {
      '': { result: [{ id: 'a' }, { id: 'b' }], next_cursor: 'c2' },
      c2: { result: [{ id: 'c' }], next_cursor: 'c3' },
      c3: { result: [{ id: 'd' }], next_cursor: null },
    }
    const server = fakeServer(({ url }) =>
      json(200, pages[url.searchParams.get('cursor') ?? ''] ?? {}),
    )
    const client = createJumpLinkClient({
      baseUrl: 'http://link.test',
      secretKey: 's',
      fetch: server.fetch,
    })
    const ids: string[] = []
    for await (const user of client.unified('int_tok').users.all({ status: 'active' }))
      ids.push(user.id)
    expect(ids).toEqual(['a', 'b', 'c', 'd'])
    expect(server.requests).toHaveLength(3)
    for (const request of server.requests) {
      expect(request.authorization).toBe('Bearer int_tok')
      expect(request.url.pathname).toBe('/v1/unified/user-directory/users')
      expect(request.url.searchParams.get('status')).toBe('active')
      expect(request.url.searchParams.get('limit')).toBe('1000')
    }
  })

  it('encodes ids into paths so an id cannot change the route', async () => {
    const server = fakeServer(() => json(200, { result: [], next_cursor: null }))
    const client = createJumpLinkClient({
      baseUrl: 'http://link.test',
      secretKey: 's',
      fetch: server.fetch,
    })
    await client.unified('t').groupMembers.list('../../v1/connections')
    await client.unified('t').devices.get('a/b?c', { expand: 'users' })
    expect(server.requests[0]?.url.pathname).toBe(
      '/v1/unified/user-directory/groups/..%2F..%2Fv1%2Fconnections/members',
    )
    expect(server.requests[1]?.url.pathname).toBe('/v1/unified/mdm/devices/a%2Fb%3Fc')
    expect(server.requests[1]?.url.searchParams.get('expand')).toBe('users')
  })
})
