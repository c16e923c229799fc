import { CompanySchema } from '@jumplink/shared'
import { describe, expect, it } from 'vitest'
import { at, organizations, systemUsers } from '../fixtures'
import { companyFromOrganization, mapCompanies, mapCompany } from './company'

describe('companies', () => {
  it('derives companies from users, merging spellings that slug alike', () => {
    const companies = mapCompanies(systemUsers)
    for (const c of companies) expect(CompanySchema.parse(c)).toEqual(c)
    expect(companies).toEqual([
      {
        id: 'company_acme-corp',
        display_name: 'Acme Corp',
        legal_name: null,
        employee_count: 3,
        created_at: null,
      },
      {
        id: 'company_acme-labs-gmbh',
        display_name: 'Acme Labs GmbH',
        legal_name: null,
        employee_count: 1,
        created_at: null,
      },
    ])
  })

  it('falls back to one company for the organization when no user names one', () => {
    const org = at(organizations, 0)
    expect(mapCompanies([at(systemUsers, 2)], org)).toEqual([
      {
        id: 'company_acme-corp',
        display_name: 'Acme Corp',
        legal_name: null,
        employee_count: null,
        created_at: null,
      },
    ])
    expect(mapCompanies([at(systemUsers, 2)])).toEqual([])
    const nameless = companyFromOrganization(at(organizations, 2))
    expect(CompanySchema.parse(nameless)).toEqual(nameless)
    // Named like the organization everywhere else, from the same fallback.
    expect(nameless.display_name).toBe('Organization 64b0c1d2e3f4a5b6c7d8e9f2')
    expect(nameless.id).toBe('company_organization-64b0c1d2e3f4a5b6c7d8e9f2')
  })

  it('maps a single company name', () => {
    expect(mapCompany('Ünïcode Café', { employeeCount: 2 }).id).toBe('company_unicode-cafe')
    expect(mapCompany('株式会社').id).toMatch(/^company_[0-9a-f]{12}$/)
  })
})
