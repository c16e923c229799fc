/**
 * Fixed scenario keys, in JumpCloud's format (`jca_` + 36 letters and digits), so READMEs and
 * tests can list them. Each one selects an organization or a behaviour; see README.md.
 */
export const SCENARIO_KEYS = {
  /** One organization with the default data set. */
  single: 'jca_SandboxSingleOrg00000000000000000001',
  /** A multi-tenant (MSP) admin that manages three organizations; needs `x-org-id`. */
  msp: 'jca_SandboxMspThreeOrgs00000000000000001',
  /** An MSP admin of 150 organizations: more than one page of `GET /api/organizations`. */
  mspMany: 'jca_SandboxMsp150Orgs0000000000000000001',
  /** One organization with at least 10,000 users and 5,000 devices, for benchmarks. */
  large: 'jca_SandboxLargeOrg000000000000000000001',
  /** Well-formed but unknown: every call answers 401. */
  invalid: 'jca_SandboxInvalidKey0000000000000000001',
  /** A known admin whose role may not read the directory: every call answers 403. */
  forbidden: 'jca_SandboxForbidden00000000000000000001',
  /** Answers 429 with `Retry-After` once its request budget for the window is spent. */
  rateLimited: 'jca_SandboxRateLimited000000000000000001',
  /** The single organization's data, answered after a configurable delay. */
  slow: 'jca_SandboxSlow0000000000000000000000001',
  /** The single organization's data; a share of calls fail with 5xx or a dropped connection. */
  flaky: 'jca_SandboxFlaky000000000000000000000001',
  /** A small organization that changes on its own every few seconds (change-feed demos). */
  churning: 'jca_SandboxChurning000000000000000000001',
} as const

export type Scenario = keyof typeof SCENARIO_KEYS

/** What each scenario key does, in a few words: for the CLI, the root page and the demo. */
export const SCENARIO_DESCRIPTIONS: Record<Scenario, string> = {
  single: 'one organization (Acme Corp)',
  msp: 'MSP admin of three organizations; send x-org-id',
  mspMany: 'MSP admin of 150 organizations (two pages of /api/organizations); send x-org-id',
  large: '10,000 users and 5,000 devices (Hooli), for benchmarks',
  invalid: 'unknown key: 401',
  forbidden: 'role without permission: 403',
  rateLimited: '429 with Retry-After',
  slow: 'Acme Corp after a delay',
  flaky: 'Acme Corp with some 5xx and dropped connections',
  churning: 'Vandelay Industries, changing on its own every few seconds',
}

/** The key format JumpCloud issues today, plus the 40-character legacy keys (jumpcloud-api.md §1). */
export const API_KEY_PATTERN = /^(jca_[A-Za-z0-9]{36}|[A-Za-z0-9]{40})$/
