import type { Organization } from '@jumplink/shared'
import type { OrganizationRecord } from '../records'
import { isoTimestamp, recordId, str } from './common'

type Named = Pick<OrganizationRecord, '_id' | 'id' | 'displayName' | 'settings'>

/**
 * The one name an organization goes by, everywhere (the link flow, the connection, the unified
 * organization, the fallback company): `displayName`, which real tenants leave `null`, then
 * `settings.name` (only on `GET /api/organizations/{id}`), then a label built from its id.
 */
export function organizationName(record: Named): string {
  return (
    str(record.displayName) ??
    str(record.settings?.name) ??
    `Organization ${recordId(record, 'organization')}`
  )
}

/** Whether a list item needs `GET /api/organizations/{id}` to learn its name. */
export function needsSettingsName(record: Named): boolean {
  return str(record.displayName) === null && str(record.settings?.name) === null
}

export function mapOrganization(record: OrganizationRecord): Organization {
  return {
    id: recordId(record, 'organization'),
    name: organizationName(record),
    created_at: isoTimestamp(record.created),
  }
}
