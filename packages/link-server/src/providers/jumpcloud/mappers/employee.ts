import type { Employee, EmploymentType, NamedRef } from '@jumplink/shared'
import type { AttributeRecord, SystemUserRecord } from '../records'
import { isoDate, recordId, requireStr, requireTimestamp, str } from './common'
import { companyRef } from './company'
import { costCenterGroup, departmentGroup } from './hris-group'
import { displayName, phones } from './user'
import { shownState } from './user-state'

export interface EmployeeContext {
  /** User groups, nested ones included (`unified/memberships.ts`: the same as `memberof`). */
  groups?: readonly NamedRef[]
  /** systemuser id → display name, to name the manager; unnamed managers get `name: null`. */
  userNames?: ReadonlyMap<string, string>
  /** Custom attribute holding the start date (configured per connection; JumpCloud has none). */
  startDateAttribute?: string
  /** Custom attribute holding the termination date. */
  terminationDateAttribute?: string
  updatedAt?: string | null
}

const STATUS = { ACTIVATED: 'active', SUSPENDED: 'inactive', STAGED: 'pending' } as const

export function employmentStatus(record: SystemUserRecord): Employee['employment_status'] {
  return STATUS[shownState(record)]
}

/** `employeeType` is free text; the raw value stays in `remote_data` and on User. */
export function employmentType(value: unknown): EmploymentType | null {
  const text = str(value)
  if (text === null) return null
  const words = text.toLowerCase().replace(/[^a-z]+/g, ' ')
  if (/\bintern(ship)?\b/.test(words)) return 'intern'
  if (/\bcontract(or|ed)?\b/.test(words)) return 'contractor'
  if (/\bpart ?time\b/.test(words)) return 'part_time'
  if (/\bfull ?time\b/.test(words)) return 'full_time'
  return 'other'
}

function attributeDate(
  attributes: readonly AttributeRecord[] | null | undefined,
  name: string | undefined,
): string | null {
  if (name === undefined) return null
  const attribute = (attributes ?? []).find((a) => str(a?.name) === name)
  return isoDate(attribute?.value)
}

/** The HR view of a systemuser; `id` is the systemuser id, the same as the User's. */
export function mapEmployee(record: SystemUserRecord, context: EmployeeContext = {}): Employee {
  const groups: Employee['groups'] = []
  const department = str(record.department)
  if (department !== null) groups.push(departmentGroup(department))
  const costCenter = str(record.costCenter)
  if (costCenter !== null) groups.push(costCenterGroup(costCenter))
  for (const group of context.groups ?? []) groups.push({ ...group, type: 'group' })

  const company = str(record.company)
  const managerId = str(record.manager)
  const location = str(record.location)
  return {
    id: recordId(record, 'systemuser'),
    employee_number: str(record.employeeIdentifier),
    username: requireStr(record.username, 'systemuser', 'username'),
    first_name: str(record.firstname),
    last_name: str(record.lastname),
    display_name: displayName(record),
    work_email: str(record.email),
    job_title: str(record.jobTitle),
    employment_status: employmentStatus(record),
    employment_type: employmentType(record.employeeType),
    company: company === null ? null : companyRef(company),
    groups,
    manager:
      managerId === null
        ? null
        : { id: managerId, name: context.userNames?.get(managerId) ?? null },
    work_location: location === null ? null : { name: location },
    phones: phones(record),
    start_date: attributeDate(record.attributes, context.startDateAttribute),
    termination_date: attributeDate(record.attributes, context.terminationDateAttribute),
    created_at: requireTimestamp(record.created, 'systemuser', 'created'),
    updated_at: context.updatedAt ?? null,
  }
}

/** id → display name (else username), for naming managers in `EmployeeContext.userNames`. */
export function indexUserNames(records: readonly SystemUserRecord[]): ReadonlyMap<string, string> {
  const names = new Map<string, string>()
  for (const record of records) {
    const id = str(record._id) ?? str(record.id)
    const name = displayName(record) ?? str(record.username)
    if (id !== null && name !== null) names.set(id, name)
  }
  return names
}
