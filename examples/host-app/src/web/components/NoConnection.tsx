import { navigate } from '../router'

/** What a review page shows before any directory is connected. */
export function NoConnection({ directoryName }: { directoryName: string }) {
  return (
    <div className="empty">
      <p>
        Connect your {directoryName} organization first: Clearview reads it to build the review.
      </p>
      <a
        className="button"
        href="/connections"
        onClick={(event) => {
          event.preventDefault()
          navigate('/connections')
        }}
      >
        Go to connections
      </a>
    </div>
  )
}
