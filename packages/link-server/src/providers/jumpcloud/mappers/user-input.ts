import { JumpLinkError, type UpdateUserRequestSchema } from '@jumplink/shared'
import type { z } from 'zod'

type UserFields = z.output<typeof UpdateUserRequestSchema>

/** Unified field → JumpCloud `systemuserput` field (the SCIM connector's table, jumpcloud-api.md §15). */
const FIELD_MAP = {
  username: 'username',
  email: 'email',
  first_name: 'firstname',
  middle_name: 'middlename',
  last_name: 'lastname',
  display_name: 'displayname',
  job_title: 'jobTitle',
  department: 'department',
  company: 'company',
  cost_center: 'costCenter',
  location: 'location',
  employee_number: 'employeeIdentifier',
  employee_type: 'employeeType',
  manager_id: 'manager',
} as const satisfies Record<keyof UserFields, string>

/** Letters, digits, `.`, `-`, `_`: what JumpCloud takes as a username. */
const USERNAME = /^[A-Za-z0-9._-]+$/

/**
 * A username as JumpCloud accepts it: runs of spaces become a dot (as Torii does), and anything
 * else JumpCloud refuses (other characters, an email address) is refused here, before any call.
 */
export function toJumpcloudUsername(raw: string): string {
  const username = raw.trim().replace(/\s+/g, '.')
  if (!USERNAME.test(username)) {
    throw new JumpLinkError('invalid_field_value', {
      message:
        '`username` may contain only letters, digits, dots, dashes and underscores (not an email address).',
      details: {
        issues: [{ path: 'username', message: 'has characters the directory does not allow' }],
      },
    })
  }
  return username
}

/**
 * The JumpCloud body for the fields given; `null` clears a field (`""`, or `null` for the
 * employee id, as JumpCloud stores them). Absent fields are left out: JumpCloud's PUT is partial.
 */
export function toSystemUserBody(fields: UserFields): Record<string, string | null> {
  const body: Record<string, string | null> = {}
  for (const [unified, value] of Object.entries(fields) as [
    keyof UserFields,
    string | null | undefined,
  ][]) {
    if (value === undefined) continue
    const field = FIELD_MAP[unified]
    if (unified === 'username' && typeof value === 'string')
      body[field] = toJumpcloudUsername(value)
    else if (value === null) body[field] = unified === 'employee_number' ? null : ''
    else body[field] = value
  }
  return body
}
