import type { Company, NamedRef } from '@jumplink/shared'
import type { OrganizationRecord, SystemUserRecord } from '../records'
import { slug, str } from './common'
import { organizationName } from './organization'

/** `company_` + slug of the users' free-text company: spelling variants share one id. */
export function companyId(name: string): string {
  return `company_${slug(name)}`
}

export function companyRef(name: string): NamedRef {
  return { id: companyId(name), name }
}

export interface CompanyContext {
  employeeCount?: number | null
}

export function mapCompany(name: string, context: CompanyContext = {}): Company {
  return {
    id: companyId(name),
    display_name: name,
    // JumpCloud has a display string only; a legal name is never guessed from it.
    legal_name: null,
    employee_count: context.employeeCount ?? null,
    created_at: null,
  }
}

/**
 * Companies from every systemuser's `company` (all pages of `GET /api/systemusers`), with
 * how many users name each. Spellings that slug alike are one company, named by the most
 * common spelling. With no company anywhere, one company stands for the organization.
 */
export function mapCompanies(
  users: readonly SystemUserRecord[],
  organization?: OrganizationRecord,
): Company[] {
  const byId = new Map<string, { count: number; spellings: Map<string, number> }>()
  for (const user of users) {
    const name = str(user.company)
    if (name === null) continue
    const entry = byId.get(companyId(name)) ?? { count: 0, spellings: new Map() }
    entry.count += 1
    entry.spellings.set(name, (entry.spellings.get(name) ?? 0) + 1)
    byId.set(companyId(name), entry)
  }
  if (byId.size === 0) return organization ? [companyFromOrganization(organization)] : []
  return [...byId.values()]
    .map(({ count, spellings }) => {
      const [name] = [...spellings].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? []
      return mapCompany(name ?? '', { employeeCount: count })
    })
    .sort((a, b) => a.id.localeCompare(b.id))
}

/** The fallback company: named as the organization is everywhere (`organizationName`). */
export function companyFromOrganization(organization: OrganizationRecord): Company {
  const name = organizationName(organization)
  return {
    id: companyId(name),
    display_name: name,
    legal_name: null,
    employee_count: null,
    created_at: null,
  }
}
