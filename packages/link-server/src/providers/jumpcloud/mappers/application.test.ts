import { ApplicationSchema } from '@jumplink/shared'
import { describe, expect, it } from 'vitest'
import { applications, at, events } from '../fixtures'
import { mapApplication, ssoType } from './application'
import { latestSsoUse } from './event'

describe('mapApplication', () => {
  it('maps every field, with last_used from SSO events', () => {
    const lastUsed = latestSsoUse(events)
    const slack = mapApplication(at(applications, 0), {
      lastUsedAt: lastUsed.get('6600aa11bb22cc33dd44ee55') ?? null,
    })
    expect(ApplicationSchema.parse(slack)).toEqual(slack)
    expect(slack).toEqual({
      id: '6600aa11bb22cc33dd44ee55',
      name: 'Slack (Acme workspace)',
      catalog_name: 'slack',
      sso_type: 'saml',
      sso_url: 'https://sso.jumpcloud.com/saml2/slack',
      is_active: true,
      logo_url: 'https://cdn.example.invalid/app-logos/slack.png',
      created_at: '2024-02-01T00:00:00.000Z',
      // The failed 10:00 attempt does not count as a use.
      last_used_at: '2025-02-01T09:00:00.000Z',
    })
  })

  it('falls back from displayLabel to displayName to the catalog name', () => {
    const wiki = mapApplication(at(applications, 1))
    expect(ApplicationSchema.parse(wiki)).toEqual(wiki)
    expect(wiki).toEqual({
      id: '6600aa11bb22cc33dd44ee56',
      name: 'Internal Wiki',
      catalog_name: 'custom-oidc',
      sso_type: 'oidc',
      sso_url: null,
      is_active: false,
      logo_url: null,
      created_at: '2024-06-30T12:00:00.000Z',
    })
    expect(mapApplication(at(applications, 2))).toMatchObject({
      id: '6600aa11bb22cc33dd44ee57',
      name: 'Expense Portal',
      sso_type: 'other',
      is_active: false,
      created_at: null,
    })
    const bare = mapApplication(at(applications, 3), { lastUsedAt: null })
    expect(ApplicationSchema.parse(bare)).toEqual(bare)
    expect(bare).toMatchObject({ name: 'aws-sso', sso_type: null, logo_url: null })
    expect(bare.last_used_at).toBeNull()
  })

  it('normalises SSO types', () => {
    expect(ssoType('SAML')).toBe('saml')
    expect(ssoType('oidc')).toBe('oidc')
    expect(ssoType('bookmark')).toBe('other')
    expect(ssoType('')).toBeNull()
    expect(ssoType(undefined)).toBeNull()
  })
})
