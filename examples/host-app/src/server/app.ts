import {
  type Connection,
  type JumpLinkClient,
  JumpLinkError,
  PROVIDER_IDS,
  PROVIDERS,
} from '@jumplink/client'
import type { Context } from 'hono'
import { Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type {
  AccessReview,
  AccessReviewPeople,
  ApiErrorBody,
  AppConfig,
  ConnectionView,
  DevicePosture,
  ReviewActivity,
} from '../shared/api'
import {
  readAccessReview,
  readDevicePosture,
  readReviewActivity,
  readReviewPeople,
} from './directory'
import { createLiveFeed } from './live-feed'
import { serveWeb } from './serve-web'
import type { TokenStore } from './token-store'
import { mountWebhookReceiver, registerWebhookEndpoint } from './webhooks'

export interface HostAppOptions {
  jumplink: JumpLinkClient
  /** The link server as the browser reaches it (the widget calls it directly). */
  linkServerUrl: string
  tokens: TokenStore
  /** The built front (`vite build`); without it only the API is served. */
  webDir?: string
  /** The signed-in user. A real app takes it from its own session. */
  user?: AppConfig['user']
  /**
   * What new connections may do unless the page asks otherwise; `read_write` lets the access
   * review suspend users. Default `read`.
   */
  permissions?: 'read' | 'read_write'
  /**
   * Signed webhooks for the live feed: this app's receiver URL as the link server reaches it,
   * registered with the secret key at start. Without it (or if refused) the feed is pulled.
   */
  webhook?: { url: string; secretKey: string }
}

const DEMO_USER = {
  id: 'user_demo_reviewer',
  email: 'reviewer@example.com',
  name: 'Riley Reviewer',
}
// JumpLink connects one directory today; its name comes from the SDK, never from our code.
const directoryName = PROVIDERS[PROVIDER_IDS[0]].name

class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
  ) {
    super(message)
  }
}

/** The demo host app's backend: link sessions and tokens stay here; the front gets views. */
export function createHostApp(options: HostAppOptions): Hono {
  const { jumplink, tokens } = options
  const user = options.user ?? DEMO_USER
  const app = new Hono()

  const view = (connection: Connection): ConnectionView => ({
    id: connection.id,
    organization: connection.organization.name ?? connection.organization.id,
    status: connection.status,
    statusReason: connection.status_reason,
    createdAt: connection.created_at,
    lastCheckedAt: connection.last_checked_at,
    readable: connection.status !== 'revoked' && tokens.get(connection.id) !== undefined,
    permissions: connection.permissions,
    credentialKind: connection.credential_kind,
  })

  /** One of this user's connections (another customer's id answers as if it did not exist). */
  async function ownConnection(id: string): Promise<Connection> {
    const connection = await jumplink.connections.get(id)
    if (connection.end_user_id !== user.id) throw new HttpError(404, 'No such connection.')
    return connection
  }

  async function readable(id: string): Promise<{ connection: Connection; token: string }> {
    const connection = await ownConnection(id)
    const token = tokens.get(id)
    if (!token || connection.status === 'revoked') {
      throw new HttpError(409, 'This connection cannot be read. Connect the directory again.')
    }
    return { connection, token }
  }

  app.get('/healthz', (c) => c.json({ status: 'ok' }))

  // The live feed: signed webhooks when registered, the pull feed on each look at the page.
  const feed = createLiveFeed({ jumplink, tokens, endUserId: user.id })
  const webhookSecrets: string[] = []
  mountWebhookReceiver(app, feed, () => webhookSecrets)
  if (options.webhook) {
    registerWebhookEndpoint({ linkServerUrl: options.linkServerUrl, ...options.webhook })
      .then((secret) => {
        if (!secret) return
        webhookSecrets.push(secret)
        feed.setWebhooks('receiving')
      })
      .catch((error: unknown) => console.warn('webhook registration failed:', error))
  }
  let polling: Promise<void> | undefined
  app.get('/api/feed', async (c) => {
    // One poll at a time, however many pages look.
    polling ??= feed.poll().finally(() => {
      polling = undefined
    })
    await polling
    return c.json(feed.view())
  })

  app.get('/api/config', (c) =>
    c.json({ linkServerUrl: options.linkServerUrl, directoryName, user } satisfies AppConfig),
  )

  // A link token for the widget; with a connection id it is an update (relink) session.
  app.post('/api/link-token', async (c) => {
    const body = await jsonBody<{ connection_id?: unknown; permissions?: unknown }>(c)
    const connectionId = typeof body.connection_id === 'string' ? body.connection_id : undefined
    // The admin's choice on the connections page: read only, or read and act (suspend users).
    const permissions =
      body.permissions === 'read' || body.permissions === 'read_write'
        ? body.permissions
        : (options.permissions ?? 'read')
    if (connectionId) await ownConnection(connectionId)
    const session = await jumplink.linkSessions.create({
      end_user: { id: user.id, email: user.email, name: user.name },
      // One connection per organization: connecting Acme Corp again offers to replace its key.
      allow_duplicates: false,
      permissions,
      ...(connectionId ? { connection_id: connectionId } : {}),
    })
    return c.json({ link_token: session.link_token })
  })

  // The widget's public token, exchanged once; the integration token is kept, never sent back.
  app.post('/api/exchange', async (c) => {
    const body = await jsonBody<{ public_token?: unknown }>(c)
    if (typeof body.public_token !== 'string') throw new HttpError(400, 'public_token is missing.')
    const { integration_token, connection } = await jumplink.tokens.exchange(body.public_token)
    tokens.set(connection.id, integration_token)
    return c.json(view(connection))
  })

  app.get('/api/connections', async (c) => {
    const all: ConnectionView[] = []
    for await (const connection of jumplink.connections.all({ end_user_id: user.id })) {
      all.push(view(connection))
    }
    all.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    return c.json(all)
  })

  app.post('/api/connections/:id/check', async (c) => {
    await ownConnection(c.req.param('id'))
    return c.json(view(await jumplink.connections.check(c.req.param('id'))))
  })

  app.delete('/api/connections/:id', async (c) => {
    const id = c.req.param('id')
    await ownConnection(id)
    const revoked = await jumplink.connections.revoke(id)
    tokens.delete(id)
    return c.json(view(revoked))
  })

  // The review page reads the people first and fills in their activity when it comes.
  app.get('/api/connections/:id/access-review/people', async (c) => {
    const { connection, token } = await readable(c.req.param('id'))
    const people = await readReviewPeople(jumplink, token)
    return c.json({
      connection: view(connection),
      people,
      summary: {
        users: people.length,
        withoutMfa: people.filter((u) => u.status === 'active' && u.mfa !== true).length,
      },
    } satisfies AccessReviewPeople)
  })

  app.get('/api/connections/:id/access-review/activity', async (c) => {
    const { token } = await readable(c.req.param('id'))
    return c.json((await readReviewActivity(jumplink, token)) satisfies ReviewActivity)
  })

  app.get('/api/connections/:id/access-review', async (c) => {
    const { connection, token } = await readable(c.req.param('id'))
    const users = await readAccessReview(jumplink, token)
    return c.json({
      connection: view(connection),
      users,
      summary: {
        users: users.length,
        withoutMfa: users.filter((u) => u.status === 'active' && u.mfa !== true).length,
        inactiveWithApps: users.filter((u) => u.status !== 'active' && u.apps.length > 0).length,
      },
    } satisfies AccessReview)
  })

  // Suspends a user found by the access review; the link server refuses it on a read-only
  // connection. The acting user is passed for the connection's audit trail.
  app.post('/api/connections/:id/users/:userId/suspend', async (c) => {
    const { token } = await readable(c.req.param('id'))
    const suspended = await jumplink
      .writes(token)
      .users.suspend(c.req.param('userId'), { endUserId: user.id })
    return c.json({ id: suspended.id, status: suspended.status })
  })

  app.get('/api/connections/:id/devices', async (c) => {
    const { connection, token } = await readable(c.req.param('id'))
    const devices = await readDevicePosture(jumplink, token)
    return c.json({
      connection: view(connection),
      devices,
      summary: {
        devices: devices.length,
        unencrypted: devices.filter((d) => d.encrypted === false).length,
        unknownEncryption: devices.filter((d) => d.encrypted === null).length,
      },
    } satisfies DevicePosture)
  })

  app.all('/api/*', () => {
    throw new HttpError(404, 'No such API route.')
  })

  if (options.webDir) app.route('/', serveWeb(options.webDir, options.linkServerUrl))

  app.onError((error, c) => {
    if (error instanceof HttpError) {
      return c.json({ error: { message: error.message } } satisfies ApiErrorBody, error.status)
    }
    if (error instanceof JumpLinkError) {
      // The link server's catalog message is written for developers; the page maps the code.
      const status = (error.status >= 500 ? 502 : error.status) as ContentfulStatusCode
      return c.json(
        { error: { message: error.message, code: error.code } } satisfies ApiErrorBody,
        status,
      )
    }
    console.error(error)
    return c.json({ error: { message: 'Something went wrong.' } } satisfies ApiErrorBody, 500)
  })
  return app
}

async function jsonBody<T>(c: Context): Promise<Partial<T>> {
  try {
    const body: unknown = await c.req.json()
    return typeof body === 'object' && body !== null ? (body as Partial<T>) : {}
  } catch {
    return {}
  }
}
