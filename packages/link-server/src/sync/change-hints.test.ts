import { createSandbox, SCENARIO_KEYS } from '@jumplink/sandbox'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createVault, type Vault } from '../crypto/vault'
import { createHarness, type Harness } from '../fixtures/harness'
import { connectWith } from '../fixtures/sandbox-connection'
import { checkChangeHints } from './change-hints'
import { syncConnection } from './run-sync'

const sandbox = createSandbox()
const org = sandbox.organizations.single
const logger = pino({ level: 'silent' })
let h: Harness
let vault: Vault

beforeAll(async () => {
  h = await createHarness({ fetch: (url, init) => Promise.resolve(sandbox.app.request(url, init)) })
  vault = await createVault({ keys: [h.masterKey], activeKeyId: h.masterKey.id })
})
afterAll(() => h.close())

describe('change hints between syncs', () => {
  it("requests a sync when the directory's audit log records a change since the last one", async () => {
    const { connectionId } = await connectWith(h, SCENARIO_KEYS.single, org.id)
    const requested: string[] = []
    const check = (now: Date) =>
      checkChangeHints({
        store: h.store,
        vault,
        providers: h.providers,
        logger,
        now,
        everySeconds: 60,
        requestSync: async (target) => {
          requested.push(target.connectionId)
          return true
        },
      })
    // No baseline yet: nothing to compare with, the schedule syncs it first.
    expect(await check(new Date())).toEqual({ asked: 0, requested: 0 })

    const deps = { store: h.store, vault, providers: h.providers, logger, now: () => new Date() }
    await syncConnection(deps, { hostAppId: h.hostAppId, connectionId })
    const t0 = new Date()
    expect(await check(t0)).toEqual({ asked: 1, requested: 0 })
    expect(requested).toEqual([])

    const user = org.data.users.find((u) => u.state === 'ACTIVATED')
    if (!user) throw new Error('an active user')
    const res = await sandbox.app.request(`/_sandbox/organizations/${org.id}/users/${user._id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ suspended: true }),
    })
    expect(res.status).toBe(200)
    // Asked again within the interval: not claimed, so not asked.
    expect(await check(new Date(t0.getTime() + 30_000))).toEqual({ asked: 0, requested: 0 })
    // After it: the change is found and a sync requested, for this connection only.
    const later = await check(new Date(t0.getTime() + 61_000))
    expect(later).toMatchObject({ requested: 1 })
    expect(requested).toEqual([connectionId])

    // The sync it starts moves the mark: the same change does not ask again.
    await syncConnection(deps, { hostAppId: h.hostAppId, connectionId })
    expect(await check(new Date(t0.getTime() + 122_000))).toEqual({ asked: 1, requested: 0 })
    expect(requested).toEqual([connectionId])
  }, 60_000)
})
