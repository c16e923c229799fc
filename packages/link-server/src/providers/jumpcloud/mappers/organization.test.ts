import { OrganizationSchema } from '@jumplink/shared'
import { describe, expect, it } from 'vitest'
import { at, organizations } from '../fixtures'
import { mapOrganization } from './organization'

describe('mapOrganization', () => {
  it('maps id, name and creation time', () => {
    const org = mapOrganization(at(organizations, 0))
    expect(OrganizationSchema.parse(org)).toEqual(org)
    expect(org).toEqual({
      id: '64b0c1d2e3f4a5b6c7d8e9f0',
      name: 'Acme Corp',
      created_at: '2023-07-14T09:12:33.101Z',
    })
  })

  it('falls back to settings.name when displayName is null, and to null without created', () => {
    expect(mapOrganization(at(organizations, 1))).toEqual({
      id: '64b0c1d2e3f4a5b6c7d8e9f1',
      name: 'Acme Subsidiary',
      created_at: null,
    })
  })

  it('accepts a record with only `id` and blank strings', () => {
    const org = mapOrganization(at(organizations, 2))
    expect(OrganizationSchema.parse(org)).toEqual(org)
    expect(org).toEqual({
      id: '64b0c1d2e3f4a5b6c7d8e9f2',
      name: 'Organization 64b0c1d2e3f4a5b6c7d8e9f2',
      created_at: null,
    })
  })
})
