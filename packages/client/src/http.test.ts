import { describe, expect, it } from 'vitest'
import { JumpLinkApiError } from './errors'
import { call } from './http'

/** A 200 whose body starts like a page and then breaks, as a cut connection does. */
function brokenPage(): Response {
  const encoder = new TextEncoder()
  let sent = false
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent) {
        controller.error(new TypeError('terminated'))
        return
      }
      sent = true
      controller.enqueue(encoder.encode('{"result":[{"id":"u1"}'))
    },
  })
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'application/json', 'x-request-id': 'req_1' },
  })
}

const request = { method: 'GET', path: '/v1/unified/user-directory/users', bearer: 't' } as const

describe('an answer that does not arrive whole', () => {
  it('is a retryable error when the body breaks off, not a network crash', async () => {
    const error = await call(
      { baseUrl: 'http://link.test', fetch: async () => brokenPage() },
      request,
    )
      .then(() => null)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(JumpLinkApiError)
    expect(error).toMatchObject({
      code: 'provider_unavailable',
      retryable: true,
      requestId: 'req_1',
    })
  })

  it('is not retryable for a call that acts (POST, PATCH, DELETE): it has probably happened', async () => {
    for (const method of ['POST', 'PATCH', 'DELETE'] as const) {
      const error = await call(
        { baseUrl: 'http://link.test', fetch: async () => brokenPage() },
        { ...request, method, path: '/v1/connections/conn_1/check', body: {} },
      )
        .then(() => null)
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(JumpLinkApiError)
      expect(error).toMatchObject({ code: 'provider_unavailable', retryable: false })
      expect((error as JumpLinkApiError).message).toMatch(/probably happened/)
    }
  })

  it('is a retryable error when a 200 body is cut short JSON, never a short page', async () => {
    const fetch = async () =>
      new Response('{"result":[{"id":"u1"}', {
        status: 200,
        headers: { 'content-type': 'application/json' },
      })
    await expect(call({ baseUrl: 'http://link.test', fetch }, request)).rejects.toMatchObject({
      code: 'provider_unavailable',
      retryable: true,
      requestId: null,
    })
  })
})
