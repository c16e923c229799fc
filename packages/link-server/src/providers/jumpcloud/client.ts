import { JumpLinkError, type Region } from '@jumplink/shared'
import type { DirectoryOrganization, FetchLike } from '../provider'
import { JUMPCLOUD } from './config'
import { mapFetchFailure, mapUpstreamStatus } from './errors'

export interface JumpcloudClientOptions {
  fetch?: FetchLike
  baseUrl?: string
  timeoutMs?: number
}

interface OrganizationsList {
  totalCount?: number
  results?: { _id?: string; id?: string; displayName?: string | null }[]
}

/** The one module that knows JumpCloud's paths and statuses. */
export function createJumpcloudClient(options: JumpcloudClientOptions = {}) {
  const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init))
  const timeoutMs = options.timeoutMs ?? 10_000

  async function getOrganizations(
    apiKey: string,
    region: Region,
    orgId?: string,
  ): Promise<DirectoryOrganization[]> {
    const base = options.baseUrl ?? JUMPCLOUD.hosts[region]
    const url = `${base}${JUMPCLOUD.organizationsPath}?limit=${JUMPCLOUD.pageSize}`
    const headers: Record<string, string> = {
      accept: 'application/json',
      [JUMPCLOUD.apiKeyHeader]: apiKey,
    }
    if (orgId !== undefined) headers[JUMPCLOUD.orgIdHeader] = orgId
    let response: Response
    const signal = AbortSignal.timeout(timeoutMs)
    try {
      // Raced as well as signalled: an injected fetch may not honour the signal.
      response = await Promise.race([
        doFetch(url, { method: 'GET', headers, signal }),
        new Promise<never>((_, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason), { once: true })
        }),
      ])
    } catch (error) {
      throw mapFetchFailure(error)
    }
    if (!response.ok) {
      // Drain the body so the connection is reused; its content is not needed.
      await response.body?.cancel().catch(() => {})
      throw mapUpstreamStatus(response.status, response.headers, orgId ? 'organization' : 'list')
    }
    let body: OrganizationsList
    try {
      body = (await response.json()) as OrganizationsList
    } catch (error) {
      throw mapFetchFailure(error)
    }
    if (!Array.isArray(body.results)) {
      throw new JumpLinkError('provider_unavailable', {
        message: 'The directory answered with an unexpected body.',
      })
    }
    return body.results.flatMap((org) => {
      const id = org._id ?? org.id
      return typeof id === 'string' ? [{ id, name: org.displayName ?? null }] : []
    })
  }

  return { getOrganizations }
}
