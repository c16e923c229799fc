import { DEPARTMENTS, type Department, EMPLOYEE_TYPES, LOCATIONS } from './catalog.ts'
import { type GenerationContext, iso, randomPast } from './context.ts'
import type { MfaStatus, SystemUser, UserState } from './types.ts'

export interface Person {
  user: SystemUser
  department: Department
  /** The department sub-team, if any; drives nested group membership. */
  team: string | null
}

const STATES = [
  ['ACTIVATED', 85],
  ['STAGED', 7],
  ['SUSPENDED', 8],
] as const satisfies readonly (readonly [UserState, number])[]

/**
 * Generates the organization's people: a CEO, one head per department reporting to the CEO,
 * everyone else reporting to their department head or a senior colleague.
 */
export function generatePeople(ctx: GenerationContext, count: number): Person[] {
  const people: Person[] = []
  const takenUsernames = new Set<string>()
  const departmentWeights = DEPARTMENTS.map((d) => [d, d.weight] as const)
  const heads = new Map<string, SystemUser>()
  const seniors = new Map<string, SystemUser[]>()

  for (let index = 0; index < count; index++) {
    const isCeo = index === 0
    const headOf = !isCeo && index <= DEPARTMENTS.length ? DEPARTMENTS[index - 1] : undefined
    const department = headOf ?? (isCeo ? DEPARTMENTS[0] : ctx.random.weighted(departmentWeights))
    if (!department) throw new Error('no departments')
    const title = isCeo ? 'CEO' : headOf ? headOf.headTitle : ctx.random.pick(department.titles)
    const team =
      !isCeo && !headOf && department.teams.length > 0 && ctx.random.chance(0.5)
        ? ctx.random.pick(department.teams)
        : null

    let manager = ''
    const ceo = people[0]?.user
    if (headOf && ceo) manager = ceo._id
    else if (!isCeo) {
      const candidates = seniors.get(department.name) ?? []
      const head = heads.get(department.name)
      const boss =
        candidates.length > 0 && ctx.random.chance(0.4) ? ctx.random.pick(candidates) : head
      manager = boss?._id ?? ceo?._id ?? ''
    }

    const user = generateUser(ctx, {
      index,
      department,
      title,
      manager,
      takenUsernames,
      isLeader: isCeo || !!headOf,
    })
    if (headOf) heads.set(headOf.name, user)
    if (title.startsWith('Senior') || title.startsWith('Staff') || title.endsWith('Manager')) {
      const list = seniors.get(department.name) ?? []
      list.push(user)
      seniors.set(department.name, list)
    }
    people.push({ user, department, team })
  }
  return people
}

interface UserSeed {
  index: number
  department: Department
  title: string
  manager: string
  takenUsernames: Set<string>
  isLeader: boolean
}

function generateUser(ctx: GenerationContext, seed: UserSeed): SystemUser {
  const { faker, random } = ctx
  const sex = random.chance(0.5) ? 'female' : 'male'
  const firstname = faker.person.firstName(sex)
  const lastname = faker.person.lastName()
  const middlename = random.chance(0.15) ? faker.person.middleName(sex) : ''
  const username = uniqueUsername(`${firstname}.${lastname}`, seed.takenUsernames)
  const created = randomPast(ctx, 2, 1100)
  const id = ctx.nextId(created)
  const state: UserState = seed.isLeader ? 'ACTIVATED' : random.weighted(STATES)
  const employeeType = seed.isLeader ? 'Full-time' : random.weighted(EMPLOYEE_TYPES)
  const mfaEnrolled = state !== 'STAGED' && random.chance(0.7)
  const pushEnrolled = mfaEnrolled && random.chance(0.4)
  const totpStatus: MfaStatus = mfaEnrolled && !pushEnrolled ? 'ENROLLED' : 'NOT_ENROLLED'
  const locked = state === 'ACTIVATED' && random.chance(0.02)
  const passwordDate = state === 'STAGED' ? null : randomPast(ctx, 1, 80)
  const expires = passwordDate ? new Date(passwordDate.getTime() + 90 * 86_400_000) : null
  const phone = random.chance(0.8)
    ? [
        {
          id: random.hex(24),
          type: 'mobile',
          number: faker.phone.number({ style: 'international' }),
        },
      ]
    : []
  const address = random.chance(0.6)
    ? [
        {
          id: random.hex(24),
          type: 'work',
          poBox: '',
          extendedAddress: '',
          streetAddress: faker.location.streetAddress(),
          locality: faker.location.city(),
          region: faker.location.state({ abbreviated: true }),
          postalCode: faker.location.zipCode(),
          country: 'US',
        },
      ]
    : []
  const uid = 5001 + seed.index
  // Chosen by position, not by the random stream, so adding them left every other value alone.
  const legacy = !seed.isLeader && seed.index % 17 === 9
  const staleActivated = !legacy && state === 'ACTIVATED' && seed.index % 13 === 4

  const user: SystemUser = {
    _id: id,
    id,
    username,
    systemUsername: username,
    email: `${username}@${ctx.domain}`,
    alternateEmail: random.chance(0.2) ? `${username}@personal.example` : '',
    managedAppleId: '',
    firstname,
    middlename,
    lastname,
    displayname: `${firstname} ${lastname}`,
    jobTitle: seed.title,
    department: seed.department.name,
    company: ctx.company,
    costCenter: seed.department.costCenter,
    location: random.pick(LOCATIONS),
    employeeType,
    employeeIdentifier: employeeType === 'Contractor' ? null : `E${String(10_000 + seed.index)}`,
    description: '',
    manager: seed.manager,
    state,
    activated: state !== 'STAGED' && !staleActivated,
    suspended: state === 'SUSPENDED',
    account_locked: locked,
    account_locked_date: locked ? iso(randomPast(ctx, 0, 3)) : null,
    password_date: passwordDate ? iso(passwordDate) : null,
    password_expiration_date: expires ? iso(expires) : null,
    password_expired: expires ? expires < ctx.now : false,
    password_never_expires: false,
    totp_enabled: totpStatus === 'ENROLLED',
    enable_user_portal_multifactor: mfaEnrolled,
    mfa: { configured: mfaEnrolled, exclusion: false },
    mfaEnrollment: {
      overallStatus: mfaEnrolled ? 'ENROLLED' : 'NOT_ENROLLED',
      totpStatus,
      webAuthnStatus: mfaEnrolled && random.chance(0.2) ? 'ENROLLED' : 'NOT_ENROLLED',
      pushStatus: pushEnrolled ? 'ENROLLED' : 'NOT_ENROLLED',
    },
    addresses: address,
    phoneNumbers: phone,
    attributes: random.chance(0.3)
      ? [{ name: 'team', value: seed.department.name.toLowerCase() }]
      : [],
    relationships: [],
    recoveryEmail: { address: `${username}@personal.example`, verified: random.chance(0.5) },
    restrictedFields: [],
    externally_managed: false,
    sudo: false,
    passwordless_sudo: false,
    allow_public_key: true,
    ldap_binding_user: false,
    samba_service_user: false,
    enable_managed_uid: false,
    disableDeviceMaxLoginAttempts: false,
    unix_uid: uid,
    unix_guid: uid,
    badLoginAttempts: locked ? 10 : 0,
    public_key: '',
    ssh_keys: [],
    creationSource: random.chance(0.8) ? 'manualEntry' : 'csvImport',
    external_dn: '',
    external_source_type: '',
    organization: ctx.organizationId,
    created: iso(created),
  }
  return legacy ? toLegacyRecord(user) : user
}

/**
 * An account created before JumpCloud added `state` and the fields that came with it: only
 * the `activated`/`suspended` booleans tell its status, and `activated: false` is common on
 * such accounts although they sign in (seen in recorded responses).
 */
function toLegacyRecord(user: SystemUser): SystemUser {
  const {
    state,
    organization: _organization,
    mfaEnrollment: _mfaEnrollment,
    manager: _manager,
    alternateEmail: _alternateEmail,
    password_date: _passwordDate,
    password_expiration_date: _passwordExpiration,
    ...rest
  } = user
  return { ...rest, activated: false, suspended: state === 'SUSPENDED' }
}

/** What JumpCloud would show: `state` when the record has one, else the booleans. */
export function effectiveState(user: SystemUser): UserState {
  if (user.state) return user.state
  return user.suspended ? 'SUSPENDED' : 'ACTIVATED'
}

function uniqueUsername(base: string, taken: Set<string>): string {
  const clean = base.toLowerCase().replace(/[^a-z0-9.]/g, '')
  let candidate = clean
  for (let n = 2; taken.has(candidate); n++) candidate = `${clean}${n}`
  taken.add(candidate)
  return candidate
}
