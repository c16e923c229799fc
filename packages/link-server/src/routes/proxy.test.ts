import { createSandbox, SCENARIO_KEYS } from '@jumplink/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectError } from '../fixtures/flow'
import { createHarness, type Harness } from '../fixtures/harness'
import { connectWith } from '../fixtures/sandbox-connection'
import { upstreamPath } from './proxy'

/** `/v1/proxy/*` over the sandbox, every upstream request recorded. */
let h: Harness
const sandbox = createSandbox()
const org = sandbox.organizations.msp[1]
const seen: { url: string; method: string; headers: Headers }[] = []
let readOnly: string
let readWrite: string

beforeAll(async () => {
  h = await createHarness({
    fetch: (url, init) => {
      seen.push({ url, method: String(init.method), headers: new Headers(init.headers) })
      return Promise.resolve(sandbox.app.request(url, init))
    },
  })
  readOnly = (await connectWith(h, SCENARIO_KEYS.msp, org?.id ?? '')).token
  readWrite = (
    await connectWith(h, SCENARIO_KEYS.msp, org?.id ?? '', { permissions: 'read_write' })
  ).token
})
afterAll(() => h.close())

describe('proxy', () => {
  it('passes a read through with the stored key and x-org-id, and none of the caller’s credentials', async () => {
    seen.length = 0
    const res = await h.call('GET', '/v1/proxy/api/systemusers?limit=2&sort=_id', {
      token: readOnly,
      headers: {
        connection: 'x-hop',
        'x-hop': 'secret-hop',
        'keep-alive': 'timeout=5',
        cookie: 'session=abc',
        'x-eventually-consistent': 'true',
      },
    })
    expect(res.status).toBe(200)
    const text = await res.text()
    const body = JSON.parse(text) as { totalCount: number; results: unknown[] }
    expect(body.results).toHaveLength(2)
    expect(body.totalCount).toBe(org?.data.users.length)
    expect(text).not.toContain(SCENARIO_KEYS.msp)
    for (const [, value] of res.headers) expect(value).not.toContain(SCENARIO_KEYS.msp)

    const [call] = seen
    expect(new URL(call?.url ?? '').pathname).toBe('/api/systemusers')
    expect(new URL(call?.url ?? '').search).toBe('?limit=2&sort=_id')
    expect(call?.headers.get('x-api-key')).toBe(SCENARIO_KEYS.msp)
    expect(call?.headers.get('x-org-id')).toBe(org?.id)
    expect(call?.headers.get('x-eventually-consistent')).toBe('true')
    for (const stripped of ['authorization', 'cookie', 'x-hop', 'keep-alive', 'connection']) {
      expect(call?.headers.has(stripped), stripped).toBe(false)
    }
  })

  it('passes upstream errors and bodies through as they are', async () => {
    const res = await h.call('GET', '/v1/proxy/api/systemusers/000000000000000000000000', {
      token: readOnly,
    })
    expect(res.status).toBe(404)
    expect(await res.json()).not.toHaveProperty('error.request_id')
  })

  it('allows writes only on read_write connections', async () => {
    await expectError(
      await h.call('POST', '/v1/proxy/api/systemusers', { token: readOnly, body: {} }),
      'write_not_permitted',
    )
    seen.length = 0
    const res = await h.call('POST', '/v1/proxy/api/systemusers', { token: readWrite, body: {} })
    expect(res.status).not.toBe(403)
    expect(seen.map((s) => s.method)).toEqual(['POST'])
  })

  it('refuses paths that would leave the directory’s API', async () => {
    seen.length = 0
    for (const path of [
      '/v1/proxy/api/%2e%2e/_sandbox',
      '/v1/proxy/api/..%2f_sandbox',
      '/v1/proxy/_sandbox',
      '/v1/proxy//evil.example/api/systemusers',
      '/v1/proxy/https://evil.example/api/systemusers',
    ]) {
      await expectError(await h.call('GET', path, { token: readOnly }), 'invalid_request')
    }
    expect(seen).toEqual([])
  })

  it('needs an integration token', async () => {
    await expectError(await h.call('GET', '/v1/proxy/api/systemusers'), 'missing_credentials')
    await expectError(
      await h.call('GET', '/v1/proxy/api/systemusers', { token: h.secret }),
      'invalid_token',
    )
  })
})

describe('upstreamPath', () => {
  it('keeps ordinary API paths and rejects dot segments and encoded slashes', () => {
    expect(upstreamPath('/api/v2/usergroups/abc/membership')).toBe(
      '/api/v2/usergroups/abc/membership',
    )
    for (const bad of ['api/x', '//x', '/api/../x', '/api/%2E/x', '/api/a%5cb', '/api//x']) {
      expect(() => upstreamPath(bad), bad).toThrow()
    }
  })
})
