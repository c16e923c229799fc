import { useState } from 'react'
import type { AppConfig, ConnectionView } from '../../shared/api'
import { api } from '../api'
import { StatusBadge } from '../components/StatusBadge'
import { useConnect } from '../connect/ConnectProvider'
import { formatDateTime } from '../format'

interface ConnectionsPageProps {
  config: AppConfig
  connections: ConnectionView[] | null
  onChanged: () => Promise<void>
  notice: { text: string; tone: 'ok' | 'error' } | null
  setNotice: (notice: { text: string; tone: 'ok' | 'error' } | null) => void
}

/** Connect a directory (in the page or in the hosted window), check, relink and revoke. */
export function ConnectionsPage({
  config,
  connections,
  onChanged,
  notice,
  setNotice,
}: ConnectionsPageProps) {
  const connect = useConnect()
  const [busy, setBusy] = useState<string | null>(null)
  const [confirming, setConfirming] = useState<string | null>(null)
  // Read and act lets the access review suspend users; the widget asks the admin to consent.
  const [permissions, setPermissions] = useState<ConnectionView['permissions']>('read')
  const directory = config.directoryName

  async function act(
    id: string,
    action: () => Promise<ConnectionView>,
    done: (c: ConnectionView) => string,
  ) {
    setBusy(id)
    try {
      const connection = await action()
      await onChanged()
      setNotice({ text: done(connection), tone: connection.status === 'broken' ? 'error' : 'ok' })
    } catch (error) {
      setNotice({ text: error instanceof Error ? error.message : String(error), tone: 'error' })
    } finally {
      setBusy(null)
      setConfirming(null)
    }
  }

  return (
    <>
      <h1>Connections</h1>
      <section className="card" aria-labelledby="connect-heading">
        <h2 id="connect-heading">Connect your {directory} organization</h2>
        <p>
          Clearview reads people, groups, SSO apps and devices from {directory} to prepare your
          access reviews. An administrator creates an API key or a service account; Clearview never
          sees it.
        </p>
        <p>
          <label>
            Access for Clearview{' '}
            <select
              value={permissions}
              onChange={(event) =>
                setPermissions(event.target.value as ConnectionView['permissions'])
              }
            >
              <option value="read">Read only</option>
              <option value="read_write">Read and act (suspend users)</option>
            </select>
          </label>
        </p>
        <div className="actions">
          <button
            type="button"
            className="button"
            onClick={() => connect({ mode: 'in-page', permissions })}
          >
            Connect {directory}
          </button>
          <button
            type="button"
            className="button secondary"
            onClick={() => connect({ mode: 'iframe', permissions })}
          >
            Connect in a secure window
          </button>
        </div>
      </section>

      <div role="status" className={notice ? `notice notice-${notice.tone}` : 'notice-empty'}>
        {notice?.text}
      </div>

      <section aria-labelledby="list-heading">
        <h2 id="list-heading">Your connections</h2>
        {connections === null ? (
          <p>Loading…</p>
        ) : connections.length === 0 ? (
          <p>No organization is connected yet.</p>
        ) : (
          <table className="table table-stacks" aria-labelledby="list-heading">
            <thead>
              <tr>
                <th scope="col">Organization</th>
                <th scope="col">Status</th>
                <th scope="col">Signs in with</th>
                <th scope="col">Access</th>
                <th scope="col">Connected</th>
                <th scope="col">Last checked</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {connections.map((connection) => (
                <tr key={connection.id} data-connection-id={connection.id}>
                  <th scope="row">{connection.organization}</th>
                  <td data-label="Status">
                    <StatusBadge status={connection.status} />
                    {connection.statusReason && (
                      <span className="reason">
                        {reasonText(connection.statusReason, directory)}
                      </span>
                    )}
                  </td>
                  <td data-label="Signs in with">
                    {connection.credentialKind === 'service_account'
                      ? 'Service account'
                      : 'API key'}
                  </td>
                  <td data-label="Access">
                    {connection.permissions === 'read_write' ? 'Read and act' : 'Read only'}
                  </td>
                  <td data-label="Connected">{formatDateTime(connection.createdAt)}</td>
                  <td data-label="Last checked">{formatDateTime(connection.lastCheckedAt)}</td>
                  <td data-label="Actions">
                    {connection.status !== 'revoked' && (
                      <div className="row-actions">
                        {connection.status === 'broken' && (
                          <button
                            type="button"
                            className="button small"
                            onClick={() =>
                              connect({ mode: 'in-page', connectionId: connection.id })
                            }
                          >
                            Relink {connection.organization}
                          </button>
                        )}
                        {connection.status === 'broken' && (
                          <button
                            type="button"
                            className="button small secondary"
                            onClick={() => connect({ mode: 'iframe', connectionId: connection.id })}
                          >
                            Relink {connection.organization} in a secure window
                          </button>
                        )}
                        <button
                          type="button"
                          className="button small secondary"
                          disabled={busy === connection.id}
                          onClick={() =>
                            act(
                              connection.id,
                              () => api.check(connection.id),
                              (c) =>
                                c.status === 'active'
                                  ? `${c.organization}: the key still works.`
                                  : `${c.organization}: the key no longer works. Relink it with a new key.`,
                            )
                          }
                        >
                          Check {connection.organization}
                        </button>
                        {confirming === connection.id ? (
                          <>
                            <button
                              type="button"
                              className="button small danger"
                              disabled={busy === connection.id}
                              onClick={() =>
                                act(
                                  connection.id,
                                  () => api.revoke(connection.id),
                                  (c) => `${c.organization} is disconnected; its key was erased.`,
                                )
                              }
                            >
                              Yes, revoke {connection.organization}
                            </button>
                            <button
                              type="button"
                              className="button small secondary"
                              onClick={() => setConfirming(null)}
                            >
                              Cancel
                            </button>
                          </>
                        ) : (
                          <button
                            type="button"
                            className="button small secondary"
                            onClick={() => setConfirming(connection.id)}
                          >
                            Revoke {connection.organization}
                          </button>
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  )
}

function reasonText(code: string, directory: string): string {
  switch (code) {
    case 'invalid_api_key':
      return `${directory} no longer accepts the key.`
    case 'invalid_client_credentials':
      return `${directory} no longer accepts the service account's secret.`
    case 'insufficient_permissions':
      return 'The key lost the rights Clearview needs.'
    case 'organization_not_accessible':
      return 'The key can no longer reach this organization.'
    default:
      return code.replaceAll('_', ' ')
  }
}
