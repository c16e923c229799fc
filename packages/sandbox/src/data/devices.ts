import { OS_RELEASES, type OsRelease } from './catalog.ts'
import { type GenerationContext, iso, randomPast } from './context.ts'
import { effectiveState } from './people.ts'
import type { DevicePlatform, JcSystem, SystemUser } from './types.ts'

const RELEASE_WEIGHTS = OS_RELEASES.map((r) => [r, r.weight] as const)

export interface DeviceRequest {
  platform?: DevicePlatform
  owner?: SystemUser | null
  displayName?: string
}

/** Generates devices; most have an owner among the active users. */
export function generateDevices(
  ctx: GenerationContext,
  count: number,
  users: readonly SystemUser[],
): JcSystem[] {
  const owners = users.filter((u) => effectiveState(u) !== 'STAGED')
  const devices: JcSystem[] = []
  for (let i = 0; i < count; i++) {
    const owner = owners.length > 0 && ctx.random.chance(0.85) ? ctx.random.pick(owners) : null
    devices.push(generateDevice(ctx, { owner }))
  }
  return devices
}

export function generateDevice(ctx: GenerationContext, request: DeviceRequest): JcSystem {
  const { random } = ctx
  const release = pickRelease(ctx, request.platform)
  const owner = request.owner ?? null
  const apple =
    release.platform === 'macos' || release.platform === 'ios' || release.platform === 'ipados'
  const mobile = release.platform === 'ios' || release.platform === 'ipados'
  const created = randomPast(ctx, 1, 900)
  const id = ctx.nextId(created)
  const lastContact = lastContactFor(ctx, created)
  const [major = '0', minor = '0', patch = '0'] = release.version.match(/\d+/g) ?? []
  const hostname = hostnameFor(release, owner, random.hex(4))
  const arch =
    release.platform === 'windows' || release.platform === 'linux'
      ? random.pick(['x86_64', 'x86_64', 'arm64'])
      : 'arm64'
  const fdeActive = encryptionFor(ctx, release)

  return {
    _id: id,
    id,
    displayName: request.displayName ?? hostname,
    hostname,
    os: release.os,
    osFamily: release.osFamily,
    version: release.version,
    arch,
    archFamily: arch === 'arm64' ? 'arm' : 'x86',
    osVersionDetail: {
      osName: release.osName,
      version: release.version,
      major,
      minor,
      patch,
      majorNumber: Number(major),
      minorNumber: Number(minor),
      patchNumber: Number(patch),
      releaseName: release.releaseName,
      distributionName: release.distributionName,
      revision: release.build,
    },
    serialNumber: serialFor(ctx, release),
    hwVendor: apple
      ? 'Apple Inc.'
      : random.pick(['Dell Inc.', 'LENOVO', 'HP', 'Microsoft Corporation']),
    agentVersion: mobile ? '' : random.pick(['1.164.0', '1.170.0', '1.172.1']),
    active: lastContact !== null && ctx.now.getTime() - Date.parse(lastContact) < 3_600_000,
    lastContact,
    created: iso(created),
    description: '',
    remoteIP: `203.0.113.${random.int(1, 254)}`,
    allowMultiFactorAuthentication: release.platform === 'linux',
    allowPublicKeyAuthentication: release.platform === 'linux',
    allowSshPasswordAuthentication: false,
    allowSshRootLogin: false,
    modifySSHDConfig: release.platform === 'linux',
    sshRootEnabled: false,
    desktopCapable: release.platform !== 'linux' || random.chance(0.2),
    azureAdJoined: release.platform === 'windows' && random.chance(0.3),
    hasServiceAccount: release.platform === 'macos',
    isPolicyBound: !mobile && random.chance(0.7),
    fde: { active: fdeActive, keyPresent: fdeActive && !mobile && random.chance(0.9) },
    mdm: {
      vendor: apple
        ? 'internal'
        : release.platform === 'windows'
          ? random.pick(['internal', 'none'])
          : 'none',
      dep: apple && random.chance(0.6),
      userApproved: apple,
      profileIdentifier: apple ? 'com.jumpcloud.mdm' : '',
      providerId: '',
    },
    systemInsights: { state: mobile ? 'disabled' : 'enabled' },
    primarySystemUser: { id: owner?._id ?? null },
    userMetrics: owner
      ? [
          {
            userName: owner.username,
            admin: random.chance(0.3),
            managed: true,
            secureTokenEnabled: release.platform === 'macos',
            suspended: owner.suspended,
          },
        ]
      : [],
    networkInterfaces: mobile
      ? []
      : [
          {
            address: `10.0.${random.int(0, 40)}.${random.int(2, 250)}`,
            family: 'IPv4',
            internal: false,
            name: release.platform === 'windows' ? 'Ethernet' : 'en0',
          },
        ],
    domainInfo: { domainName: '', partOfDomain: false },
    secureLogin: { enabled: false, supported: release.platform === 'macos' },
    policyStats: { total: 3, success: 3, failed: 0, pending: 0 },
    provisionMetadata: {
      provisioner: {
        provisionerId: '',
        type: mobile ? 'mdm' : random.pick(['administrator', 'user']),
      },
    },
    attributes: [],
    sshdParams: [],
    builtInCommands: mobile
      ? [
          { name: 'lock', type: 'security' },
          { name: 'erase', type: 'security' },
        ]
      : [
          { name: 'lock', type: 'security' },
          { name: 'erase', type: 'security' },
          { name: 'restart', type: 'security' },
          { name: 'shutdown', type: 'security' },
        ],
    systemTimezone: random.pick([-480, -420, -300, 0, 60]),
    templateName: '',
    organization: ctx.organizationId,
  }
}

function pickRelease(ctx: GenerationContext, platform?: DevicePlatform): OsRelease {
  if (!platform) return ctx.random.weighted(RELEASE_WEIGHTS)
  const matching = OS_RELEASES.filter((r) => r.platform === platform)
  return ctx.random.pick(matching)
}

/** Most devices checked in today; some went quiet weeks ago; a few never reported. */
function lastContactFor(ctx: GenerationContext, created: Date): string | null {
  const roll = ctx.random.next()
  if (roll < 0.01) return null
  const date =
    roll < 0.25
      ? randomPast(ctx, 0, 0.04)
      : roll < 0.85
        ? randomPast(ctx, 0.04, 7)
        : randomPast(ctx, 14, 120)
  return iso(date < created ? created : date)
}

function encryptionFor(ctx: GenerationContext, release: OsRelease): boolean {
  switch (release.platform) {
    case 'macos':
      return ctx.random.chance(0.88)
    case 'windows':
      return ctx.random.chance(0.72)
    case 'linux':
      return ctx.random.chance(0.35)
    default:
      return true
  }
}

function hostnameFor(release: OsRelease, owner: SystemUser | null, suffix: string): string {
  const who = owner
    ? `${owner.firstname[0] ?? ''}${owner.lastname}`.toLowerCase().replace(/[^a-z0-9]/g, '')
    : `shared-${suffix}`
  switch (release.platform) {
    case 'macos':
      return `${who}-mbp.local`
    case 'windows':
      return `${who.toUpperCase()}-LT`.slice(0, 15)
    case 'linux':
      return owner ? `${who}-ws` : `srv-${suffix}`
    case 'ios':
      return `${who}-iphone`
    case 'ipados':
      return `${who}-ipad`
  }
}

function serialFor(ctx: GenerationContext, release: OsRelease): string {
  if (release.platform === 'linux')
    return ctx.random.chance(0.5) ? '' : ctx.random.alnum(10).toUpperCase()
  const prefix = release.platform === 'windows' ? 'PF' : 'C02'
  return prefix + ctx.random.alnum(9).toUpperCase()
}
