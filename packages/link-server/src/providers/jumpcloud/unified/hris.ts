import { JumpLinkError } from '@jumplink/shared'
import { namedGraphRefs, str } from '../mappers/common'
import { mapCompanies } from '../mappers/company'
import { indexUserNames, mapEmployee } from '../mappers/employee'
import { mapHrisGroups } from '../mappers/hris-group'
import { readAll } from '../paging'
import type { OrganizationRecord, SystemUserRecord, UserGroupRecord } from '../records'
import {
  type CollectionReader,
  each,
  enc,
  mapAll,
  pageOf,
  type ReadContext,
  type Warning,
} from './context'
import { EMPLOYMENT_STATES } from './filters'
import { groupNames, recordsByIds, traversal } from './lookups'
import { systemuserPage } from './user-directory'

interface EmployeeFilters {
  created_after?: string
  email?: string
  status?: keyof typeof EMPLOYMENT_STATES
}

/** Employees with their user groups and their managers' names. */
async function mapEmployees(
  ctx: ReadContext,
  records: readonly SystemUserRecord[],
  remote: boolean,
  warnings: Warning[],
) {
  const managerIds = [...new Set(records.flatMap((r) => str(r.manager) ?? []))]
  const [names, managers] = await Promise.all([
    groupNames(ctx, 'usergroups'),
    recordsByIds<SystemUserRecord>(
      ctx,
      '/api/systemusers',
      managerIds,
      [],
      'username firstname lastname displayname',
    ),
  ])
  const userNames = indexUserNames(managers)
  const memberships = await each(records, (record) => {
    const id = str(record._id) ?? str(record.id)
    return id === null ? Promise.resolve([]) : traversal(ctx, `/api/v2/users/${enc(id)}/memberof`)
  })
  const groupsOf = new Map(records.map((r, i) => [r, memberships[i] ?? []]))
  return mapAll(
    records,
    (record) =>
      mapEmployee(record, {
        userNames,
        groups: namedGraphRefs(groupsOf.get(record) ?? [], 'user_group', names),
      }),
    { remote },
    warnings,
  )
}

export const employees: CollectionReader = {
  async list(ctx, request) {
    const filters = request.filters as EmployeeFilters
    const page = await systemuserPage(ctx, request, {
      ...filters,
      ...(filters.status ? { state: EMPLOYMENT_STATES[filters.status] } : {}),
    })
    const warnings: Warning[] = []
    const result = await mapEmployees(ctx, page.records, request.includeRemoteData, warnings)
    return {
      result,
      next: page.next,
      ...(page.total === undefined ? {} : { total: page.total }),
      warnings,
    }
  },
  async get(ctx, request) {
    const { body } = await ctx.http.json<SystemUserRecord>(ctx.session, {
      path: `/api/systemusers/${enc(request.id)}`,
      context: 'record',
    })
    const warnings: Warning[] = []
    const [employee] = await mapEmployees(ctx, [body], request.includeRemoteData, warnings)
    if (!employee) throw new JumpLinkError('resource_not_found')
    return employee
  },
}

/** Derived collections read every user, but only the fields they need. */
function allUsers(ctx: ReadContext, fields: string) {
  return readAll<SystemUserRecord>(ctx.http, ctx.session, {
    path: '/api/systemusers',
    style: 'v1',
    query: { fields, sort: '_id' },
  })
}

async function allCompanies(ctx: ReadContext) {
  const [users, organization] = await Promise.all([
    allUsers(ctx, 'company'),
    ctx.http.json<OrganizationRecord>(ctx.session, {
      path: `/api/organizations/${enc(ctx.session.organizationId)}`,
    }),
  ])
  return mapCompanies(users, organization.body)
}

export const companies: CollectionReader = {
  async list(ctx, request) {
    return pageOf(await allCompanies(ctx), request.position, request.limit)
  },
  async get(ctx, request) {
    const company = (await allCompanies(ctx)).find((c) => c.id === request.id)
    if (!company) throw new JumpLinkError('resource_not_found')
    return company
  },
}

async function allHrisGroups(ctx: ReadContext) {
  const [users, userGroups] = await Promise.all([
    allUsers(ctx, 'department costCenter'),
    readAll<UserGroupRecord>(ctx.http, ctx.session, { path: '/api/v2/usergroups', style: 'v2' }),
  ])
  return mapHrisGroups(users, userGroups)
}

export const hrisGroups: CollectionReader = {
  async list(ctx, request) {
    return pageOf(await allHrisGroups(ctx), request.position, request.limit)
  },
  async get(ctx, request) {
    const group = (await allHrisGroups(ctx)).find((g) => g.id === request.id)
    if (!group) throw new JumpLinkError('resource_not_found')
    return group
  },
}
