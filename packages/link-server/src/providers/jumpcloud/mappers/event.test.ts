import { DirectoryEventSchema } from '@jumplink/shared'
import { describe, expect, it } from 'vitest'
import { at, events } from '../fixtures'
import { JumpcloudMappingError } from './common'
import { latestLogins, latestSsoUse, mapEvent, userAgent } from './event'

describe('mapEvent', () => {
  it('maps every field of a portal login', () => {
    const event = mapEvent(at(events, 0))
    expect(DirectoryEventSchema.parse(event)).toEqual(event)
    expect(event).toEqual({
      id: 'b7f3c2d4-1111-4a2b-9c3d-0e1f2a3b4c5d',
      type: 'user_login_attempt',
      service: 'directory',
      occurred_at: '2025-02-01T08:20:00.000Z',
      success: true,
      actor: {
        type: 'systemuser',
        id: '65a1f0c2b7e4d90012ab34cd',
        username: 'jane.doe',
        email: 'jane.doe@example.test',
      },
      target: {
        type: 'systemuser',
        id: '65a1f0c2b7e4d90012ab34cd',
        username: 'jane.doe',
        email: 'jane.doe@example.test',
      },
      application: null,
      device: null,
      client_ip: '203.0.113.9',
      geo: { country_code: 'US', region_code: 'CO' },
      user_agent: 'Chrome 126.0.6478 (Mac OS X 14.5)',
      mfa: true,
      error_message: null,
      changes: [],
    })
  })

  it('maps SSO, admin changes, LDAP and systems events', () => {
    for (const record of events) {
      const mapped = mapEvent(record)
      expect(DirectoryEventSchema.parse(mapped)).toEqual(mapped)
    }
    expect(mapEvent(at(events, 1))).toMatchObject({
      application: {
        id: '6600aa11bb22cc33dd44ee55',
        name: 'Slack (Acme workspace)',
        sso_type: 'saml',
      },
      target: { type: 'application', id: '6600aa11bb22cc33dd44ee55', username: null, email: null },
      user_agent: 'Safari 17.5 (iOS 17.5)',
      mfa: false,
    })
    expect(mapEvent(at(events, 2)).application).toEqual({
      id: '6600aa11bb22cc33dd44ee55',
      name: 'slack',
      sso_type: null,
    })
    const update = mapEvent(at(events, 4))
    expect(update.actor).toEqual({
      type: 'admin',
      id: '67d0a1b2c3d4e5f6a7b8c901',
      username: null,
      email: 'ravi.kumar@example.test',
    })
    // Field names only: values (a password here) never reach the unified event.
    expect(update.changes).toEqual([{ field: 'jobTitle' }, { field: 'password' }])
    expect(JSON.stringify(update)).not.toContain('n3wPassw0rd')
    expect(mapEvent(at(events, 5))).toMatchObject({
      service: 'ldap',
      actor: { type: 'ldap', id: null, username: 'ravi.kumar', email: null },
      device: { id: '65b2a9e1c4d3f20011aa778a', hostname: 'build-runner-01', os: 'Ubuntu' },
      geo: null,
      user_agent: null,
      mfa: null,
    })
    expect(mapEvent(at(events, 6))).toMatchObject({
      actor: { type: null, id: null, username: 'jane.doe', email: null },
      device: { id: '65b2a9e1c4d3f20011aa7788', hostname: 'jane-mbp.local', os: null },
      user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
      geo: null,
    })
  })

  it('turns nulls everywhere into nulls and an unknown success into null', () => {
    expect(mapEvent(at(events, 8))).toEqual({
      id: 'b7f3c2d4-9999-4a2b-9c3d-0e1f2a3b4c5d',
      type: 'radius_auth',
      service: 'radius',
      occurred_at: '2025-02-02T00:00:00.000Z',
      success: null,
      actor: { type: null, id: null, username: 'ravi.kumar', email: null },
      target: null,
      application: null,
      device: null,
      client_ip: null,
      geo: null,
      user_agent: null,
      mfa: null,
      error_message: null,
      changes: [],
    })
    expect(mapEvent(at(events, 3)).error_message).toBe(
      'user is not authorized to access this application',
    )
  })

  it('throws on an event without a time', () => {
    expect(() => mapEvent({ id: 'x', event_type: 'sso_auth' })).toThrow(JumpcloudMappingError)
  })

  it('formats user agents', () => {
    expect(userAgent({ name: 'Firefox', major: '127', minor: '0', patch: '' })).toBe(
      'Firefox 127.0',
    )
    expect(userAgent({ os_name: 'Ubuntu' })).toBe('Ubuntu')
    expect(userAgent({})).toBeNull()
    expect(userAgent('')).toBeNull()
  })
})

describe('derived times', () => {
  it('finds each user’s newest successful login across services', () => {
    const byUsername = new Map([['ravi.kumar', '65a1f0c2b7e4d90012ab0001']])
    const logins = latestLogins(events, byUsername)
    // Jane's failed 12:00 attempt does not count; her 09:00 SSO login does.
    expect(logins.get('65a1f0c2b7e4d90012ab34cd')).toBe('2025-02-01T09:00:00.000Z')
    // Ravi's LDAP bind only names him by username.
    expect(logins.get('65a1f0c2b7e4d90012ab0001')).toBe('2025-02-01T11:00:00.000Z')
    // An admin's change to a user is not that user's login.
    expect(logins.has('65a1f0c2b7e4d90012ab34cf')).toBe(false)
    expect(latestLogins(events).get('65a1f0c2b7e4d90012ab0001')).toBe('2025-01-20T09:00:00.000Z')
  })

  it('finds each application’s newest successful SSO login', () => {
    expect(latestSsoUse(events)).toEqual(
      new Map([['6600aa11bb22cc33dd44ee55', '2025-02-01T09:00:00.000Z']]),
    )
  })
})
