import type {
  AccessReview,
  AccessReviewPeople,
  ApiErrorBody,
  AppConfig,
  ConnectionView,
  DevicePosture,
  ReviewActivity,
} from '../shared/api'
import type { LiveFeed } from '../shared/feed'

/** An error of the host app's own API, with the link server's catalog code when it had one. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message)
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const json = (await response.json().catch(() => null)) as T | ApiErrorBody | null
  if (!response.ok) {
    const error = (json as ApiErrorBody | null)?.error
    throw new ApiError(
      error?.message ?? `Request failed (${response.status})`,
      response.status,
      error?.code,
    )
  }
  return json as T
}

/**
 * A read of the directory, tried once more when it fails for a reason that may pass (a flaky
 * directory, a dropped connection, a busy link server) before the page shows the error. A
 * refusal (401, 404, 409: revoked or broken) is shown at once.
 */
async function read<T>(path: string): Promise<T> {
  try {
    return await request<T>('GET', path)
  } catch (error) {
    const lasting =
      error instanceof ApiError &&
      error.status < 500 &&
      error.status !== 408 &&
      error.status !== 429
    if (lasting) throw error
    return request<T>('GET', path)
  }
}

export const api = {
  config: () => request<AppConfig>('GET', '/api/config'),
  linkToken: async (connectionId?: string, permissions?: ConnectionView['permissions']) =>
    (
      await request<{ link_token: string }>('POST', '/api/link-token', {
        ...(connectionId ? { connection_id: connectionId } : {}),
        ...(permissions ? { permissions } : {}),
      })
    ).link_token,
  exchange: (publicToken: string) =>
    request<ConnectionView>('POST', '/api/exchange', { public_token: publicToken }),
  connections: () => request<ConnectionView[]>('GET', '/api/connections'),
  check: (id: string) => request<ConnectionView>('POST', `/api/connections/${id}/check`),
  revoke: (id: string) => request<ConnectionView>('DELETE', `/api/connections/${id}`),
  accessReview: (id: string) => read<AccessReview>(`/api/connections/${id}/access-review`),
  accessReviewPeople: (id: string) =>
    read<AccessReviewPeople>(`/api/connections/${id}/access-review/people`),
  accessReviewActivity: (id: string) =>
    read<ReviewActivity>(`/api/connections/${id}/access-review/activity`),
  suspendUser: (connectionId: string, userId: string) =>
    request<{ id: string; status: 'active' | 'inactive' | 'invited' }>(
      'POST',
      `/api/connections/${connectionId}/users/${encodeURIComponent(userId)}/suspend`,
    ),
  devices: (id: string) => read<DevicePosture>(`/api/connections/${id}/devices`),
  feed: () => request<LiveFeed>('GET', '/api/feed'),
}
