import type { Application } from '@jumplink/shared'
import type { ApplicationRecord } from '../records'
import { isoTimestamp, JumpcloudMappingError, recordId, str } from './common'

export interface ApplicationContext {
  /** `expand=last_used`: `latestSsoUse(DI sso_auth events).get(id) ?? null`. */
  lastUsedAt?: string | null
}

/** `sso.type` in the model's three values; bookmarks and other kinds are `other`. */
export function ssoType(value: unknown): Application['sso_type'] {
  const type = str(value)?.toLowerCase()
  if (type === undefined) return null
  if (type === 'saml' || type.startsWith('saml')) return 'saml'
  if (type === 'oidc' || type === 'openid' || type.startsWith('oauth')) return 'oidc'
  return 'other'
}

/** An SSO application (`GET /api/applications`). */
export function mapApplication(
  record: ApplicationRecord,
  context: ApplicationContext = {},
): Application {
  const name = str(record.displayLabel) ?? str(record.displayName) ?? str(record.name)
  if (name === null) throw new JumpcloudMappingError('application', 'name')
  const application: Application = {
    id: recordId(record, 'application'),
    name,
    catalog_name: str(record.name),
    sso_type: ssoType(record.sso?.type),
    sso_url: str(record.ssoUrl),
    is_active: record.active === true,
    logo_url: str(record.logo?.url),
    created_at: isoTimestamp(record.created),
  }
  if (context.lastUsedAt !== undefined) application.last_used_at = context.lastUsedAt
  return application
}
