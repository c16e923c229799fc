import type { Organization } from '@jumplink/shared'
import type { OrganizationRecord } from '../records'
import { isoTimestamp, recordId, str } from './common'

/** `displayName` may be `null` or `""` on real records; `settings.name` (full GET) is next. */
export function mapOrganization(record: OrganizationRecord): Organization {
  return {
    id: recordId(record, 'organization'),
    name: str(record.displayName) ?? str(record.settings?.name),
    created_at: isoTimestamp(record.created),
  }
}
