import { afterEach, describe, expect, it, vi } from 'vitest'
import { api } from './api'

/** The host app's API as the page's fetch sees it: these answers, in order. */
function answers(...replies: (() => Response)[]) {
  const fetch = vi.fn(async (_path: string) => {
    const next = replies.shift()
    if (!next) throw new Error('no more answers')
    return next()
  })
  vi.stubGlobal('fetch', fetch)
  return fetch
}

const ok = () => Response.json({ groups: {}, lastLoginAt: {}, apps: { u_1: ['Slack'] } })
const failed = (status: number, code?: string) => () =>
  Response.json({ error: { message: `failed ${status}`, ...(code ? { code } : {}) } }, { status })

afterEach(() => vi.unstubAllGlobals())

describe('the page reading the directory', () => {
  it('tries a failed read once more before showing the error', async () => {
    const fetch = answers(failed(502, 'provider_unavailable'), ok)
    expect(await api.accessReviewActivity('conn_1')).toEqual({
      groups: {},
      lastLoginAt: {},
      apps: { u_1: ['Slack'] },
    })
    expect(fetch).toHaveBeenCalledTimes(2)
    expect(fetch.mock.calls[1]?.[0]).toBe('/api/connections/conn_1/access-review/activity')
  })

  it('shows the error when the second try fails too, after two tries only', async () => {
    const fetch = answers(failed(503), failed(503), ok)
    await expect(api.accessReviewPeople('conn_1')).rejects.toThrow('failed 503')
    expect(fetch).toHaveBeenCalledTimes(2)
  })

  it('does not retry a refusal (a revoked or broken connection)', async () => {
    const fetch = answers(failed(409, 'connection_revoked'), ok)
    await expect(api.accessReviewPeople('conn_1')).rejects.toMatchObject({
      status: 409,
      code: 'connection_revoked',
    })
    expect(fetch).toHaveBeenCalledTimes(1)
  })
})
