import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'
import { serve } from '@hono/node-server'
import { ErrorBodySchema } from '@jumplink/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { answerClientErrors } from './client-error'

let server: ReturnType<typeof serve>
let port: number
beforeAll(async () => {
  server = serve({ fetch: () => new Response('ok'), port: 0, hostname: '127.0.0.1' })
  answerClientErrors(server)
  await new Promise((resolve) => server.once('listening', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

/** Sends raw bytes and reads the whole answer. */
function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request))
    const chunks: Buffer[] = []
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('end', () => resolve(Buffer.concat(chunks).toString()))
    socket.on('error', reject)
  })
}

function parse(answer: string) {
  const [head = '', body = ''] = answer.split('\r\n\r\n')
  const requestId = head.match(/^x-request-id: (.+)$/im)?.[1]
  return {
    statusLine: head.split('\r\n')[0],
    requestId,
    body: ErrorBodySchema.parse(JSON.parse(body)),
  }
}

describe('requests Node cannot parse', () => {
  it('answers headers over the limit with a catalog error, not a bare 431', async () => {
    const answer = parse(
      await raw(`GET / HTTP/1.1\r\nhost: x\r\nx-pad: ${'a'.repeat(64 * 1024)}\r\n\r\n`),
    )
    expect(answer.statusLine).toBe('HTTP/1.1 400 Bad Request')
    expect(answer.body.error.code).toBe('invalid_request')
    expect(answer.body.error.request_id).toBe(answer.requestId)
  })

  it('answers a broken request line with a catalog error', async () => {
    const answer = parse(await raw('NOT HTTP AT ALL\r\n\r\n'))
    expect(answer.body.error).toMatchObject({ code: 'invalid_request', retryable: false })
  })

  it('still serves well-formed requests', async () => {
    expect(await raw('GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n')).toMatch(
      /\r\n\r\nok$/,
    )
  })
})
