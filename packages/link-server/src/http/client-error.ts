import { randomUUID } from 'node:crypto'
import type { Duplex } from 'node:stream'
import { JumpLinkError } from '@jumplink/shared'

/** What Node reports for a request it could not parse; `code` names the parser's complaint. */
type ClientError = Error & { code?: string }

/**
 * Node answers requests it cannot parse (headers or URL over its 16 KB limit, broken request
 * lines) itself, before any route runs: a bare 431 or 400 with no body. This answers them in the
 * catalog's shape instead, so that every 4xx a caller sees carries a code and a request id.
 */
export function answerClientErrors(server: {
  on(event: 'clientError', listener: (error: ClientError, socket: Duplex) => void): unknown
}): void {
  server.on('clientError', (error, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy()
      return
    }
    const requestId = randomUUID()
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW'
    const body = JSON.stringify(
      new JumpLinkError('invalid_request', {
        message: tooLarge
          ? 'The request line or headers are larger than allowed.'
          : 'The request is not valid HTTP.',
      }).toBody(requestId),
    )
    socket.end(
      [
        'HTTP/1.1 400 Bad Request',
        'content-type: application/json',
        `content-length: ${Buffer.byteLength(body)}`,
        `x-request-id: ${requestId}`,
        'x-content-type-options: nosniff',
        'cache-control: no-store',
        'connection: close',
        '',
        body,
      ].join('\r\n'),
    )
  })
}
