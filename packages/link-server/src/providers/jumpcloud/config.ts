import type { Region } from '@jumplink/shared'

/** JumpCloud as data: hosts, headers, paths (../shared/docs/jumpcloud-api.md §1, §2). */
export const JUMPCLOUD = {
  hosts: {
    us: 'https://console.jumpcloud.com',
    eu: 'https://console.eu.jumpcloud.com',
    in: 'https://console.in.jumpcloud.com',
  } satisfies Record<Region, string>,
  /** Directory Insights lives on its own host per region (jumpcloud-api.md §1). */
  insightsHosts: {
    us: 'https://api.jumpcloud.com',
    eu: 'https://api.eu.jumpcloud.com',
    in: 'https://api.in.jumpcloud.com',
  } satisfies Record<Region, string>,
  /**
   * Service accounts' OAuth token hosts (jumpcloud-api.md, service accounts). US and EU are
   * documented; India is inferred from how every other India host is named (not documented).
   */
  tokenHosts: {
    us: 'https://admin-oauth.id.jumpcloud.com',
    eu: 'https://admin-oauth.id.eu.jumpcloud.com',
    in: 'https://admin-oauth.id.in.jumpcloud.com',
  } satisfies Record<Region, string>,
  tokenPath: '/oauth2/token',
  /** Access tokens are refreshed this long before `expires_in` runs out, at most. */
  tokenRefreshMarginMs: 60_000,
  apiKeyHeader: 'x-api-key',
  orgIdHeader: 'x-org-id',
  organizationsPath: '/api/organizations',
  /** v1 and v2 cap `limit` at 100. */
  pageSize: 100,
  /** System Insights allows 10,000 per page; 1,000 keeps each answer small. */
  insightsPageSize: 1000,
  /** Ids per search body (`{"or": [{"_id": …}]}`) or `system_id:in:` filter: a page's worth. */
  idsPerFilter: 100,
  eventsPath: '/insights/directory/v1/events',
  /** New keys (`jca_` + 36) and legacy 40-character keys, unanchored for log redaction. */
  keyPatterns: [/jca_[A-Za-z0-9]{36}/g, /\b[A-Za-z0-9]{40}\b/g],
  /** Access tokens as Ory-based OAuth servers issue them (the sandbox's look the same). */
  accessTokenPatterns: [/ory_at_[A-Za-z0-9_.-]+/g],
} as const
