import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { getRequestListener, RequestError } from '@hono/node-server'
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

/**
 * What @hono/node-server answers itself, before any route runs, for requests it cannot turn into
 * a URL (a bad `Host`, a backslash in the path): a bare 400 by default. This answers them, and
 * anything thrown outside the app, in the catalog's shape with a request id.
 */
export function requestErrorResponse(error: unknown): Response {
  const requestId = randomUUID()
  const caught =
    error instanceof RequestError
      ? new JumpLinkError('invalid_request', {
          message: 'The request’s Host header or path is not valid.',
        })
      : new JumpLinkError('internal_error')
  return new Response(JSON.stringify(caught.toBody(requestId)), {
    status: caught.status,
    headers: {
      'content-type': 'application/json',
      'x-request-id': requestId,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  })
}

/**
 * The link server on a Node HTTP server: every answer in the catalog's shape, including what
 * Node's parser (`answerClientErrors`) and the adapter (`requestErrorResponse`) reject.
 */
export function listenWithCatalogErrors(
  options: { fetch: Parameters<typeof getRequestListener>[0]; port: number; hostname: string },
  onListening?: (address: AddressInfo) => void,
): Server {
  const server = createServer(
    getRequestListener(options.fetch, {
      hostname: options.hostname,
      errorHandler: requestErrorResponse,
    }),
  )
  answerClientErrors(server)
  server.listen(options.port, options.hostname, () => {
    onListening?.(server.address() as AddressInfo)
  })
  return server
}
