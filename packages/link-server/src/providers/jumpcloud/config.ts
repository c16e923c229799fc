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
  apiKeyHeader: 'x-api-key',
  orgIdHeader: 'x-org-id',
  organizationsPath: '/api/organizations',
  /** v1 and v2 cap `limit` at 100. */
  pageSize: 100,
  /** System Insights allows 10,000 per page; 1,000 keeps each answer small. */
  insightsPageSize: 1000,
  /** Ids per `_id:$in:` or `system_id:in:` filter, so that a URL stays a few kilobytes. */
  idsPerFilter: 100,
  eventsPath: '/insights/directory/v1/events',
  /** New keys (`jca_` + 36) and legacy 40-character keys, unanchored for log redaction. */
  keyPatterns: [/jca_[A-Za-z0-9]{36}/g, /\b[A-Za-z0-9]{40}\b/g],
} as const
