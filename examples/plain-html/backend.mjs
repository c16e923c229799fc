// The tiny backend of the plain-HTML example: serves index.html, asks the link server for a link
// token, and exchanges the widget's public token for an integration token (kept server-side).
//
//   JUMPLINK_URL=http://localhost:3100 JUMPLINK_SECRET_KEY=sk_… node backend.mjs
import { readFile } from 'node:fs/promises'
import { createJumpLinkClient } from '@jumplink/client'

const PAGE = new URL('./index.html', import.meta.url)

/** A fetch handler: `(Request) => Promise<Response>`. */
export function createBackend({ linkServerUrl, secretKey }) {
  const jumplink = createJumpLinkClient({ baseUrl: linkServerUrl, secretKey })
  /** Integration tokens by connection; a real app stores them encrypted with its own users. */
  const connections = new Map()

  return async function handle(request) {
    const { pathname } = new URL(request.url)
    if (request.method === 'GET' && pathname === '/') {
      const html = (await readFile(PAGE, 'utf8')).replaceAll('{{LINK_SERVER_URL}}', linkServerUrl)
      return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } })
    }
    if (request.method === 'POST' && pathname === '/api/link-token') {
      // Your signed-in user; here one fixed user.
      const { link_token } = await jumplink.linkSessions.create({
        end_user: { id: 'user-1', email: 'it@example.com' },
      })
      return Response.json({ link_token })
    }
    if (request.method === 'POST' && pathname === '/api/exchange') {
      const { public_token } = await request.json()
      const { integration_token, connection } = await jumplink.tokens.exchange(public_token)
      connections.set(connection.id, integration_token)
      return Response.json({ organization: connection.organization.name })
    }
    return new Response('Not found', { status: 404 })
  }
}

if (import.meta.filename === process.argv[1]) {
  const { serve } = await import('@hono/node-server')
  const port = Number(process.env.PORT ?? 3000)
  const handle = createBackend({
    linkServerUrl: process.env.JUMPLINK_URL ?? 'http://localhost:3100',
    secretKey: process.env.JUMPLINK_SECRET_KEY,
  })
  serve({ fetch: handle, port, hostname: '127.0.0.1' }, () => {
    // biome-ignore lint/suspicious/noConsole: the example says where it listens
    console.log(`Plain-HTML example on http://127.0.0.1:${port}`)
  })
}
