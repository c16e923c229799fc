import { createSandbox, SCENARIO_KEYS } from '@jumplink/sandbox'
import { describe, expect, it } from 'vitest'
import type { DirectorySession, UnifiedListRequest } from '../../provider'
import { createJumpcloudHttp } from '../http'
import { USER_FIELDS } from '../mappers/user'
import { createDirectoryReader } from './index'

const sandbox = createSandbox({ seed: 17, now: '2025-06-02T00:00:00.000Z' })
const org = sandbox.organizations.single
const calls: URL[] = []
const reader = createDirectoryReader(
  createJumpcloudHttp({
    baseUrl: 'http://sandbox.test',
    fetch: (url, init) => {
      calls.push(new URL(url))
      return Promise.resolve(sandbox.app.request(url, init))
    },
    maxRetries: 0,
  }),
)
let connection = 0
const session = (): DirectorySession => ({
  connectionId: `conn_${++connection}`,
  credential: SCENARIO_KEYS.single,
  region: 'us',
  organizationId: org.id,
})
const request = (includeRemoteData: boolean): UnifiedListRequest => ({
  collection: 'users',
  filters: {},
  limit: 50,
  expand: [],
  includeRemoteData,
})

/** The `fields` of the page's systemusers call ('' when it asked for whole records). */
function fieldsAsked(): string | null {
  const page = calls.find((url) => url.pathname === '/api/systemusers')
  expect(page).toBeDefined()
  return page?.searchParams.get('fields') ?? ''
}

describe('a page of users asks the directory for what it maps', () => {
  it('without remote data, only the mapped fields (V1 `fields`), and maps them as whole records', async () => {
    calls.length = 0
    const projected = await reader.list(session(), request(false))
    expect(fieldsAsked()).toBe(USER_FIELDS.join(' '))

    calls.length = 0
    const whole = await reader.list(session(), request(true))
    expect(fieldsAsked()).toBe('')
    const withoutRemote = (whole.result as Record<string, unknown>[]).map(
      ({ remote_data: _, ...user }) => user,
    )
    expect(projected.result).toHaveLength(50)
    expect(projected.result).toEqual(withoutRemote)
    expect(projected.next).toEqual(whole.next)
  })

  it('with remote data, whole records: fields the model does not map are in remote_data', async () => {
    const page = await reader.list(session(), request(true))
    const first = (page.result as { remote_data?: Record<string, unknown> }[])[0]
    expect(first?.remote_data).toHaveProperty('addresses')
    expect(first?.remote_data).toHaveProperty('creationSource')
  })
})
