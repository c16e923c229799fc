// The live feed page's view of change events: what changed, in words, and what it means for
// access (a suspended person who still has apps).

export interface FeedItem {
  /** The event id (`evt_…`): a webhook and the pull feed may both bring it; it is shown once. */
  id: string
  type: string
  connectionId: string
  organization: string
  occurredAt: string
  /** One line, e.g. "Ada Lovelace was suspended". */
  title: string
  /** The user or device the event is about, when it names one. */
  subject: { id: string; name: string; email: string | null } | null
  /** For a suspended or deleted person: the SSO apps still assigned to them. */
  stillHas: string[] | null
  /** Changed fields, "field: from → to". */
  changes: string[]
  /** How it reached this app. */
  via: 'webhook' | 'pull'
}

export interface LiveFeed {
  items: FeedItem[]
  /** Connections a `connection.broken` event said need a relink (until they work again). */
  broken: { connectionId: string; organization: string; reason: string; at: string }[]
  /** Whether signed webhooks reach this app (else it reads the pull feed). */
  webhooks: 'receiving' | 'not registered'
}
