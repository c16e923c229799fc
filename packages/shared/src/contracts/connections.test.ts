import { describe, expect, it } from 'vitest'
import { ConnectionSchema, listConnections } from './connections'
import { exchangeToken } from './tokens'
import { parseInput } from './validation'

const connection = {
  id: 'conn_abcdefghijklmnopqrstuv',
  end_user_id: 'u1',
  organization: { id: '64b0c1d2e3f4a5b6c7d8e9f0', name: 'Acme' },
  region: 'us',
  permissions: 'read',
  credential_kind: 'service_account',
  status: 'broken',
  status_reason: 'invalid_api_key',
  created_at: '2026-11-01T09:00:00.000Z',
  last_checked_at: null,
}

describe('connections and token exchange', () => {
  it('round-trips a connection through JSON', () => {
    expect(ConnectionSchema.parse(JSON.parse(JSON.stringify(connection)))).toEqual(connection)
  })

  it('never lets a key-like field into a connection', () => {
    const parsed = ConnectionSchema.parse({ ...connection, api_key: 'jca_leak' })
    expect(parsed).not.toHaveProperty('api_key')
  })

  it('accepts a public token exchange and rejects an empty one', () => {
    expect(parseInput(exchangeToken.body, { public_token: 'pt_abc' }).ok).toBe(true)
    const bad = parseInput(exchangeToken.body, { public_token: '' })
    expect(bad.ok || bad.error.code).toBe('invalid_request')
    const missing = parseInput(exchangeToken.body, null)
    expect(missing.ok || missing.error.code).toBe('invalid_request')
  })

  it('coerces list query strings and rejects unknown statuses', () => {
    expect(parseInput(listConnections.query, { status: 'active', limit: '20' })).toEqual({
      ok: true,
      data: { status: 'active', limit: 20 },
    })
    const bad = parseInput(listConnections.query, { status: 'deleted' })
    expect(bad.ok || bad.error.code).toBe('invalid_request')
  })
})
