import { EmployeeSchema } from '@jumplink/shared'
import { describe, expect, it } from 'vitest'
import { at, systemUsers } from '../fixtures'
import { employmentType, indexUserNames, mapEmployee } from './employee'

describe('mapEmployee', () => {
  it('maps every field', () => {
    const employee = mapEmployee(at(systemUsers, 0), {
      groups: [{ id: '65c0aa01b2c3d4e5f6a7b8c9', name: 'Engineering' }],
      userNames: indexUserNames(systemUsers),
      startDateAttribute: 'startDate',
      terminationDateAttribute: 'endDate',
    })
    expect(EmployeeSchema.parse(employee)).toEqual(employee)
    expect(employee).toEqual({
      id: '65a1f0c2b7e4d90012ab34cd',
      employee_number: 'E1042',
      username: 'jane.doe',
      first_name: 'Jane',
      last_name: 'Doe',
      display_name: 'Jane Q. Doe',
      work_email: 'Jane.Doe@example.test',
      job_title: 'Site Reliability Engineer',
      employment_status: 'active',
      employment_type: 'full_time',
      company: { id: 'company_acme-corp', name: 'Acme Corp' },
      groups: [
        { id: 'department_engineering', name: 'Engineering', type: 'department' },
        { id: 'cost_center_cc-12', name: 'CC-12', type: 'cost_center' },
        { id: '65c0aa01b2c3d4e5f6a7b8c9', name: 'Engineering', type: 'group' },
      ],
      manager: { id: '65a1f0c2b7e4d90012ab0001', name: 'Ravi Kumar' },
      work_location: { name: 'Remote - Denver' },
      phones: [
        { number: '+1 555 0100', type: 'mobile' },
        { number: '+1 555 0199', type: null },
      ],
      start_date: '2021-04-12',
      termination_date: null,
      created_at: '2024-01-13T10:01:02.345Z',
      updated_at: null,
    })
  })

  it('maps statuses, "YYYYMMDD" dates and unnamed managers', () => {
    const sam = mapEmployee(at(systemUsers, 3), { terminationDateAttribute: 'endDate' })
    expect(EmployeeSchema.parse(sam)).toEqual(sam)
    expect(sam.employment_status).toBe('inactive')
    expect(sam.employment_type).toBe('contractor')
    expect(sam.termination_date).toBe('2025-03-31')
    expect(sam.manager).toEqual({ id: '65a1f0c2b7e4d90012ab34cd', name: null })
    expect(sam.groups).toEqual([
      { id: 'department_product-design', name: 'Product Design', type: 'department' },
    ])
  })

  it('turns a staged, empty record into nulls', () => {
    const staged = mapEmployee(at(systemUsers, 2), { startDateAttribute: 'startDate' })
    expect(EmployeeSchema.parse(staged)).toEqual(staged)
    expect(staged).toMatchObject({
      employment_status: 'pending',
      employment_type: null,
      employee_number: null,
      company: null,
      groups: [],
      manager: null,
      work_location: null,
      start_date: null,
      first_name: null,
    })
  })

  it('normalises free-text employee types', () => {
    expect(employmentType('Full-time')).toBe('full_time')
    expect(employmentType('full time')).toBe('full_time')
    expect(employmentType('Part-time')).toBe('part_time')
    expect(employmentType('Contractor')).toBe('contractor')
    expect(employmentType('Contract')).toBe('contractor')
    expect(employmentType('Intern')).toBe('intern')
    expect(employmentType('Summer Intern')).toBe('intern')
    expect(employmentType('Vendor')).toBe('other')
    expect(employmentType('')).toBeNull()
    expect(employmentType(null)).toBeNull()
  })

  it('slugs odd cost center names into stable ids', () => {
    const li = mapEmployee(at(systemUsers, 4))
    expect(li.groups).toContainEqual({
      id: 'cost_center_cc-40-r-d',
      name: 'CC 40 / R&D',
      type: 'cost_center',
    })
    expect(li.employment_type).toBe('intern')
    expect(li.company).toEqual({ id: 'company_acme-labs-gmbh', name: 'Acme Labs GmbH' })
  })
})
