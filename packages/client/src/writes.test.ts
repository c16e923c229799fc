import { describe, expect, it } from 'vitest'
import { createJumpLinkClient } from './client'
import { JumpLinkApiError } from './errors'
import type { FetchLike } from './http'

function recorder(status: number, body: unknown) {
  const seen: { method: string; path: string; headers: Headers; body: unknown }[] = []
  const fetch: FetchLike = async (input, init) => {
    seen.push({
      method: init?.method ?? 'GET',
      path: new URL(input).pathname,
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    })
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    })
  }
  return { fetch, seen }
}

describe('SDK writes', () => {
  it('sends each write to its route with the integration token, Idempotency-Key and end user', async () => {
    const server = recorder(200, { id: 'u1' })
    const writes = createJumpLinkClient({
      baseUrl: 'https://link.test',
      secretKey: 'jl_sk_x',
      fetch: server.fetch,
    }).writes('itok')
    await writes.users.suspend('u1', { idempotencyKey: 'k-1', endUserId: 'reviewer' })
    await writes.users.update('u1', { job_title: 'Lead' })
    await writes.users.resetMfa('u/1')
    await writes.groups.addMember('g1', 'u1')
    await writes.groups.removeMember('g1', 'u1')
    expect(server.seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'POST /v1/unified/user-directory/users/u1/suspend',
      'PATCH /v1/unified/user-directory/users/u1',
      'POST /v1/unified/user-directory/users/u%2F1/reset-mfa',
      'POST /v1/unified/user-directory/groups/g1/members',
      'DELETE /v1/unified/user-directory/groups/g1/members/u1',
    ])
    expect(server.seen[0]?.headers.get('authorization')).toBe('Bearer itok')
    expect(server.seen[0]?.headers.get('idempotency-key')).toBe('k-1')
    expect(server.seen[0]?.headers.get('x-end-user-id')).toBe('reviewer')
    expect(server.seen[1]?.headers.get('idempotency-key')).toBeNull()
    expect(server.seen[1]?.body).toEqual({ job_title: 'Lead' })
    expect(server.seen[3]?.body).toEqual({ user_id: 'u1' })
  })

  it('throws a typed error naming the refused field', async () => {
    const server = recorder(409, {
      error: {
        code: 'resource_conflict',
        message: '`email` already exists',
        request_id: 'req-1',
        retryable: false,
        details: { issues: [{ path: 'email', message: 'already exists' }] },
      },
    })
    const writes = createJumpLinkClient({
      baseUrl: 'https://link.test',
      secretKey: 'jl_sk_x',
      fetch: server.fetch,
    }).writes('itok')
    const error = await writes.users
      .create({ username: 'a', email: 'a@b.example' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(JumpLinkApiError)
    expect(error).toMatchObject({
      code: 'resource_conflict',
      status: 409,
      requestId: 'req-1',
      details: { issues: [{ path: 'email' }] },
    })
  })

  it("reads a connection's audit trail", async () => {
    const server = recorder(200, { result: [], next_cursor: null })
    const client = createJumpLinkClient({
      baseUrl: 'https://link.test',
      secretKey: 'jl_sk_x',
      fetch: server.fetch,
    })
    expect(await client.connections.audit('conn_1', { limit: 5 })).toEqual({
      result: [],
      next_cursor: null,
    })
    expect(server.seen[0]?.path).toBe('/v1/connections/conn_1/audit')
    expect(server.seen[0]?.headers.get('authorization')).toBe('Bearer jl_sk_x')
  })
})
