import { en, Faker } from '@faker-js/faker'
import { storedRecordsChanged } from '../query/stored-views.ts'
import { createIdFactory, createRandom, deriveSeed } from '../random.ts'
import { generateAdmins } from './admins.ts'
import { generateAppleMdm, generateAppleMdmDevices } from './apple-mdm.ts'
import { generateApplications } from './applications.ts'
import { type GenerationContext, iso } from './context.ts'
import { type DeviceRequest, generateDevice, generateDevices } from './devices.ts'
import { generateEvents } from './events.ts'
import { addMember, createGraph, traverse } from './graph.ts'
import { generateGroups } from './groups.ts'
import { generateInsightRows } from './insights.ts'
import { generatePeople } from './people.ts'
import type {
  AdminUser,
  AppleMdm,
  AppleMdmDevice,
  Application,
  DirectoryEvent,
  InsightRow,
  InsightTable,
  JcSystem,
  OrganizationDetails,
  OrganizationRecord,
  OrgGraph,
  SystemGroup,
  SystemUser,
  UserGroup,
} from './types.ts'

export interface OrgSizes {
  users: number
  devices: number
  applications: number
  admins: number
  /** How many days back Directory Insights events go. */
  eventDays: number
  /** Events on a weekday (weekends are quieter). */
  eventsPerDay: number
}

export interface OrgSpec {
  /** Stable label; with the seed it decides every generated value. */
  label: string
  displayName: string
  domain: string
  sizes: OrgSizes
  /** Set for organizations managed through an MSP provider. */
  provider?: string
  /** Lists `displayName: null`, as some real tenants do; `settings.name` still has the name. */
  nullDisplayName?: boolean
}

export interface OrgData {
  users: SystemUser[]
  admins: AdminUser[]
  systems: JcSystem[]
  userGroups: UserGroup[]
  systemGroups: SystemGroup[]
  applications: Application[]
  graph: OrgGraph
}

/**
 * One JumpCloud organization. Its record exists at once; the directory behind it is generated
 * on first use, so the sandbox starts fast even with a 10,000-user organization configured.
 */
export class Organization {
  readonly id: string
  readonly record: OrganizationRecord
  private readonly seed: number
  private readonly now: Date
  private generated: OrgData | undefined
  private context: GenerationContext | undefined
  private readonly insightCache = new Map<InsightTable, InsightRow[]>()
  private eventCache: DirectoryEvent[] | undefined
  private mdmDevices: { systems: number; devices: AppleMdmDevice[] } | undefined

  constructor(
    readonly spec: OrgSpec,
    seed: number,
    now: Date,
  ) {
    this.seed = deriveSeed(seed, spec.label)
    this.now = now
    const random = createRandom(deriveSeed(this.seed, 'organization'))
    const created = new Date(
      now.getTime() - random.int(400, 2000) * 86_400_000 - random.int(0, 86_399_999),
    )
    this.id = createIdFactory(random)(created)
    this.record = {
      _id: this.id,
      id: this.id,
      displayName: spec.nullDisplayName ? null : spec.displayName,
      logoUrl: null,
      created: iso(created),
    }
  }

  /** What `GET /api/organizations/{id}` answers: the full record with its settings. */
  get details(): OrganizationDetails {
    return {
      ...this.record,
      ...(this.spec.provider ? { provider: this.spec.provider } : {}),
      accessRestriction: 'none',
      hasCreditCard: this.spec.provider === undefined,
      settings: {
        name: this.spec.displayName,
        contactName: 'IT Team',
        contactEmail: `it@${this.spec.domain}`,
        agentVersion: '1.158.0',
        maxSystemUsers: 0,
        requireAdminMFA: true,
        passwordCompliance: 'custom',
        systemUserPasswordExpirationInDays: 90,
        newSystemUserStateDefaults: {
          manualEntry: 'ACTIVATED',
          csvImport: 'STAGED',
          applicationImport: 'STAGED',
        },
        features: { directoryInsights: { enabled: true }, systemInsights: { enabled: true } },
      },
    }
  }

  get data(): OrgData {
    if (!this.generated) this.generated = this.generate()
    return this.generated
  }

  insights(table: InsightTable): InsightRow[] {
    let rows = this.insightCache.get(table)
    if (!rows) {
      rows = generateInsightRows(table, this.data.systems, this.seed)
      this.insightCache.set(table, rows)
    }
    return rows
  }

  /** The organization's Apple device manager (`GET /api/v2/applemdms`). */
  get appleMdm(): AppleMdm {
    return generateAppleMdm(this.id, deriveSeed(this.seed, 'apple-mdm'), this.now)
  }

  /** Its enrolled Apple devices; a device added later is enrolled too. */
  appleMdmDevices(): AppleMdmDevice[] {
    const { systems } = this.data
    if (this.mdmDevices?.systems !== systems.length) {
      this.mdmDevices = {
        systems: systems.length,
        devices: generateAppleMdmDevices(systems, deriveSeed(this.seed, 'apple-mdm-devices')),
      }
    }
    return this.mdmDevices.devices
  }

  events(): DirectoryEvent[] {
    if (!this.eventCache) {
      const { users, admins, applications, graph } = this.data
      const appUsers = new Map(
        applications.map((app) => [
          app._id,
          traverse(graph, { id: app._id, type: 'application', attributes: null }, 'user').map(
            (u) => u.id,
          ),
        ]),
      )
      this.eventCache = generateEvents({
        random: createRandom(deriveSeed(this.seed, 'events')),
        now: this.now,
        organizationId: this.id,
        users,
        admins,
        applications,
        appUsers,
        days: this.spec.sizes.eventDays,
        perDay: this.spec.sizes.eventsPerDay,
      })
    }
    return this.eventCache
  }

  findUser(id: string): SystemUser | undefined {
    return this.data.users.find((u) => u._id === id)
  }

  findSystem(id: string): JcSystem | undefined {
    return this.data.systems.find((s) => s._id === id)
  }

  /** Suspends a user as an admin would; the change shows in every endpoint at once. */
  suspendUser(id: string): SystemUser | undefined {
    const user = this.findUser(id)
    if (!user) return undefined
    user.state = 'SUSPENDED'
    user.suspended = true
    user.activated = true
    storedRecordsChanged()
    for (const system of this.data.systems) {
      for (const metric of system.userMetrics)
        if (metric.userName === user.username) metric.suspended = true
    }
    return user
  }

  /** Enrolls a new device, optionally owned by a user, and puts it in its platform group. */
  addDevice(request: DeviceRequest & { ownerId?: string }): JcSystem {
    const data = this.data
    const ctx = this.generationContext()
    const owner = request.ownerId
      ? (this.findUser(request.ownerId) ?? null)
      : (request.owner ?? null)
    const device = generateDevice(ctx, { ...request, owner })
    device.created = iso(this.now)
    device.lastContact = iso(this.now)
    device.active = true
    data.systems.push(device)
    storedRecordsChanged()
    const platformGroup = data.systemGroups.find((g) => g.name === PLATFORM_GROUPS[device.osFamily])
    if (platformGroup)
      addMember(data.graph, platformGroup.id, { id: device._id, type: 'system', attributes: null })
    this.insightCache.clear()
    return device
  }

  private generationContext(): GenerationContext {
    if (!this.context) {
      const random = createRandom(this.seed)
      this.context = {
        faker: new Faker({ locale: [en], seed: this.seed }),
        random,
        nextId: createIdFactory(random),
        organizationId: this.id,
        company: this.spec.displayName,
        domain: this.spec.domain,
        now: this.now,
      }
    }
    return this.context
  }

  private generate(): OrgData {
    const ctx = this.generationContext()
    const { sizes } = this.spec
    const graph = createGraph()
    const people = generatePeople(ctx, sizes.users)
    const users = people.map((p) => p.user)
    const systems = generateDevices(ctx, sizes.devices, users)
    const groups = generateGroups(ctx, people, systems, graph)
    const applications = generateApplications(
      ctx,
      sizes.applications,
      users,
      groups.userGroupIds,
      graph,
    )
    const admins = generateAdmins(ctx, sizes.admins, users, this.spec.provider ?? '')
    return {
      users,
      admins,
      systems,
      userGroups: groups.userGroups,
      systemGroups: groups.systemGroups,
      applications,
      graph,
    }
  }
}

const PLATFORM_GROUPS: Record<string, string> = {
  darwin: 'macOS Devices',
  windows: 'Windows Devices',
  linux: 'Linux Servers',
  ios: 'Mobile Devices',
}
