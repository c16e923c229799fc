import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, expectError } from '../fixtures/flow'
import { createHarness, type Harness } from '../fixtures/harness'

let h: Harness
beforeAll(async () => {
  h = await createHarness()
})
afterAll(() => h.close())

describe('GET and PATCH /v1/host-app', () => {
  it('reads the sync interval, 15 minutes by default', async () => {
    const res = await h.call('GET', '/v1/host-app', { token: h.secret })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      id: h.hostAppId,
      name: 'Acme HR',
      sync_interval_seconds: 900,
    })
  })

  it('sets the interval, and the schedule follows it', async () => {
    const { connectionId } = await connect(h)
    const started = new Date(h.clock.now.getTime() - 120_000)
    await h.store.changes.beginSync(connectionId, started)
    const due = async () =>
      (await h.store.changes.dueConnections(h.clock.now, 100)).map((c) => c.id)
    expect(await due()).not.toContain(connectionId)

    const res = await h.call('PATCH', '/v1/host-app', {
      token: h.secret,
      body: { sync_interval_seconds: 60 },
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ sync_interval_seconds: 60 })
    expect(await due()).toContain(connectionId)
    const read = await h.call('GET', '/v1/host-app', { token: h.secret })
    expect(await read.json()).toMatchObject({ sync_interval_seconds: 60 })
  })

  it('refuses less than a minute, more than a day, fractions and unknown fields', async () => {
    for (const body of [
      { sync_interval_seconds: 59 },
      { sync_interval_seconds: 0 },
      { sync_interval_seconds: 86_401 },
      { sync_interval_seconds: 90.5 },
      { sync_interval_seconds: '300' },
      { interval: 300 },
    ]) {
      const error = await expectError(
        await h.call('PATCH', '/v1/host-app', { token: h.secret, body }),
        'invalid_request',
      )
      expect(JSON.stringify(error.details)).toMatch(/sync_interval_seconds|interval/)
    }
    const read = await h.call('GET', '/v1/host-app', { token: h.secret })
    expect(await read.json()).toMatchObject({ sync_interval_seconds: 60 })
  })

  it('needs the secret key', async () => {
    await expectError(await h.call('GET', '/v1/host-app'), 'missing_credentials')
    await expectError(
      await h.call('PATCH', '/v1/host-app', {
        token: 'jl_sk_nope',
        body: { sync_interval_seconds: 300 },
      }),
      'invalid_secret_key',
    )
  })
})
