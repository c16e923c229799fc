import { JumpLinkError, type Region } from '@jumplink/shared'
import { endpointTemplate, type MetricsRecorder, NO_METRICS } from '../../metrics/recorder'
import { type DirectoryCredential, rejectionCode } from '../credential'
import type { DirectoryOrganization, FetchLike } from '../provider'
import { JUMPCLOUD } from './config'
import {
  type Authorization,
  type CredentialAuthorizer,
  createCredentialAuthorizer,
} from './credentials'
import { mapFetchFailure, mapUpstreamStatus, unreadableBody } from './errors'
import type { UpstreamFailure } from './http'
import { needsSettingsName, organizationName } from './mappers/organization'
import type { OrganizationRecord } from './records'

export interface JumpcloudClientOptions {
  fetch?: FetchLike
  baseUrl?: string
  timeoutMs?: number
  metrics?: MetricsRecorder
  /** Told of every failed call (method, path without query values, status), never the key. */
  onUpstreamFailure?: (failure: UpstreamFailure) => void
  authorizer?: CredentialAuthorizer
}

/** The credential being checked and the headers bought for it, once per check. */
interface Caller {
  credential: DirectoryCredential
  authorization: Authorization
}

interface OrganizationsList {
  totalCount?: number
  results?: OrganizationRecord[]
}

/** More pages than this means something is wrong upstream: 100,000 organizations. */
const MAX_ORGANIZATION_PAGES = 1000
/** Organizations listed without a name are looked up this many at a time. */
const NAME_LOOKUPS_AT_ONCE = 4

/**
 * The link flow's calls, before a connection exists: `GET /api/organizations` (every page, as
 * an MSP key can reach hundreds), and `GET /api/organizations/{id}` for an organization listed
 * with `displayName: null`, whose name is in `settings.name` (jumpcloud-api.md §2).
 */
export function createJumpcloudClient(options: JumpcloudClientOptions = {}) {
  const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init))
  const timeoutMs = options.timeoutMs ?? 10_000
  const metrics = options.metrics ?? NO_METRICS
  const authorizer =
    options.authorizer ??
    createCredentialAuthorizer({
      fetch: doFetch,
      baseUrl: options.baseUrl,
      timeoutMs,
      now: Date.now,
    })

  async function getJson<T>(
    caller: Caller,
    region: Region,
    path: string,
    search: string,
    context: 'list' | 'organization',
    orgId?: string,
  ): Promise<T> {
    const base = options.baseUrl ?? JUMPCLOUD.hosts[region]
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...caller.authorization.headers,
    }
    if (orgId !== undefined) headers[JUMPCLOUD.orgIdHeader] = orgId
    const report = (status: number | null, error: JumpLinkError) =>
      options.onUpstreamFailure?.({ method: 'GET', path, status, code: error.code, attempts: 1 })
    let response: Response
    const signal = AbortSignal.timeout(timeoutMs)
    const started = performance.now()
    const record = (outcome: string) =>
      metrics.upstreamCall({
        provider: 'jumpcloud',
        endpoint: endpointTemplate(path),
        outcome,
        seconds: (performance.now() - started) / 1000,
      })
    try {
      // Raced as well as signalled: an injected fetch may not honour the signal.
      response = await Promise.race([
        // Never follow a redirect: it would resend the key to wherever the answer points.
        doFetch(`${base}${path}${search}`, { method: 'GET', headers, signal, redirect: 'manual' }),
        new Promise<never>((_, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason), { once: true })
        }),
      ])
      record(String(response.status))
    } catch (error) {
      const failure = mapFetchFailure(error)
      record(failure.code === 'provider_timeout' ? 'timeout' : 'network')
      report(null, failure)
      throw failure
    }
    if (!response.ok) {
      // Drain the body so the connection is reused; its content is not needed.
      await response.body?.cancel().catch(() => {})
      const failure =
        response.status === 401
          ? new JumpLinkError(rejectionCode(caller.credential))
          : mapUpstreamStatus(response.status, response.headers, context)
      report(response.status, failure)
      throw failure
    }
    try {
      return (await response.json()) as T
    } catch (error) {
      const failure = unreadableBody(error)
      report(response.status, failure)
      throw failure
    }
  }

  /** Every page of `GET /api/organizations`, until `totalCount` or a short page. */
  async function listAll(
    caller: Caller,
    region: Region,
    orgId: string | undefined,
  ): Promise<OrganizationRecord[]> {
    const records: OrganizationRecord[] = []
    for (let page = 0; page < MAX_ORGANIZATION_PAGES; page++) {
      const skip = page * JUMPCLOUD.pageSize
      const body = await getJson<OrganizationsList>(
        caller,
        region,
        JUMPCLOUD.organizationsPath,
        `?limit=${JUMPCLOUD.pageSize}&skip=${skip}`,
        orgId ? 'organization' : 'list',
        orgId,
      )
      if (!Array.isArray(body.results)) {
        throw new JumpLinkError('provider_unavailable', {
          message: 'The directory answered with an unexpected body.',
        })
      }
      records.push(...body.results)
      const total = typeof body.totalCount === 'number' ? body.totalCount : undefined
      if (body.results.length < JUMPCLOUD.pageSize) return records
      if (total !== undefined && records.length >= total) return records
    }
    return records
  }

  /** The full record, for its `settings.name`; a failed look-up keeps the fallback name. */
  async function withSettingsName(
    caller: Caller,
    region: Region,
    record: OrganizationRecord,
    id: string,
    orgId: string | undefined,
  ): Promise<OrganizationRecord> {
    try {
      const details = await getJson<OrganizationRecord>(
        caller,
        region,
        `${JUMPCLOUD.organizationsPath}/${encodeURIComponent(id)}`,
        '',
        'organization',
        // When verifying, the same id as the path's, as JumpCloud requires (jumpcloud-api.md §11).
        orgId,
      )
      return { ...record, settings: details?.settings ?? null }
    } catch {
      return record
    }
  }

  /**
   * The credential checked by listing its organizations. A service account buys one access
   * token for the whole check (no connection exists yet to cache it under).
   */
  async function getOrganizations(
    credential: DirectoryCredential,
    region: Region,
    orgId?: string,
  ): Promise<DirectoryOrganization[]> {
    const caller: Caller = {
      credential,
      authorization: await authorizer.authorize(credential, region),
    }
    const records = (await listAll(caller, region, orgId)).flatMap((org) => {
      const id = org._id ?? org.id
      return typeof id === 'string' && id !== '' ? [{ id, org }] : []
    })
    const named: DirectoryOrganization[] = new Array(records.length)
    for (let i = 0; i < records.length; i += NAME_LOOKUPS_AT_ONCE) {
      const batch = records.slice(i, i + NAME_LOOKUPS_AT_ONCE)
      const resolved = await Promise.all(
        batch.map(({ id, org }) =>
          needsSettingsName(org) ? withSettingsName(caller, region, org, id, orgId) : org,
        ),
      )
      resolved.forEach((org, j) => {
        const entry = batch[j]
        if (entry)
          named[i + j] = { id: entry.id, name: organizationName({ ...org, _id: entry.id }) }
      })
    }
    return named
  }

  return { getOrganizations }
}
