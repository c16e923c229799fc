import { JumpLinkError } from '@jumplink/shared'
import { str } from '../mappers/common'
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
import { groupNames, recordsByIds } from './lookups'
import { groupsOfUser } from './memberships'
import { systemuserPage } from './user-directory'

interface EmployeeFilters {
  created_after?: string
  email?: string
  status?: keyof typeof EMPLOYMENT_STATES
}

/**
 * Employees with their user groups and their managers' names. A page's groups come from the
 * connection's membership index; one employee's from its own `memberof` (one call, not all).
 */
async function mapEmployees(
  ctx: ReadContext,
  records: readonly SystemUserRecord[],
  remote: boolean,
  warnings: Warning[],
  groupsVia: 'index' | 'memberof',
) {
  const managerIds = [...new Set(records.flatMap((r) => str(r.manager) ?? []))]
  const userIds = records.flatMap((r) => str(r._id) ?? str(r.id) ?? [])
  const [groupsOf, managers] = await Promise.all([
    groupsVia === 'index'
      ? ctx.memberships.groupsOf(ctx, userIds)
      : groupNames(ctx, 'usergroups').then(
          async (names) =>
            new Map(
              await each(userIds, async (id) => [id, await groupsOfUser(ctx, id, names)] as const),
            ),
        ),
    recordsByIds<SystemUserRecord>(
      ctx,
      '/api/systemusers',
      managerIds,
      [],
      'username firstname lastname displayname',
    ),
  ])
  const userNames = indexUserNames(managers)
  return mapAll(
    records,
    (record) =>
      mapEmployee(record, {
        userNames,
        groups: groupsOf.get(str(record._id) ?? str(record.id) ?? '') ?? [],
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
    // Not streamed: managers' names are looked up once for the whole page, not per part.
    const records = [page.records, ...(await Promise.all(page.rest))].flat()
    const warnings: Warning[] = []
    const result = await mapEmployees(ctx, records, request.includeRemoteData, warnings, 'index')
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
    const [employee] = await mapEmployees(
      ctx,
      [body],
      request.includeRemoteData,
      warnings,
      'memberof',
    )
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
