// The demo host app's access review of the 250-person organization on a slow directory: every
// JumpCloud call through the slow scenario key answers after 1.5 s. The reads the review page
// makes, at once (examples/host-app/src/server/directory.ts through the SDK: the people, and
// their last login and apps), against the built link
// server on PostgreSQL with its default per-connection cap of 10, on a fresh connection (nothing
// cached). The sandbox counts the calls in flight, so the cap is measured, not assumed.
import { readReviewActivity, readReviewPeople } from '../examples/host-app/src/server/directory.ts'
import { createJumpLinkClient } from '../packages/client/src/index.ts'
import { DEMO_SECRET_KEY } from '../packages/link-server/src/host-apps.ts'
import { DEFAULT_DIRECTORY_CONCURRENCY } from '../packages/link-server/src/providers/provider.ts'
import { SCENARIO_KEYS } from '../packages/sandbox/src/index.ts'
import { buildPackages } from '../scripts/build-packages.mjs'
import { defineBenchmark, type Measurement } from './harness.ts'
import { startLinkServerOnPostgres } from './support/postgres.ts'
import { connectOrganization, organizationOf, startSandboxProcess } from './support/processes.ts'
import { round } from './support/stats.ts'

/** The slow key's delay on every call (the sandbox's default, set explicitly). */
const SLOW_MS = 1500
const CAP = DEFAULT_DIRECTORY_CONCURRENCY
const PEOPLE = 250

export default defineBenchmark({
  name: 'access-review-slow',
  description: `The demo's access review of the ${PEOPLE}-person organization through the slow key (${SLOW_MS} ms per directory call), cap ${CAP}`,
  async run() {
    await buildPackages({ quiet: true })
    const sandbox = await startSandboxProcess({ slowLatencyMs: SLOW_MS })
    const server = await startLinkServerOnPostgres({
      directoryUrl: sandbox.url,
      env: { LINK_DIRECTORY_CONCURRENCY: String(CAP) },
    })
    try {
      const organizationId = await organizationOf(sandbox.url, SCENARIO_KEYS.slow)
      const token = await connectOrganization(server.url, SCENARIO_KEYS.slow, organizationId)
      const jumplink = createJumpLinkClient({ baseUrl: server.url, secretKey: DEMO_SECRET_KEY })

      const review = async () => {
        await sandbox.resetInFlight()
        const started = performance.now()
        let peopleMs = 0
        const [people, activity] = await Promise.all([
          readReviewPeople(jumplink, token).then((read) => {
            peopleMs = performance.now() - started
            return read
          }),
          readReviewActivity(jumplink, token),
        ])
        const ms = performance.now() - started
        const counted = await sandbox.inFlight()
        if (people.length !== PEOPLE) throw new Error(`the review listed ${people.length} people`)
        const logins = Object.values(activity.lastLoginAt).filter((at) => at !== null)
        if (logins.length === 0 || Object.keys(activity.apps).length === 0) {
          throw new Error('the review came back without last logins or apps')
        }
        return { ms, peopleMs, calls: counted.total, maxInFlight: counted.max }
      }
      const cold = await review()
      const warm = await review()
      const lowerBound = Math.ceil(cold.calls / CAP) * SLOW_MS
      const measurements: Measurement[] = [
        {
          name: 'access review, slow key, fresh connection',
          value: Math.round(cold.ms),
          unit: 'ms',
          target: { max: 8000 },
          note: `${cold.calls} directory calls of ${SLOW_MS} ms, at most ${cold.maxInFlight} at once: no fewer than ${round(lowerBound / 1000, 1)} s with ${CAP} at a time`,
          why: `${cold.calls} directory calls of ${SLOW_MS} ms with at most ${CAP} in flight take at least ${round(lowerBound / 1000, 1)} s even perfectly packed; calls that need an earlier answer (a page's later pages after its first, group members after the group list, assignments after the application list) wait a round more.`,
        },
        {
          name: 'access review, slow key: the people (first part shown)',
          value: Math.round(cold.peopleMs),
          unit: 'ms',
          note: 'name, status and MFA of every person; groups, last logins and apps follow',
        },
        {
          name: 'access review, slow key, again within the minute',
          value: Math.round(warm.ms),
          unit: 'ms',
          note: `${warm.calls} directory calls: memberships, admins and logins are kept a minute per connection`,
        },
        {
          name: 'most directory calls in flight at once',
          value: Math.max(cold.maxInFlight, warm.maxInFlight),
          unit: 'calls',
          target: { max: CAP },
          note: `counted at the sandbox; the configured cap is ${CAP} per connection`,
        },
      ]
      return measurements
    } finally {
      await server.stop()
      await sandbox.stop()
    }
  },
})
