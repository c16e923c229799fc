import { DeviceSchema, UserSchema } from '@jumplink/shared'
import { describe, expect, it } from 'vitest'
import {
  admins,
  applications,
  at,
  events,
  insights,
  organizations,
  systems,
  systemUsers,
  userGroups,
} from '../fixtures'
import { mapApplication } from './application'
import { mapDevice } from './device'
import { mapEvent } from './event'
import { mapGroup } from './group'
import { mapOrganization } from './organization'
import { deviceRemoteData, isDeniedKey, redact, withRemoteData } from './remote-data'
import { mapUser } from './user'

/** Every secret planted in the fixtures. */
const SECRETS = [
  'AAAAC3NzaC1lZDI1NTE5AAAAIFAKEKEY',
  'jane.recovery@example.invalid',
  'hunter2-do-not-leak',
  'p-secret-77',
  'jca_7Qx',
  'c0nnect10nKeyThatMustNeverLeak',
  'BEGIN PRIVATE KEY',
  'tok_live_',
  'oidc-secret-never-shown',
  'n3wPassw0rd',
]

function keysOf(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) keysOf(item, into)
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      into.push(key)
      keysOf(item, into)
    }
  }
  return into
}

function expectClean(output: unknown) {
  const text = JSON.stringify(output)
  for (const secret of SECRETS) expect(text).not.toContain(secret)
  expect(keysOf(output).filter(isDeniedKey)).toEqual([])
}

const orgId = '64b0c1d2e3f4a5b6c7d8e9f0'

describe('withRemoteData', () => {
  it('never returns a secret from any fixture', () => {
    const raws: unknown[] = [
      ...systemUsers,
      ...admins,
      ...organizations,
      ...userGroups,
      ...systems,
      ...applications,
      ...events,
      insights,
    ]
    // The fixtures do hold every secret, so the check below is not vacuous.
    const all = JSON.stringify(raws)
    for (const secret of SECRETS) expect(all).toContain(secret)
    for (const raw of raws) expectClean(withRemoteData({}, raw as object))
  })

  it('adds the redacted systemuser to a User and still passes the schema', () => {
    const raw = at(systemUsers, 0)
    const before = JSON.stringify(raw)
    const user = withRemoteData(mapUser(raw), raw)
    expect(UserSchema.parse(user)).toEqual(user)
    expect(JSON.stringify(raw)).toBe(before)
    const remote = user.remote_data
    expect(remote).toMatchObject({ _id: '65a1f0c2b7e4d90012ab34cd', username: 'jane.doe' })
    for (const key of ['public_key', 'ssh_keys', 'recoveryEmail', 'password']) {
      expect(remote).not.toHaveProperty(key)
    }
    // Facts about the password are not the password: they stay.
    expect(remote).toHaveProperty('password_expiration_date')
    // Secret attributes lose their value; ordinary ones are untouched.
    expect(remote.attributes).toEqual([
      { name: 'team', value: 'platform' },
      { name: 'startDate', value: '2021-04-12' },
      { name: 'badgeNumber', value: 4411 },
      { name: 'vpnPassword' },
      // `secret` is itself a denied key, so the flag goes too.
      { name: 'pager' },
    ])
  })

  it('returns a device as {system, insights} with secrets removed at every depth', () => {
    const system = at(systems, 0)
    const rows = insights['65b2a9e1c4d3f20011aa7788'] ?? {}
    const device = withRemoteData(
      mapDevice(system, { insights: rows }),
      deviceRemoteData(system, rows),
    )
    expect(DeviceSchema.parse(device)).toEqual(device)
    expectClean(device)
    expect(Object.keys(device.remote_data)).toEqual(['system', 'insights'])
    const remote = device.remote_data as {
      system: Record<string, unknown>
      insights: Record<string, unknown[]>
    }
    expect(remote.system).not.toHaveProperty('connectionKey')
    expect(remote.system.hostname).toBe('jane-mbp.local')
    expect(Object.keys(remote.insights).sort()).toEqual([
      'alf',
      'apps',
      'disk_encryption',
      'os_version',
      'screenlock',
      'system_info',
    ])
    expect(remote.insights.apps).toHaveLength(2)
  })

  it('redacts application config secrets but keeps its ordinary config', () => {
    const app = withRemoteData(mapApplication(at(applications, 0)), at(applications, 0))
    expectClean(app)
    const config = app.remote_data.config as Record<string, { value?: unknown }>
    expect(config.acsUrl?.value).toBe('https://acme.slack.example/sso/saml')
    expect(config).not.toHaveProperty('idpPrivateKey')
    expect(config.constantAttributes?.value).toEqual([
      { name: 'team', value: 'acme' },
      { name: 'scimBearerToken' },
    ])
  })

  it('keeps the changed field names of an event but not password values', () => {
    const event = withRemoteData(mapEvent(at(events, 4)), at(events, 4))
    expectClean(event)
    expect(event.remote_data.changes).toEqual([
      { field: 'jobTitle', from: '', to: 'Designer' },
      { field: 'password' },
      { from: 'x', to: 'y' },
    ])
  })

  it('works on organizations and groups, whose raw records hold nothing secret', () => {
    const org = withRemoteData(mapOrganization(at(organizations, 1)), at(organizations, 1))
    expect(org.remote_data).toMatchObject({ settings: { name: 'Acme Subsidiary' } })
    const group = withRemoteData(mapGroup(at(userGroups, 1)), at(userGroups, 1))
    expect(group.remote_data).toEqual(at(userGroups, 1))
    expect(withRemoteData({ id: orgId }, {})).toEqual({ id: orgId, remote_data: {} })
  })
})

describe('redact', () => {
  it('applies the deny-list by key, case and separator insensitive', () => {
    expect(
      redact({
        publicKey: 1,
        public_key: 2,
        sshKeys: 3,
        ssh_keys: 4,
        recoveryEmail: 5,
        password: 6,
        passwordDate: 7,
        userPassword: 6,
        bind_password: 6,
        passwordHash: 6,
        totp_secret: 8,
        apiKeyHash: 9,
        client_secret: 10,
        nested: [{ deep: { privateKey: 11, keep: 12 } }],
        keep: 'yes',
      }),
    ).toEqual({ passwordDate: 7, nested: [{ deep: { keep: 12 } }], keep: 'yes' })
  })

  it('keeps harmless password flags and dates (issue 19 item 3)', () => {
    const flags = {
      passwordless_sudo: false,
      password_never_expires: true,
      password_expired: false,
      password_date: '2025-01-01T00:00:00.000Z',
      password_expiration_date: '2025-04-01T00:00:00.000Z',
      external_password_expiration_date: '',
    }
    expect(redact({ ...flags, password: 'hunter2' })).toEqual(flags)
  })

  it('passes primitives and null through', () => {
    expect(redact(null)).toBeNull()
    expect(redact('x')).toBe('x')
    expect(redact([1, 'a'])).toEqual([1, 'a'])
  })
})
