import type { Region } from '@jumplink/shared'

/** JumpCloud as data: hosts, headers, paths (../shared/docs/jumpcloud-api.md §1, §2). */
export const JUMPCLOUD = {
  hosts: {
    us: 'https://console.jumpcloud.com',
    eu: 'https://console.eu.jumpcloud.com',
    in: 'https://console.in.jumpcloud.com',
  } satisfies Record<Region, string>,
  apiKeyHeader: 'x-api-key',
  orgIdHeader: 'x-org-id',
  organizationsPath: '/api/organizations',
  /** v1 caps `limit` at 100. */
  pageSize: 100,
  /** New keys (`jca_` + 36) and legacy 40-character keys, unanchored for log redaction. */
  keyPatterns: [/jca_[A-Za-z0-9]{36}/g, /\b[A-Za-z0-9]{40}\b/g],
} as const
