import { describe, expect, it } from 'vitest'
import { completeLink, LinkSessionInfoSchema, listLinkOrganizations } from './link'
import { parseInput } from './validation'

const key = `jca_${'a1'.repeat(18)}`

describe('link API bodies', () => {
  it('trims a pasted key and keeps the region', () => {
    const result = parseInput(listLinkOrganizations.body, { api_key: ` ${key}\n`, region: 'eu' })
    expect(result).toEqual({ ok: true, data: { api_key: key, region: 'eu' } })
  })

  it('round-trips a completion body', () => {
    const body = { api_key: key, region: 'us', organization_id: '64b0c1d2e3f4a5b6c7d8e9f0' }
    expect(parseInput(completeLink.body, body)).toEqual({ ok: true, data: body })
  })

  it.each([
    ['an empty key', { api_key: '   ', region: 'us' }, 'api_key'],
    ['a 513-character key', { api_key: 'k'.repeat(513), region: 'us' }, 'api_key'],
    ['an unknown region', { api_key: key, region: 'mars' }, 'region'],
    ['no region', { api_key: key }, 'region'],
    ['the key under another name', { apiKey: key, region: 'us' }, 'apiKey'],
    // Keys go out in an HTTP header: what a header cannot carry is bad input, not a 502.
    ['a key with a NUL', { api_key: `${key}\u0000`, region: 'us' }, 'api_key'],
    ['a key with CR/LF inside', { api_key: `jca_a\r\nx-injected: 1`, region: 'us' }, 'api_key'],
    ['a key with an RTL override', { api_key: `\u202e${key}`, region: 'us' }, 'api_key'],
    ['a key with a space inside', { api_key: 'jca_abc def', region: 'us' }, 'api_key'],
  ])('rejects %s when listing organizations', (_label, body, path) => {
    const result = parseInput(listLinkOrganizations.body, body)
    if (result.ok) throw new Error('expected a failure')
    expect(result.error.code).toBe('invalid_request')
    expect(result.error.details?.issues?.map((issue) => issue.path)).toContain(path)
  })

  it('rejects an organization id a header cannot carry', () => {
    for (const organization_id of ['64b0\u0000', 'org\r\nx: 1', '\u{1f600}']) {
      const result = parseInput(completeLink.body, { api_key: key, region: 'us', organization_id })
      expect(result.ok || result.error.details?.issues?.[0]?.path).toBe('organization_id')
    }
  })

  it('rejects a completion without an organization', () => {
    const result = parseInput(completeLink.body, { api_key: key, region: 'us' })
    expect(result.ok || result.error.code).toBe('invalid_request')
  })

  it('takes a service account instead of a key, trimmed', () => {
    const body = {
      service_account: { client_id: ' sa-123 ', client_secret: 'S3cret-Value\n' },
      region: 'eu',
    }
    expect(parseInput(listLinkOrganizations.body, body)).toEqual({
      ok: true,
      data: {
        service_account: { client_id: 'sa-123', client_secret: 'S3cret-Value' },
        region: 'eu',
      },
    })
    const complete = { ...body, organization_id: '64b0c1d2e3f4a5b6c7d8e9f0' }
    expect(parseInput(completeLink.body, complete).ok).toBe(true)
  })

  it.each([
    ['neither credential', { region: 'us' }, ''],
    [
      'both credentials',
      { api_key: key, service_account: { client_id: 'a', client_secret: 'b' }, region: 'us' },
      '',
    ],
    [
      'a service account without a secret',
      { service_account: { client_id: 'a' }, region: 'us' },
      'service_account.client_secret',
    ],
    [
      'a secret with CR/LF inside',
      { service_account: { client_id: 'a', client_secret: 'x\r\ny: 1' }, region: 'us' },
      'service_account.client_secret',
    ],
    [
      'an unknown field in the service account',
      { service_account: { client_id: 'a', client_secret: 'b', scope: 'x' }, region: 'us' },
      'service_account.scope',
    ],
  ])('rejects %s', (_label, body, path) => {
    for (const schema of [listLinkOrganizations.body, completeLink.body]) {
      const result = parseInput(schema, { organization_id: 'o1', ...body })
      if (result.ok) throw new Error('expected a failure')
      expect(result.error.code).toBe('invalid_request')
      expect(result.error.details?.issues?.map((issue) => issue.path)).toContain(path)
    }
  })

  it('describes an update session with its connection', () => {
    const info = {
      host_app: { name: 'Acme Reviews' },
      provider: 'jumpcloud',
      mode: 'update',
      permissions: 'read',
      end_user: { id: 'u1' },
      connection: {
        id: 'conn_abcdefghijklmnopqrstuv',
        organization: { id: 'o1', name: 'Acme' },
        region: 'us',
        credential_kind: 'api_key',
        permissions: 'read',
      },
      expires_at: '2026-11-22T10:00:00.000Z',
    }
    expect(LinkSessionInfoSchema.parse(info)).toEqual(info)
    expect(LinkSessionInfoSchema.safeParse({ ...info, provider: 'okta' }).success).toBe(false)
  })
})
