import type { HttpBindings } from '@hono/node-server'
import type { Account } from './accounts.ts'
import type { Organization } from './data/organization.ts'
import type { ApiFamily, ErrorResponse } from './errors.ts'

/** Typed once for every route: the caller's account, its organization(s), the API family. */
export type SandboxEnv = {
  Bindings: Partial<HttpBindings>
  Variables: {
    family: ApiFamily
    account: Account
    /** The organization the request is about (Directory Insights may name several). */
    organizations: Organization[]
  }
}

/** Thrown by routes and middleware; the app's error handler writes it as JumpCloud would. */
export class ApiError extends Error {
  constructor(readonly response: ErrorResponse) {
    super(String(response.body.message ?? response.status))
  }
}

/** Thrown to make the connection drop without a response (the flaky key). */
export class DroppedConnection extends Error {}

/** The API family a path belongs to decides its paging rules and error body style. */
export function familyOf(path: string): ApiFamily {
  if (path.startsWith('/insights/directory/')) return 'directory-insights'
  if (path.startsWith('/api/v2/systeminsights/')) return 'insights'
  if (path.startsWith('/api/v2/')) return 'v2'
  return 'v1'
}
