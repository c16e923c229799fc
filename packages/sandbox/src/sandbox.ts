import { Hono } from 'hono'
import { createMiddleware } from 'hono/factory'
import { type Account, KeyRegistry } from './accounts.ts'
import { startChurn } from './changes/churn.ts'
import { changeRoutes } from './changes/routes.ts'
import { Organization, type OrgSizes, type OrgSpec } from './data/organization.ts'
import { ApiError, DroppedConnection, familyOf, type SandboxEnv } from './env.ts'
import * as errors from './errors.ts'
import { SCENARIO_KEYS, type Scenario } from './keys.ts'
import { jumpcloudAuth } from './middleware.ts'
import type { Sandbox, SandboxOptions } from './public-types.ts'
import { FilterError } from './query/filter.ts'
import { QueryError } from './query/list.ts'
import { createRandom, deriveSeed } from './random.ts'
import { adminRoutes } from './routes/admin.ts'
import { associationRoutes } from './routes/associations.ts'
import { directoryInsightsRoutes } from './routes/directory-insights.ts'
import { homePage } from './routes/home.ts'
import { oauthRoutes } from './routes/oauth.ts'
import { systemInsightsRoutes } from './routes/system-insights.ts'
import { v1Routes } from './routes/v1.ts'
import { v2Routes } from './routes/v2.ts'
import { userGroupWriteRoutes, userWriteRoutes } from './routes/writes.ts'
import {
  DEFAULT_TOKEN_LIFETIME_SECONDS,
  SCENARIO_SERVICE_ACCOUNTS,
  type ServiceAccountCredentials,
  ServiceAccountRegistry,
  type ServiceAccountScenario,
} from './service-accounts.ts'
import { createWriteRecorder } from './writes/recorder.ts'

export const DEFAULT_SIZES: Record<'single' | 'msp' | 'large', OrgSizes> = {
  single: {
    users: 250,
    devices: 160,
    applications: 10,
    admins: 4,
    eventDays: 28,
    eventsPerDay: 120,
  },
  msp: { users: 40, devices: 30, applications: 6, admins: 2, eventDays: 28, eventsPerDay: 30 },
  large: {
    users: 10_000,
    devices: 5_000,
    applications: 10,
    admins: 6,
    eventDays: 28,
    eventsPerDay: 1_500,
  },
}

const MSP_PROVIDER_ID = '5f0c1d2e3f4a5b6c7d8e9f01'
const MANY_PROVIDER_ID = '5f0c1d2e3f4a5b6c7d8e9f02'

const MANY_PREFIXES = [
  'Northwind',
  'Contoso',
  'Fabrikam',
  'Tailspin',
  'Wingtip',
  'Adatum',
  'Litware',
  'Proseware',
  'Lamna',
  'Woodgrove',
  'Alpine',
  'Coho',
  'Fourth',
  'Blue Yonder',
  'Trey',
]
const MANY_SUFFIXES = [
  'Dental',
  'Logistics',
  'Legal',
  'Bakery',
  'Clinic',
  'Studio',
  'Partners',
  'Labs',
  'Realty',
  'Outfitters',
]
/** 150 distinct client names for the `mspMany` key. */
const MANY_ORGANIZATION_NAMES = MANY_SUFFIXES.flatMap((suffix) =>
  MANY_PREFIXES.map((prefix) => `${prefix} ${suffix}`),
)

function startOfUtcDay(): Date {
  const now = new Date()
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
}

/** Builds a sandbox: organizations (generated on first use), scenario keys and the Hono app. */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const seed = options.seed ?? 1
  const now = options.now ? new Date(options.now) : startOfUtcDay()
  const sizes = (kind: 'single' | 'msp' | 'large'): OrgSizes => ({
    ...DEFAULT_SIZES[kind],
    ...options.sizes?.[kind],
  })
  const org = (spec: OrgSpec) => new Organization(spec, seed, now)

  const single = org({
    label: 'single',
    displayName: 'Acme Corp',
    domain: 'acme.example',
    sizes: sizes('single'),
  })
  const msp = [
    org({
      label: 'msp-1',
      displayName: 'Globex',
      domain: 'globex.example',
      sizes: sizes('msp'),
      provider: MSP_PROVIDER_ID,
    }),
    org({
      label: 'msp-2',
      displayName: 'Initech',
      domain: 'initech.example',
      sizes: sizes('msp'),
      provider: MSP_PROVIDER_ID,
    }),
    org({
      label: 'msp-3',
      displayName: 'Umbrella Health',
      domain: 'umbrella.example',
      sizes: sizes('msp'),
      provider: MSP_PROVIDER_ID,
      nullDisplayName: true,
    }),
  ]
  // Small organizations, generated only when one is read; a few list without a display name.
  const mspMany = MANY_ORGANIZATION_NAMES.map((name, index) =>
    org({
      label: `msp-many-${index + 1}`,
      displayName: name,
      domain: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example`,
      sizes: { ...sizes('msp'), users: 8, devices: 5, applications: 2, admins: 1, eventsPerDay: 2 },
      provider: MANY_PROVIDER_ID,
      nullDisplayName: index % 25 === 24,
    }),
  )
  const large = org({
    label: 'large',
    displayName: 'Hooli',
    domain: 'hooli.example',
    sizes: sizes('large'),
  })
  const churning = org({
    label: 'churning',
    displayName: 'Vandelay Industries',
    domain: 'vandelay.example',
    sizes: sizes('msp'),
  })
  const all = [single, ...msp, large, churning, ...mspMany]

  const registry = new KeyRegistry(createRandom(deriveSeed(seed, 'keys')))
  const keys: Record<Scenario, string> = { ...SCENARIO_KEYS }
  const singleAdmin = (behaviour: Account['behaviour']): Account => ({
    organizations: [single],
    multiTenant: false,
    behaviour,
  })
  registry.set(keys.single, singleAdmin('normal'))
  registry.set(keys.msp, { organizations: msp, multiTenant: true, behaviour: 'normal' })
  registry.set(keys.mspMany, {
    organizations: mspMany,
    multiTenant: true,
    behaviour: 'normal',
  })
  registry.set(keys.large, { organizations: [large], multiTenant: false, behaviour: 'normal' })
  registry.set(keys.churning, {
    organizations: [churning],
    multiTenant: false,
    behaviour: 'normal',
  })
  registry.set(keys.forbidden, singleAdmin('forbidden'))
  registry.set(keys.rateLimited, singleAdmin('rateLimited'))
  registry.set(keys.slow, singleAdmin('slow'))
  registry.set(keys.flaky, singleAdmin('flaky'))
  // keys.invalid is deliberately never registered.

  const clock = options.clock ?? Date.now
  const serviceAccountRegistry = new ServiceAccountRegistry(
    clock,
    options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS,
  )
  const serviceAccounts: Record<ServiceAccountScenario, ServiceAccountCredentials> = {
    ...SCENARIO_SERVICE_ACCOUNTS,
  }
  const sa = SCENARIO_SERVICE_ACCOUNTS
  serviceAccountRegistry.register(sa.single.clientId, singleAdmin('normal'), {
    secrets: [sa.single.clientSecret],
  })
  serviceAccountRegistry.register(
    sa.msp.clientId,
    { organizations: msp, multiTenant: true, behaviour: 'normal' },
    { secrets: [sa.msp.clientSecret] },
  )
  // Its documented secret is not one it accepts.
  serviceAccountRegistry.register(sa.invalidSecret.clientId, singleAdmin('normal'), {
    secrets: [],
  })
  serviceAccountRegistry.register(sa.expiredSecret.clientId, singleAdmin('normal'), {
    expiredSecrets: [sa.expiredSecret.clientSecret],
  })
  serviceAccountRegistry.register(sa.throttled.clientId, singleAdmin('normal'), {
    secrets: [sa.throttled.clientSecret],
    throttled: true,
  })

  const findOrganization = (id: string | undefined) => {
    const found = id === undefined ? single : all.find((o) => o.id === id)
    if (!found) throw new Error(`unknown organization ${id}`)
    return found
  }

  const app = new Hono<SandboxEnv>()
  const writes = createWriteRecorder()
  const sandbox: Sandbox = {
    app,
    keys,
    organizations: { single, msp, large, churning, mspMany },
    listOrganizations: () => all,
    rotateKey(oldKey) {
      const newKey = registry.rotate(oldKey)
      for (const name of Object.keys(keys) as Scenario[])
        if (keys[name] === oldKey) keys[name] = newKey
      return newKey
    },
    revokeKeyPermissions: (key) => registry.setBehaviour(key, 'forbidden'),
    serviceAccounts,
    rotateClientSecret(clientId) {
      const secret = serviceAccountRegistry.rotateSecret(clientId)
      for (const name of Object.keys(serviceAccounts) as ServiceAccountScenario[]) {
        const current = serviceAccounts[name]
        if (current.clientId === clientId)
          serviceAccounts[name] = { clientId, clientSecret: secret }
      }
      return secret
    },
    expireAccessTokens: (clientId) => serviceAccountRegistry.expireTokens(clientId),
    tokenRequests: (clientId) => serviceAccountRegistry.tokenRequests(clientId),
    tokenRequestCounts: () => serviceAccountRegistry.counts(),
    suspendUser(userId, organizationId) {
      const user = findOrganization(organizationId).suspendUser(userId)
      if (!user) throw new Error(`unknown user ${userId}`)
      return user
    },
    addDevice(request = {}) {
      const { organizationId, ...device } = request
      return findOrganization(organizationId).addDevice(device)
    },
    writeRequests: writes.list,
    resetWriteRequests: writes.reset,
  }

  app.use('*', async (c, next) => {
    await next()
    // The headers JumpCloud's nginx front sends on every answer (jumpcloud-api.md §1).
    if (c.res.headers.get('content-type')?.startsWith('application/json')) {
      c.res.headers.set('content-type', 'application/json; charset=utf-8')
    }
    c.res.headers.set('cache-control', 'no-store')
    c.res.headers.set('pragma', 'no-cache')
    c.res.headers.set('server', 'nginx')
  })
  app.route('/_sandbox', adminRoutes(sandbox))
  app.route('/_sandbox', changeRoutes(sandbox))

  // The churning organization starts changing when its key is first used, not before.
  let churnStarted = false
  const startChurnOnce = createMiddleware<SandboxEnv>(async (c, next) => {
    if (!churnStarted && c.req.header('x-api-key') === keys.churning) {
      churnStarted = true
      startChurn(churning, {
        everyMs: options.churnEveryMs ?? 3000,
        random: createRandom(deriveSeed(seed, 'churn')),
      })
    }
    await next()
  })
  app.use('/api/*', startChurnOnce)
  app.use('/insights/*', startChurnOnce)
  // Real JumpCloud serves this from admin-oauth.id.jumpcloud.com; here it shares the origin.
  app.route('/oauth2', oauthRoutes(serviceAccountRegistry))

  // Not JumpCloud: what a person opening the sandbox's address in a browser wants to know.
  app.get('/', (c) => c.html(homePage(c.req.url)))

  const sleep = options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)))
  const latencyMs = options.latencyMs ?? 0
  if (latencyMs > 0) {
    const delay = createMiddleware<SandboxEnv>(async (_c, next) => {
      await sleep(latencyMs)
      await next()
    })
    app.use('/api/*', delay)
    app.use('/insights/*', delay)
    app.use('/oauth2/*', delay)
  }
  const auth = jumpcloudAuth(
    registry,
    {
      slowLatencyMs: options.slowLatencyMs ?? 1500,
      flakyFailureRate: options.flakyFailureRate ?? 0.3,
      flakyDropShare: options.flakyDropShare ?? 0.5,
      rateLimit: {
        requestsPerWindow: options.rateLimit?.requestsPerWindow ?? 0,
        windowSeconds: options.rateLimit?.windowSeconds ?? 1,
      },
      sleep,
      random: createRandom(deriveSeed(seed, 'flaky')),
      clock: Date.now,
    },
    serviceAccountRegistry,
  )
  // Counted before the key is checked: a write that reaches the directory at all is counted.
  app.use('/api/*', writes.middleware)
  app.use('/api/*', auth)
  app.use('/insights/*', auth)
  app.route('/api/v2/systeminsights', systemInsightsRoutes())
  app.route('/api/v2', v2Routes())
  app.route('/api/v2', userGroupWriteRoutes())
  app.route('/api/v2', associationRoutes())
  app.route('/api', v1Routes())
  app.route('/api', userWriteRoutes())
  app.route('/insights/directory/v1', directoryInsightsRoutes(Date.now))

  app.notFound((c) => {
    const { status, body } = errors.notFound('Resource')
    return c.json(body, status)
  })
  app.onError((error, c) => {
    if (error instanceof DroppedConnection || error.cause instanceof DroppedConnection) {
      // In-process there is no socket to drop: fail the way fetch does on a dropped connection.
      // (Hono hands a rethrown error to this handler once more, hence the `cause` check.)
      throw error instanceof TypeError ? error : new TypeError('fetch failed', { cause: error })
    }
    const response =
      error instanceof ApiError
        ? error.response
        : error instanceof FilterError || error instanceof QueryError
          ? errors.badRequest(familyOf(c.req.path), error.message)
          : errors.serverError(500)
    for (const [name, value] of Object.entries(response.headers ?? {})) c.header(name, value)
    return c.json(response.body, response.status)
  })
  return sandbox
}
