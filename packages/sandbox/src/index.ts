export type { Account, Behaviour } from './accounts.ts'
export type { Organization, OrgSizes } from './data/organization.ts'
export type {
  AdminUser,
  Application,
  DevicePlatform,
  DirectoryEvent,
  InsightRow,
  InsightTable,
  JcSystem,
  OrganizationRecord,
  SystemGroup,
  SystemUser,
  UserGroup,
} from './data/types.ts'
export {
  API_KEY_PATTERN,
  SCENARIO_DESCRIPTIONS,
  SCENARIO_KEYS,
  type Scenario,
} from './keys.ts'
export type { AddDeviceRequest, Sandbox, SandboxOptions } from './public-types.ts'
export { createSandbox, DEFAULT_SIZES } from './sandbox.ts'
export { type RunningSandbox, type StartOptions, startSandbox } from './server.ts'
export {
  DEFAULT_TOKEN_LIFETIME_SECONDS,
  SCENARIO_SERVICE_ACCOUNTS,
  type ServiceAccountCredentials,
  type ServiceAccountScenario,
} from './service-accounts.ts'
export type { WriteRequest } from './writes/recorder.ts'
