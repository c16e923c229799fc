import { useState } from 'react'
import type { AppConfig, ConnectionView, ReviewPerson } from '../../shared/api'
import { api } from '../api'
import { LoadError } from '../components/LoadError'
import { NoConnection } from '../components/NoConnection'
import { formatDate, triState } from '../format'
import { useLoad } from '../use-load'

const STATUS: Record<ReviewPerson['status'], string> = {
  active: 'Active',
  inactive: 'Suspended',
  invited: 'Invited',
}

/**
 * Who has access to what: every person with status, MFA, groups, last login and SSO apps. The
 * people come first; their groups, last login and apps fill in when read (on a slow directory,
 * seconds later), and a failure there leaves the people on the page.
 */
export function AccessReviewPage({
  config,
  connection,
}: {
  config: AppConfig
  connection: ConnectionView | null
}) {
  const review = useLoad(connection?.id ?? null, api.accessReviewPeople)
  const activity = useLoad(connection?.id ?? null, api.accessReviewActivity)
  const known = activity?.state === 'done' ? activity.data : null
  const pending = !activity || activity.state === 'loading' ? 'Reading…' : '—'
  const [query, setQuery] = useState('')
  // Statuses changed here, shown at once without reading the whole directory again.
  const [changed, setChanged] = useState<Record<string, ReviewPerson['status']>>({})
  const [actionError, setActionError] = useState<string | null>(null)
  const canAct = connection?.permissions === 'read_write'

  async function suspend(user: ReviewPerson) {
    if (!connection) return
    if (!window.confirm(`Suspend ${user.name}? They will not be able to sign in.`)) return
    setActionError(null)
    try {
      const result = await api.suspendUser(connection.id, user.id)
      setChanged((current) => ({ ...current, [user.id]: result.status }))
    } catch (error) {
      setActionError((error as Error).message)
    }
  }

  if (!connection) {
    return (
      <>
        <h1>Access review</h1>
        <NoConnection directoryName={config.directoryName} />
      </>
    )
  }
  const needle = query.trim().toLowerCase()
  return (
    <>
      <h1>Access review: {connection.organization}</h1>
      {review?.state === 'error' && <LoadError error={review.error} />}
      {(!review || review.state === 'loading') && <p role="status">Reading the directory…</p>}
      {review?.state === 'done' && (
        <>
          <ul className="stats" aria-label="Summary">
            <li>
              <strong>{review.data.summary.users}</strong> people
            </li>
            <li>
              <strong>{review.data.summary.withoutMfa}</strong> active without MFA
            </li>
            <li>
              <strong>
                {known
                  ? review.data.people.filter(
                      (u) => u.status !== 'active' && (known.apps[u.id]?.length ?? 0) > 0,
                    ).length
                  : '…'}
              </strong>{' '}
              inactive with app access
            </li>
          </ul>
          {(!activity || activity.state === 'loading') && (
            <p role="status">Reading groups, last logins and SSO apps…</p>
          )}
          {activity?.state === 'error' && (
            <p role="alert">
              Groups, last logins and SSO apps could not be read:{' '}
              {activity.error instanceof Error ? activity.error.message : String(activity.error)}
            </p>
          )}
          {actionError && <p role="alert">{actionError}</p>}
          <label className="search">
            Search people{' '}
            <input type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
          </label>
          {/* Scrolls sideways on a narrow screen (Chromium lets the keyboard scroll it). */}
          <div className="table-scroll">
            <table className="table" aria-label="People and their access">
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Status</th>
                  <th scope="col">MFA</th>
                  <th scope="col">Groups</th>
                  <th scope="col">Last login</th>
                  <th scope="col">SSO apps</th>
                  {canAct && <th scope="col">Action</th>}
                </tr>
              </thead>
              <tbody>
                {review.data.people
                  .filter(
                    (user) =>
                      !needle ||
                      user.name.toLowerCase().includes(needle) ||
                      (user.email ?? '').toLowerCase().includes(needle),
                  )
                  .map((user) => (
                    <tr key={user.id}>
                      <th scope="row">
                        {user.name}
                        {user.email && <span className="sub">{user.email}</span>}
                      </th>
                      <td>
                        <span className={`pill pill-${changed[user.id] ?? user.status}`}>
                          {STATUS[changed[user.id] ?? user.status]}
                        </span>
                      </td>
                      <td>
                        <span className={user.mfa === false ? 'pill pill-warn' : 'pill'}>
                          {triState(user.mfa, 'On', 'Off')}
                        </span>
                      </td>
                      <td>{known ? known.groups[user.id]?.join(', ') || 'None' : pending}</td>
                      <td>{known ? formatDate(known.lastLoginAt[user.id] ?? null) : pending}</td>
                      <td>{known ? known.apps[user.id]?.join(', ') || 'None' : pending}</td>
                      {canAct && (
                        <td>
                          {(changed[user.id] ?? user.status) === 'active' && (
                            <button
                              type="button"
                              aria-label={`Suspend ${user.name}`}
                              onClick={() => void suspend(user)}
                            >
                              Suspend
                            </button>
                          )}
                        </td>
                      )}
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  )
}
