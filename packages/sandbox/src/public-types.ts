import type { Hono } from 'hono'
import type { Organization, OrgSizes } from './data/organization.ts'
import type { DevicePlatform, JcSystem, SystemUser } from './data/types.ts'
import type { SandboxEnv } from './env.ts'
import type { Scenario } from './keys.ts'
import type { ServiceAccountCredentials, ServiceAccountScenario } from './service-accounts.ts'
import type { WriteRequest } from './writes/recorder.ts'

export interface SandboxOptions {
  /** Decides every generated value; the same seed and `now` give identical data. Default 1. */
  seed?: number
  /** The moment the data is "as of". Default: the start of the current UTC day. */
  now?: Date | string
  /** Data sizes per organization kind (`msp` applies to each of the three). */
  sizes?: { single?: Partial<OrgSizes>; msp?: Partial<OrgSizes>; large?: Partial<OrgSizes> }
  /** Delay of every answer to the slow key. Default 1500 ms. */
  slowLatencyMs?: number
  /**
   * Delay added to every JumpCloud call (`/api`, `/insights`), whatever the key, as a network
   * round trip would (benchmarks use 50 ms). Default 0. The admin endpoint is never delayed.
   */
  latencyMs?: number
  /** Share of the flaky key's calls that fail. Default 0.3. */
  flakyFailureRate?: number
  /** Of those failures, the share that drop the connection rather than answer 5xx. Default 0.5. */
  flakyDropShare?: number
  /** Budget of the rate-limited key. Default: 0 requests per 1 s window, so it always gets 429. */
  rateLimit?: { requestsPerWindow?: number; windowSeconds?: number }
  /** How often the churning key's organization changes on its own. Default 3000 ms. */
  churnEveryMs?: number
  /** How the slow key and `latencyMs` wait; tests inject a recorder. Default: setTimeout. */
  sleep?: (ms: number) => Promise<void>
  /** Seconds a service account's access token lives (`expires_in`). Default 3600. */
  tokenLifetimeSeconds?: number
  /** The time access tokens are issued and expire by, in ms. Default: Date.now. */
  clock?: () => number
}

export interface AddDeviceRequest {
  /** Default: the single organization. */
  organizationId?: string
  platform?: DevicePlatform
  ownerId?: string
  displayName?: string
}

export interface Sandbox {
  /** The Hono app; `app.fetch` and `app.request` serve it in-process. */
  app: Hono<SandboxEnv>
  /** The scenario keys as they are now (a rotated scenario key shows its new value). */
  keys: Record<Scenario, string>
  organizations: {
    single: Organization
    msp: Organization[]
    large: Organization
    /** Changes on its own once the churning key is first used (`churnEveryMs`). */
    churning: Organization
    /** The 150 organizations of the `mspMany` key. */
    mspMany: Organization[]
  }
  listOrganizations(): Organization[]
  /** Issues a new key for the same admin; the old one answers 401 from now on. */
  rotateKey(oldKey: string): string
  /** The key's admin is moved to a role that may not read the directory: 403 from now on. */
  revokeKeyPermissions(key: string): void
  /** The scenario service accounts as they are now (a rotated one shows its new secret). */
  serviceAccounts: Record<ServiceAccountScenario, ServiceAccountCredentials>
  /** A new client secret; the old one and the tokens it bought answer 401 from now on. */
  rotateClientSecret(clientId: string): string
  /** Ends the client's live access tokens now; returns how many there were. */
  expireAccessTokens(clientId: string): number
  /** Token requests the client has made (answered or refused). */
  tokenRequests(clientId: string): number
  tokenRequestCounts(): Record<string, number>
  suspendUser(userId: string, organizationId?: string): SystemUser
  addDevice(request?: AddDeviceRequest): JcSystem
  /** Every write (POST, PUT, PATCH, DELETE) that reached the JumpCloud paths, in order. */
  writeRequests(): readonly WriteRequest[]
  resetWriteRequests(): void
}
