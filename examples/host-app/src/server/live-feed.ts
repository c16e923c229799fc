import type { ChangeEvent, JumpLinkClient } from '@jumplink/client'
import type { FeedItem, LiveFeed } from '../shared/feed'
import type { TokenStore } from './token-store'

const KEEP = 200

type Record_ = Record<string, unknown>

function nameOf(record: Record_): string {
  const full = [record.first_name, record.last_name].filter(Boolean).join(' ')
  return String(record.display_name || full || record.username || record.name || record.id)
}

function describe(event: ChangeEvent): Pick<FeedItem, 'title' | 'subject' | 'changes'> {
  const data = event.data as Record_
  const record = (data.record ?? data) as Record_
  const user = (data.user ?? record) as Record_
  const subjectOf = (r: Record_) => ({
    id: String(r.id),
    name: nameOf(r),
    email: typeof r.email === 'string' ? r.email : null,
  })
  const changes = Array.isArray(data.changes)
    ? (data.changes as { field: string; from: unknown; to: unknown }[]).map(
        (c) => `${c.field}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`,
      )
    : []
  const [kind, what] = event.type.split('.') as [string, string]
  if (kind === 'user') {
    const subject = subjectOf(record)
    const verb: Record<string, string> = {
      created: 'was added',
      updated: 'was changed',
      suspended: 'was suspended',
      reactivated: 'was reactivated',
      deleted: 'was deleted',
    }
    return { title: `${subject.name} ${verb[what] ?? what}`, subject, changes }
  }
  if (kind === 'group' || kind === 'application') {
    const parent = (data.group ?? data.application ?? {}) as Record_
    const subject = subjectOf(user)
    const verb = what.endsWith('added') ? 'was added to' : 'was removed from'
    return {
      title: `${subject.name} ${verb} ${String(parent.name ?? parent.id)}`,
      subject,
      changes,
    }
  }
  if (kind === 'device') {
    const subject = subjectOf(record)
    return { title: `Device ${subject.name} ${what}`, subject, changes }
  }
  if (event.type === 'connection.broken')
    return {
      title: `The connection stopped working (${String(data.reason)})`,
      subject: null,
      changes,
    }
  const connectionTitles: Record<string, string> = {
    'connection.created': 'Connected',
    'connection.relinked': 'The connection works again (relinked)',
    'connection.revoked': 'Disconnected',
  }
  const connectionTitle = connectionTitles[event.type]
  if (connectionTitle) return { title: connectionTitle, subject: null, changes }
  if (event.type === 'connection.synced')
    return { title: 'First sync done: changes are watched from now on', subject: null, changes }
  return { title: event.type, subject: null, changes }
}

/**
 * The host app's live feed: change events from signed webhooks and from the pull feed (for
 * connections whose events no webhook brings), each shown once, newest first. A suspended or
 * deleted person is joined with the SSO apps still assigned to them: the finding an access
 * review wants at once.
 */
export function createLiveFeed(options: {
  jumplink: JumpLinkClient
  tokens: TokenStore
  endUserId: string
}) {
  const { jumplink, tokens } = options
  const items: FeedItem[] = []
  const seen = new Set<string>()
  const cursors = new Map<string, string>()
  const broken = new Map<string, LiveFeed['broken'][number]>()
  const organizations = new Map<string, string>()
  let webhooks: LiveFeed['webhooks'] = 'not registered'

  async function appsOf(connectionId: string, userId: string): Promise<string[]> {
    const token = tokens.get(connectionId)
    if (!token) return []
    const unified = jumplink.unified(token)
    const names: string[] = []
    for await (const app of unified.applications.all())
      for await (const _ of unified.applicationAssignments.all(app.id, { user_id: userId })) {
        names.push(app.name)
        break
      }
    return names.sort()
  }

  async function accept(event: ChangeEvent, via: FeedItem['via']): Promise<void> {
    if (seen.has(event.id)) return
    seen.add(event.id)
    const organization = organizations.get(event.connection_id) ?? event.connection_id
    if (event.type === 'connection.broken') {
      broken.set(event.connection_id, {
        connectionId: event.connection_id,
        organization,
        reason: String((event.data as Record_).reason),
        at: event.occurred_at,
      })
    }
    if (event.type === 'connection.relinked') broken.delete(event.connection_id)
    const described = describe(event)
    let stillHas: string[] | null = null
    if ((event.type === 'user.suspended' || event.type === 'user.deleted') && described.subject)
      stillHas = await appsOf(event.connection_id, described.subject.id).catch(() => null)
    items.unshift({
      id: event.id,
      type: event.type,
      connectionId: event.connection_id,
      organization,
      occurredAt: event.occurred_at,
      ...described,
      stillHas,
      via,
    })
    items.sort((a, b) => b.occurredAt.localeCompare(a.occurredAt))
    items.length = Math.min(items.length, KEEP)
  }

  /**
   * Refreshes the connections (names, a relink that fixed one) and, unless signed webhooks
   * bring every event, reads each readable connection's pull feed from where it stopped.
   */
  async function poll(): Promise<void> {
    for await (const connection of jumplink.connections.all({ end_user_id: options.endUserId })) {
      organizations.set(connection.id, connection.organization.name ?? connection.organization.id)
      if (connection.status === 'active') broken.delete(connection.id)
      const token = tokens.get(connection.id)
      if (webhooks === 'receiving' || !token || connection.status === 'revoked') continue
      for (;;) {
        const cursor = cursors.get(connection.id)
        const page = await jumplink
          .changes(token)
          .list({ limit: 100, ...(cursor ? { cursor } : {}) })
        for (const event of page.result) await accept(event, 'pull')
        cursors.set(connection.id, page.next_cursor)
        if (!page.has_more) break
      }
    }
  }

  return {
    accept,
    poll,
    setWebhooks(state: LiveFeed['webhooks']) {
      webhooks = state
    },
    view(): LiveFeed {
      // Names as last read: an event may arrive by webhook before its connection was listed.
      const named = <T extends { connectionId: string; organization: string }>(entry: T): T => ({
        ...entry,
        organization: organizations.get(entry.connectionId) ?? entry.organization,
      })
      return { items: items.map(named), broken: [...broken.values()].map(named), webhooks }
    },
  }
}

export type LiveFeedService = ReturnType<typeof createLiveFeed>
