import { JumpLinkError } from '@jumplink/shared'
import { mapUpstreamStatus } from './errors'

/** JumpCloud's field names as the unified model names them, for errors the host can act on. */
export const UNIFIED_FIELD_NAMES: Readonly<Record<string, string>> = {
  username: 'username',
  email: 'email',
  firstname: 'first_name',
  middlename: 'middle_name',
  lastname: 'last_name',
  displayname: 'display_name',
  jobTitle: 'job_title',
  department: 'department',
  company: 'company',
  costCenter: 'cost_center',
  location: 'location',
  employeeType: 'employee_type',
  employeeIdentifier: 'employee_number',
  manager: 'manager_id',
  state: 'status',
  suspended: 'status',
  name: 'name',
  description: 'description',
  id: 'user_id',
}

const CONFLICT_WORDS = /already exists|already in use|duplicate|is taken/i

interface Violation {
  field: string | null
  description: string
}

/**
 * The refused field of a JumpCloud 400: the `google.rpc.BadRequest` field violation of the
 * `ErrorDetails` body (jumpcloud-api.md §10), else a field named in the message.
 */
export function violationOf(body: unknown): Violation | null {
  if (typeof body !== 'object' || body === null) return null
  const record = body as { message?: unknown; details?: unknown }
  if (Array.isArray(record.details)) {
    for (const detail of record.details) {
      const list =
        (detail as { fieldViolationsList?: unknown; fieldViolations?: unknown } | null)
          ?.fieldViolationsList ?? (detail as { fieldViolations?: unknown } | null)?.fieldViolations
      if (!Array.isArray(list)) continue
      const first = list[0] as { field?: unknown; description?: unknown } | undefined
      if (typeof first?.field === 'string')
        return {
          field: first.field,
          description: typeof first.description === 'string' ? first.description : 'is invalid',
        }
    }
  }
  if (typeof record.message !== 'string') return null
  const named = Object.keys(UNIFIED_FIELD_NAMES).find((field) =>
    new RegExp(`\\b${field}\\b`, 'i').test(record.message as string),
  )
  return { field: named ?? null, description: record.message.slice(0, 200) }
}

function fieldError(violation: Violation, conflict: boolean): JumpLinkError {
  const field =
    violation.field === null ? null : (UNIFIED_FIELD_NAMES[violation.field] ?? violation.field)
  const description = violation.description.slice(0, 200)
  return new JumpLinkError(conflict ? 'resource_conflict' : 'invalid_field_value', {
    message:
      field === null
        ? `The directory refused the request: ${description}`
        : `\`${field}\` ${description}`,
    details: { issues: [{ path: field ?? '', message: description }] },
  })
}

/**
 * A refused write as a catalog error: 400 naming a field → 409 `resource_conflict` (a value
 * already taken) or 422 `invalid_field_value`; 409 → `resource_conflict`; 404 →
 * `resource_not_found`; everything else as reads map it.
 */
export async function refusalOf(
  response: Response,
  options: { conflictMessage?: string } = {},
): Promise<JumpLinkError> {
  const text = await response.text().catch(() => '')
  let body: unknown = null
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    body = null
  }
  if (response.status === 400) {
    const violation = violationOf(body) ?? { field: null, description: 'is invalid' }
    return fieldError(
      violation,
      CONFLICT_WORDS.test(violation.description) ||
        CONFLICT_WORDS.test(String((body as { message?: unknown })?.message ?? '')),
    )
  }
  if (response.status === 409) {
    return new JumpLinkError(
      'resource_conflict',
      options.conflictMessage ? { message: options.conflictMessage } : {},
    )
  }
  if (response.status === 404) return new JumpLinkError('resource_not_found')
  return mapUpstreamStatus(response.status, response.headers, 'list')
}
