import type { ConnectionStatus } from '../../shared/api'

const LABELS: Record<ConnectionStatus, string> = {
  active: 'Active',
  broken: 'Needs attention',
  revoked: 'Revoked',
}

export function StatusBadge({ status }: { status: ConnectionStatus }) {
  return <span className={`badge badge-${status}`}>{LABELS[status]}</span>
}
