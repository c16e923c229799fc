import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import {
  UNIFIED_COLLECTIONS,
  type UnifiedCollectionName,
  type UnifiedItem,
} from '../contracts/unified'

const at = '2026-11-20T08:30:00.000Z'
const org = { id: '64b0c1d2e3f4a5b6c7d8e9f0' }

/** One valid record per collection, as a mapper would produce it. */
const samples: { [N in UnifiedCollectionName]: UnifiedItem<N> } = {
  users: {
    id: '65a1f0c2b7e4d90012ab34cd',
    username: 'jdoe',
    email: 'jane.doe@example.test',
    emails: [{ email: 'jane.doe@example.test', type: 'work', is_primary: true }],
    first_name: 'Jane',
    middle_name: null,
    last_name: 'Doe',
    display_name: 'Jane Doe',
    status: 'active',
    is_locked: false,
    is_mfa_enabled: null,
    mfa_status: 'enrolled',
    job_title: 'SRE',
    department: 'Engineering',
    cost_center: null,
    company: 'Acme',
    location: null,
    employee_number: 'E1042',
    employee_type: 'Full-time',
    manager: { id: '65a1f0c2b7e4d90012ab0001' },
    phones: [{ number: '+15550100', type: 'mobile' }],
    organization: org,
    roles: [],
    custom_attributes: { team: 'platform' },
    password_expires_at: null,
    created_at: at,
    updated_at: null,
    groups: [{ id: 'g1', name: 'Engineering' }],
    last_login_at: at,
  },
  groups: {
    id: 'g1',
    name: 'Engineering',
    description: null,
    email: null,
    group_type: 'group',
    membership_automated: false,
    created_at: null,
    updated_at: null,
  },
  groupMembers: { user: { id: 'u1' }, via: 'group' },
  organizations: { id: org.id, name: 'Acme', created_at: at },
  roles: {
    id: 'administrator-with-billing',
    name: 'Administrator With Billing',
    type: 'admin',
    description: null,
    assignee_count: 2,
  },
  employees: {
    id: 'u1',
    employee_number: null,
    username: 'jdoe',
    first_name: 'Jane',
    last_name: 'Doe',
    display_name: 'Jane Doe',
    work_email: null,
    job_title: null,
    employment_status: 'pending',
    employment_type: 'contractor',
    company: { id: 'company_acme', name: 'Acme' },
    groups: [{ id: 'department_engineering', name: 'Engineering', type: 'department' }],
    manager: null,
    work_location: { name: 'Remote' },
    phones: [],
    start_date: '2024-01-15',
    termination_date: null,
    created_at: at,
    updated_at: null,
  },
  companies: {
    id: 'company_acme',
    display_name: 'Acme',
    legal_name: null,
    employee_count: 12,
    created_at: null,
  },
  hrisGroups: { id: 'cost_center_cc-12', name: 'CC-12', type: 'cost_center', parent_group: null },
  devices: {
    id: 'd1',
    name: 'Jane’s MacBook',
    hostname: 'janes-mbp',
    platform: 'macos',
    device_type: 'computer',
    os_name: 'Mac OS X',
    os_version: '15.1',
    os_build: null,
    serial_number: 'C02XYZ',
    manufacturer: 'Apple Inc.',
    model: null,
    arch: 'arm64',
    is_active: true,
    last_seen_at: at,
    created_at: at,
    agent_version: '1.190.0',
    mdm: { enrolled: true, vendor: 'internal', dep: true, user_approved: null, enrollment: null },
    disk_encryption: { enabled: true, method: 'filevault', collected_at: null },
    firewall_enabled: null,
    antivirus: { installed: null, healthy: null, products: [] },
    screen_lock_enabled: null,
    auto_update_enabled: null,
    primary_user: { id: 'u1' },
    tags: [],
    organization: org,
    users: [{ id: 'u1', via: 'direct', local_username: 'jane', is_admin: true }],
  },
  deviceGroups: {
    id: 'dg1',
    name: 'Laptops',
    description: null,
    membership_automated: false,
    created_at: null,
    updated_at: null,
  },
  deviceGroupMembers: { device: { id: 'd1' }, via: 'direct' },
  installedApps: {
    id: 'app_1',
    device: { id: 'd1' },
    name: 'Slack',
    version: '4.41',
    publisher: null,
    app_id: 'com.tinyspeck.slackmacgap',
    app_id_type: 'bundle_id',
    platform: 'macos',
    install_path: '/Applications/Slack.app',
    installed_date: null,
    last_opened_at: at,
    collected_at: at,
    source_table: 'apps',
  },
  applications: {
    id: 'a1',
    name: 'Slack',
    catalog_name: 'slack',
    sso_type: 'saml',
    sso_url: 'https://sso.example.test/slack',
    is_active: true,
    logo_url: null,
    created_at: null,
  },
  applicationAssignments: {
    user: { id: 'u1' },
    via: 'group',
    groups: [{ id: 'g1' }],
    last_used_at: null,
  },
  events: {
    id: 'e1',
    type: 'user_login_attempt',
    service: 'directory',
    occurred_at: at,
    success: true,
    actor: { type: 'systemuser', id: 'u1', username: 'jdoe', email: null },
    target: null,
    application: null,
    device: null,
    client_ip: '203.0.113.9',
    geo: { country_code: 'US', region_code: 'CO' },
    user_agent: 'Chrome 124',
    mfa: true,
    error_message: null,
    changes: [],
  },
}

const schemaOf = (name: UnifiedCollectionName): z.ZodType => UNIFIED_COLLECTIONS[name].item
const names = Object.keys(samples) as UnifiedCollectionName[]

describe('unified model', () => {
  it.each(names)('round-trips a %s record through JSON', (name) => {
    const sample = samples[name]
    expect(schemaOf(name).parse(JSON.parse(JSON.stringify(sample)))).toEqual(sample)
  })

  it('has a sample for every collection', () => {
    expect(names.sort()).toEqual(Object.keys(UNIFIED_COLLECTIONS).sort())
  })

  it('rejects a timestamp without a UTC designator', () => {
    const user = { ...samples.users, created_at: '2026-11-20 08:30:00' }
    expect(schemaOf('users').safeParse(user).success).toBe(false)
  })

  it('rejects a security flag that is a string rather than true, false or null', () => {
    const device = { ...samples.devices, firewall_enabled: 'unknown' }
    expect(schemaOf('devices').safeParse(device).success).toBe(false)
  })

  it('rejects a status outside the model’s lowercase values', () => {
    expect(schemaOf('users').safeParse({ ...samples.users, status: 'ACTIVATED' }).success).toBe(
      false,
    )
  })

  it('rejects a reference given as a bare id', () => {
    expect(schemaOf('users').safeParse({ ...samples.users, manager: 'u2' }).success).toBe(false)
  })
})
