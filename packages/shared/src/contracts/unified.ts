import { z } from 'zod'
import {
  ApplicationAssignmentSchema,
  ApplicationSchema,
  CompanySchema,
  DeviceGroupSchema,
  DeviceSchema,
  DirectoryEventSchema,
  EmployeeSchema,
  EmploymentStatusSchema,
  GroupMemberSchema,
  GroupSchema,
  HrisGroupSchema,
  InstalledAppSchema,
  OrganizationSchema,
  PlatformSchema,
  RefSchema,
  RoleSchema,
  UserSchema,
  UserStatusSchema,
} from '../model'
import { listEnvelope } from './list'

export const MAX_PAGE_SIZE = 1000
export const DEFAULT_PAGE_SIZE = 50

/** A timestamp filter; any offset is accepted and compared as an instant. */
const InstantSchema = z.iso.datetime({ offset: true })
const IdFilterSchema = z.string().trim().min(1).max(128)

/** `expand=a,b`: a comma list, each value one the collection offers. */
function expandParam<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .transform((raw) => [
      ...new Set(
        raw
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.enum(values)))
    .optional()
}

const pagingShape = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  /** Opaque; only valid with the filters it was issued for. */
  cursor: z.string().min(1).max(2048).optional(),
}
const remoteDataShape = { include_remote_data: z.stringbool().default(false) }

/**
 * The query of a list: paging, `include_remote_data`, `expand`, and the collection's filters.
 * Unknown parameters are rejected (as `unsupported_filter`), never silently ignored.
 */
function listQuery<Shape extends z.ZodRawShape>(
  filters: Shape,
  expand?: readonly [string, ...string[]],
) {
  return z.strictObject({
    ...pagingShape,
    ...remoteDataShape,
    ...(expand ? { expand: expandParam(expand) } : {}),
    ...filters,
  })
}

function getQuery(expand?: readonly [string, ...string[]]) {
  return z.strictObject({ ...remoteDataShape, ...(expand ? { expand: expandParam(expand) } : {}) })
}

export interface UnifiedCollection {
  /** Stable name, used by the SDK (`client.unified.users`) and in cursors. */
  name: string
  path: string
  summary: string
  item: z.ZodType
  listQuery: z.ZodObject
  /** Absent for collections that hang off a parent and have no `GET …/:id`. */
  getQuery?: z.ZodObject
  /** The list path has a `:id` of its parent record. */
  nested: boolean
}

function collection<const C extends UnifiedCollection>(definition: C): C {
  return definition
}

const userExpand = ['groups', 'last_login'] as const
const deviceExpand = ['users', 'groups'] as const
const applicationExpand = ['last_used'] as const
const groupExpand = ['member_count'] as const

export const UNIFIED_COLLECTIONS = {
  users: collection({
    name: 'users',
    path: '/v1/unified/user-directory/users',
    summary: 'People in the directory',
    item: UserSchema,
    listQuery: listQuery(
      {
        created_after: InstantSchema.optional(),
        email: z.string().trim().min(1).max(320).optional(),
        status: UserStatusSchema.optional(),
        group_id: IdFilterSchema.optional(),
      },
      userExpand,
    ),
    getQuery: getQuery(userExpand),
    nested: false,
  }),
  groups: collection({
    name: 'groups',
    path: '/v1/unified/user-directory/groups',
    summary: 'User groups',
    item: GroupSchema,
    listQuery: listQuery({}, groupExpand),
    getQuery: getQuery(groupExpand),
    nested: false,
  }),
  groupMembers: collection({
    name: 'groupMembers',
    path: '/v1/unified/user-directory/groups/:id/members',
    summary: 'Members of a user group, direct or through nested groups',
    item: GroupMemberSchema,
    listQuery: listQuery({}),
    nested: true,
  }),
  organizations: collection({
    name: 'organizations',
    path: '/v1/unified/user-directory/organizations',
    summary: 'The connected organization',
    item: OrganizationSchema,
    listQuery: listQuery({}),
    getQuery: getQuery(),
    nested: false,
  }),
  roles: collection({
    name: 'roles',
    path: '/v1/unified/user-directory/roles',
    summary: 'Administrator roles',
    item: RoleSchema,
    listQuery: listQuery({}),
    getQuery: getQuery(),
    nested: false,
  }),
  employees: collection({
    name: 'employees',
    path: '/v1/unified/hris/employees',
    summary: 'The HR view of directory users',
    item: EmployeeSchema,
    listQuery: listQuery({
      created_after: InstantSchema.optional(),
      email: z.string().trim().min(1).max(320).optional(),
      status: EmploymentStatusSchema.optional(),
    }),
    getQuery: getQuery(),
    nested: false,
  }),
  companies: collection({
    name: 'companies',
    path: '/v1/unified/hris/companies',
    summary: "Companies named in users' records",
    item: CompanySchema,
    listQuery: listQuery({}),
    getQuery: getQuery(),
    nested: false,
  }),
  hrisGroups: collection({
    name: 'hrisGroups',
    path: '/v1/unified/hris/groups',
    summary: 'Departments, cost centers and user groups',
    item: HrisGroupSchema,
    listQuery: listQuery({}),
    getQuery: getQuery(),
    nested: false,
  }),
  devices: collection({
    name: 'devices',
    path: '/v1/unified/mdm/devices',
    summary: 'Managed devices with their security posture',
    item: DeviceSchema,
    listQuery: listQuery(
      {
        created_after: InstantSchema.optional(),
        updated_after: InstantSchema.optional(),
        status: z.enum(['active', 'inactive']).optional(),
        user_id: IdFilterSchema.optional(),
        group_id: IdFilterSchema.optional(),
        platform: PlatformSchema.optional(),
      },
      deviceExpand,
    ),
    getQuery: getQuery(deviceExpand),
    nested: false,
  }),
  deviceGroups: collection({
    name: 'deviceGroups',
    path: '/v1/unified/mdm/device-groups',
    summary: 'Device groups',
    item: DeviceGroupSchema,
    listQuery: listQuery({}),
    getQuery: getQuery(),
    nested: false,
  }),
  deviceGroupMembers: collection({
    name: 'deviceGroupMembers',
    path: '/v1/unified/mdm/device-groups/:id/members',
    summary: 'Devices in a device group',
    item: z.object({ device: RefSchema, via: z.enum(['direct', 'group']) }),
    listQuery: listQuery({}),
    nested: true,
  }),
  installedApps: collection({
    name: 'installedApps',
    path: '/v1/unified/mdm/installed-apps',
    summary: 'Software installed on devices',
    item: InstalledAppSchema,
    listQuery: listQuery({
      device_id: IdFilterSchema.optional(),
      platform: PlatformSchema.optional(),
      updated_after: InstantSchema.optional(),
    }),
    getQuery: getQuery(),
    nested: false,
  }),
  applications: collection({
    name: 'applications',
    path: '/v1/unified/sso/applications',
    summary: 'SSO applications',
    item: ApplicationSchema,
    listQuery: listQuery({ created_after: InstantSchema.optional() }, applicationExpand),
    getQuery: getQuery(applicationExpand),
    nested: false,
  }),
  applicationAssignments: collection({
    name: 'applicationAssignments',
    path: '/v1/unified/sso/applications/:id/assignments',
    summary: 'Who may use an SSO application',
    item: ApplicationAssignmentSchema,
    listQuery: listQuery({ user_id: IdFilterSchema.optional() }, applicationExpand),
    nested: true,
  }),
  events: collection({
    name: 'events',
    path: '/v1/unified/events',
    summary: 'The audit log: logins, SSO and directory changes, newest first',
    item: DirectoryEventSchema,
    listQuery: listQuery({
      /** Defaults to 24 hours ago. */
      occurred_after: InstantSchema.optional(),
      occurred_before: InstantSchema.optional(),
      type: z.string().trim().min(1).max(64).optional(),
      service: z.string().trim().min(1).max(64).optional(),
      user_id: IdFilterSchema.optional(),
      application_id: IdFilterSchema.optional(),
    }),
    getQuery: getQuery(),
    nested: false,
  }),
} as const

export type UnifiedCollections = typeof UNIFIED_COLLECTIONS
export type UnifiedCollectionName = keyof UnifiedCollections

/** The record type of a collection, e.g. `UnifiedItem<'users'>` is `User`. */
export type UnifiedItem<N extends UnifiedCollectionName> = z.infer<UnifiedCollections[N]['item']>

/** The query a collection's list accepts, as a caller writes it. */
export type UnifiedListQuery<N extends UnifiedCollectionName> = z.input<
  UnifiedCollections[N]['listQuery']
>

/** The query of a collection's `GET …/:id`, as a caller writes it (never for nested collections). */
export type UnifiedGetQuery<N extends UnifiedCollectionName> = UnifiedCollections[N] extends {
  getQuery: z.ZodType
}
  ? z.input<UnifiedCollections[N]['getQuery']>
  : never

export function unifiedListResponse<N extends UnifiedCollectionName>(name: N) {
  return listEnvelope(UNIFIED_COLLECTIONS[name].item)
}
