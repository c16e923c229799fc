import { z } from 'zod'
import {
  DateSchema,
  NamedRefSchema,
  PhoneSchema,
  RemoteDataSchema,
  TimestampSchema,
} from './common'

export const EmploymentStatusSchema = z.enum(['active', 'inactive', 'pending'])
export const EmploymentTypeSchema = z.enum([
  'full_time',
  'part_time',
  'contractor',
  'intern',
  'other',
])
export const HrisGroupTypeSchema = z.enum(['department', 'cost_center', 'group'])

/** The HR view of a directory user (`/v1/unified/hris/employees`); `id` equals the User's id. */
export const EmployeeSchema = z
  .object({
    id: z.string(),
    employee_number: z.string().nullable(),
    username: z.string(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    display_name: z.string().nullable(),
    work_email: z.string().nullable(),
    job_title: z.string().nullable(),
    employment_status: EmploymentStatusSchema,
    employment_type: EmploymentTypeSchema.nullable(),
    company: NamedRefSchema.nullable(),
    groups: z.array(
      z.object({ id: z.string(), name: z.string().nullable(), type: HrisGroupTypeSchema }),
    ),
    manager: NamedRefSchema.nullable(),
    work_location: z.object({ name: z.string() }).nullable(),
    phones: z.array(PhoneSchema),
    start_date: DateSchema.nullable(),
    termination_date: DateSchema.nullable(),
    created_at: TimestampSchema,
    updated_at: TimestampSchema.nullable(),
    remote_data: RemoteDataSchema.optional(),
  })
  .meta({ id: 'Employee' })

/** A company, derived from the users' company field (`/v1/unified/hris/companies`). */
export const CompanySchema = z
  .object({
    id: z.string(),
    display_name: z.string(),
    legal_name: z.string().nullable(),
    employee_count: z.number().int().nonnegative().nullable(),
    created_at: TimestampSchema.nullable(),
  })
  .meta({ id: 'Company' })

/** Departments, cost centers and user groups as HR groups (`/v1/unified/hris/groups`). */
export const HrisGroupSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: HrisGroupTypeSchema,
    parent_group: NamedRefSchema.nullable(),
  })
  .meta({ id: 'HrisGroup' })

export type EmploymentStatus = z.infer<typeof EmploymentStatusSchema>
export type EmploymentType = z.infer<typeof EmploymentTypeSchema>
export type Employee = z.infer<typeof EmployeeSchema>
export type Company = z.infer<typeof CompanySchema>
export type HrisGroup = z.infer<typeof HrisGroupSchema>
