import { createMiddleware } from 'hono/factory'
import type { Account, KeyRegistry } from './accounts.ts'
import type { Organization } from './data/organization.ts'
import { ApiError, DroppedConnection, familyOf, type SandboxEnv } from './env.ts'
import * as errors from './errors.ts'
import type { Random } from './random.ts'
import type { ServiceAccountRegistry } from './service-accounts.ts'

export interface BehaviourSettings {
  slowLatencyMs: number
  flakyFailureRate: number
  /** Of the flaky failures, the share that drop the connection instead of answering 5xx. */
  flakyDropShare: number
  rateLimit: { requestsPerWindow: number; windowSeconds: number }
  sleep: (ms: number) => Promise<void>
  random: Random
  clock: () => number
}

const OBJECT_ID = /^[0-9a-f]{24}$/

/**
 * `x-api-key` (or a service account's `Authorization: Bearer` token) -> account, the key's
 * deliberate misbehaviour, then `x-org-id` -> organization.
 */
export function jumpcloudAuth(
  registry: KeyRegistry,
  settings: BehaviourSettings,
  serviceAccounts?: ServiceAccountRegistry,
) {
  const windows = new WeakMap<Account, { start: number; count: number }>()

  const misbehave = async (account: Account, c: { env: SandboxEnv['Bindings'] | undefined }) => {
    switch (account.behaviour) {
      case 'forbidden':
        throw new ApiError(errors.forbidden())
      case 'rateLimited': {
        const { requestsPerWindow, windowSeconds } = settings.rateLimit
        const now = settings.clock()
        let window = windows.get(account)
        if (!window || now - window.start >= windowSeconds * 1000) {
          window = { start: now, count: 0 }
          windows.set(account, window)
        }
        window.count++
        if (window.count > requestsPerWindow) {
          const retryAfter = Math.max(
            1,
            Math.ceil((window.start + windowSeconds * 1000 - now) / 1000),
          )
          throw new ApiError({
            ...errors.rateLimited(),
            headers: { 'Retry-After': String(retryAfter) },
          })
        }
        return
      }
      case 'slow':
        await settings.sleep(settings.slowLatencyMs)
        return
      case 'flaky': {
        if (settings.random.next() >= settings.flakyFailureRate) return
        if (settings.random.next() < settings.flakyDropShare) {
          c.env?.incoming?.socket.destroy()
          throw new DroppedConnection('connection dropped by the flaky scenario')
        }
        throw new ApiError(errors.serverError(settings.random.pick([500, 502, 503, 504] as const)))
      }
      case 'normal':
        return
    }
  }

  return createMiddleware<SandboxEnv>(async (c, next) => {
    const family = familyOf(c.req.path)
    c.set('family', family)
    const key = c.req.header('x-api-key')
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
    // A key, when sent, decides; otherwise a service account's access token.
    const account =
      key === undefined && bearer !== undefined
        ? serviceAccounts?.authenticate(bearer)
        : registry.find(key ?? '')
    if (!account) {
      throw new ApiError(
        key === undefined && bearer !== undefined ? errors.invalidToken() : errors.unknownKey(),
      )
    }
    c.set('account', account)
    await misbehave(account, c)
    c.set('organizations', selectOrganizations(account, c.req.header('x-org-id'), c.req.path))
    await next()
  })
}

/**
 * The `x-org-id` rules (jumpcloud-api.md §1, §11, §12): optional on `/api/organizations`,
 * required for multi-tenant keys elsewhere, several allowed only on Directory Insights.
 */
export function selectOrganizations(
  account: Account,
  header: string | undefined,
  path: string,
): Organization[] {
  const family = familyOf(path)
  const ids = (header ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const listingOrganizations = /^\/api\/organizations(\/|$)/.test(path)
  if (ids.length === 0) {
    if (listingOrganizations || !account.multiTenant) return account.organizations
    throw new ApiError(errors.noOrganizationSelected(family))
  }
  if (ids.length > 1 && family !== 'directory-insights') throw new ApiError(errors.malformedOrgId())
  const selected: Organization[] = []
  for (const id of ids) {
    if (!OBJECT_ID.test(id)) throw new ApiError(errors.malformedOrgId())
    const organization = account.organizations.find((o) => o.id === id)
    if (!organization) throw new ApiError(errors.organizationNotFound())
    selected.push(organization)
  }
  return selected
}
