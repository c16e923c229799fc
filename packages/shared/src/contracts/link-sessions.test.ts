import { describe, expect, it } from 'vitest'
import { CreateLinkSessionRequestSchema, createLinkSession } from './link-sessions'
import { parseInput } from './validation'

const parse = (body: unknown) => parseInput(createLinkSession.body, body)

describe('POST /v1/link-sessions body', () => {
  it('defaults permissions to read and allows duplicate organizations', () => {
    const result = parse({ end_user: { id: 'user-42' } })
    expect(result).toEqual({
      ok: true,
      data: { end_user: { id: 'user-42' }, permissions: 'read', allow_duplicates: true },
    })
  })

  it('round-trips a full update-mode body', () => {
    const body = {
      end_user: { id: 'u1', email: 'it@example.com', name: 'Ada' },
      permissions: 'read_write',
      connection_id: 'conn_abcdefghijklmnopqrstuv',
      allow_duplicates: false,
    }
    const first = CreateLinkSessionRequestSchema.parse(body)
    expect(CreateLinkSessionRequestSchema.parse(JSON.parse(JSON.stringify(first)))).toEqual(body)
  })

  it.each([
    ['a missing end user', {}, 'end_user'],
    ['an empty end user id', { end_user: { id: '  ' } }, 'end_user.id'],
    ['an end user id of 257 characters', { end_user: { id: 'x'.repeat(257) } }, 'end_user.id'],
    ['a bad email', { end_user: { id: 'u', email: 'not-an-email' } }, 'end_user.email'],
    ['unknown permissions', { end_user: { id: 'u' }, permissions: 'admin' }, 'permissions'],
    ['a malformed connection id', { end_user: { id: 'u' }, connection_id: 'abc' }, 'connection_id'],
    ['an unknown field', { end_user: { id: 'u' }, redirect_uri: 'x' }, 'redirect_uri'],
    ['a number for the id', { end_user: { id: 42 } }, 'end_user.id'],
  ])('rejects %s with invalid_request', (_label, body, path) => {
    const result = parse(body)
    if (result.ok) throw new Error('expected a failure')
    expect(result.error.code).toBe('invalid_request')
    expect(result.error.status).toBe(400)
    expect(result.error.details?.issues?.map((issue) => issue.path)).toContain(path)
  })
})
