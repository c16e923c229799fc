import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, expectError } from '../fixtures/flow'
import { createHarness, type Harness } from '../fixtures/harness'

let h: Harness
beforeAll(async () => {
  h = await createHarness()
})
afterAll(() => h.close())

describe('GET /v1/connections/:id/sync', () => {
  it("says where the connection's syncs stand", async () => {
    const { connectionId } = await connect(h)
    const status = async () => {
      const res = await h.call('GET', `/v1/connections/${connectionId}/sync`, { token: h.secret })
      expect(res.status).toBe(200)
      return res.json()
    }
    expect(await status()).toEqual({
      connection_id: connectionId,
      baseline_at: null,
      last_started_at: null,
      last_finished_at: null,
      last_error: null,
    })
    const started = new Date('2026-11-20T10:00:00.000Z')
    const finished = new Date('2026-11-20T10:00:07.000Z')
    await h.store.changes.beginSync(connectionId, started)
    expect(await status()).toMatchObject({ last_started_at: started.toISOString() })
    await h.store.changes.finishSync({ connectionId, now: finished, baseline: true, error: null })
    expect(await status()).toEqual({
      connection_id: connectionId,
      baseline_at: finished.toISOString(),
      last_started_at: started.toISOString(),
      last_finished_at: finished.toISOString(),
      last_error: null,
    })
    await expectError(
      await h.call('GET', '/v1/connections/conn_AAAAAAAAAAAAAAAAAAAAAAAA/sync', {
        token: h.secret,
      }),
      'connection_not_found',
    )
  })
})
