import { JumpLinkError } from '@jumplink/shared'
import type { ProxyRequest } from '../provider'
import type { JumpcloudHttp, JumpcloudSession } from './http'

/** The parts of JumpCloud a proxied call may reach: v1, v2 and Directory Insights. */
const API_PREFIXES = ['/api/', '/insights/directory/']

/**
 * One proxied call with the stored key and `x-org-id` injected. The route has already checked
 * method, permission and the shape of the path; here the path must sit under JumpCloud's API.
 */
export function proxyRequest(
  http: JumpcloudHttp,
  session: JumpcloudSession,
  request: ProxyRequest,
): Promise<Response> {
  if (!API_PREFIXES.some((prefix) => request.path.startsWith(prefix))) {
    throw new JumpLinkError('invalid_request', {
      message: 'The proxy reaches /api/… and /insights/directory/… of the directory only.',
    })
  }
  return http.passThrough(session, {
    method: request.method,
    pathAndSearch: `${request.path}${request.search}`,
    headers: request.headers,
    body: request.body,
  })
}
