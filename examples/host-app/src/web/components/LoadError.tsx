import { ApiError } from '../api'
import { navigate } from '../router'

/** A review that could not load; a broken connection is fixed from the connections page. */
export function LoadError({ error }: { error: unknown }) {
  const message = error instanceof Error ? error.message : String(error)
  const broken = error instanceof ApiError && (error.status === 409 || error.code !== undefined)
  return (
    <div className="empty" role="alert">
      <p>The directory could not be read: {message}</p>
      {broken && (
        <a
          className="button"
          href="/connections"
          onClick={(event) => {
            event.preventDefault()
            navigate('/connections')
          }}
        >
          Check the connection
        </a>
      )}
    </div>
  )
}
