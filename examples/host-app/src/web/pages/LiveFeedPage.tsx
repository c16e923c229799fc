import { useEffect, useState } from 'react'
import type { FeedItem, LiveFeed } from '../../shared/feed'
import { api } from '../api'
import { LoadError } from '../components/LoadError'
import { formatDateTime } from '../format'
import { navigate } from '../router'

const EVERY_MS = 2000

/** The feed, read again every two seconds while the page is open. */
function useLiveFeed(): { feed: LiveFeed | null; error: unknown } {
  const [feed, setFeed] = useState<LiveFeed | null>(null)
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    let live = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const load = async () => {
      try {
        const next = await api.feed()
        if (!live) return
        setFeed(next)
        setError(null)
      } catch (failure) {
        if (live) setError(failure)
      }
      if (live) timer = setTimeout(load, EVERY_MS)
    }
    void load()
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [])
  return { feed, error }
}

function Finding({ item }: { item: FeedItem }) {
  if (!item.stillHas) return null
  if (item.stillHas.length === 0) return <p className="finding-ok">No SSO apps left assigned.</p>
  return (
    <p className="finding">
      <strong>Still has access to {item.stillHas.join(', ')}</strong>: remove it in each app.
    </p>
  )
}

/** What changed in the connected directories, as it happens: suspensions first in mind. */
export function LiveFeedPage({ directoryName }: { directoryName: string }) {
  const { feed, error } = useLiveFeed()
  return (
    <>
      <h1>Live changes</h1>
      <p className="lede">
        People suspended or removed in {directoryName}, group and app changes, device posture: as
        JumpLink detects them{feed?.webhooks === 'receiving' ? ' (signed webhooks)' : ''}.
      </p>
      {error !== null && <LoadError error={error} />}
      {feed?.broken.map((b) => (
        <div className="notice notice-error" role="alert" key={b.connectionId}>
          The connection to {b.organization} stopped working ({b.reason}).{' '}
          <a
            href="/connections"
            onClick={(event) => {
              event.preventDefault()
              navigate('/connections')
            }}
          >
            Relink it
          </a>
        </div>
      ))}
      {!feed && error === null && <p role="status">Reading the feed…</p>}
      {feed && feed.items.length === 0 && <p>No changes yet.</p>}
      {feed && feed.items.length > 0 && (
        <ol className="feed" aria-label="Changes">
          {feed.items.map((item) => (
            <li
              key={item.id}
              data-event-type={item.type}
              className={`feed-item ${item.type.replace('.', '-')}`}
            >
              <p className="feed-title">
                <strong>{item.title}</strong>
                {item.subject?.email ? ` (${item.subject.email})` : ''}
              </p>
              <p className="feed-meta">
                {item.organization} · {formatDateTime(item.occurredAt)} · {item.type} · by{' '}
                {item.via}
              </p>
              <Finding item={item} />
              {item.changes.length > 0 && (
                <ul className="feed-changes">
                  {item.changes.map((change) => (
                    <li key={change}>{change}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  )
}
