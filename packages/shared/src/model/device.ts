import { z } from 'zod'
import {
  NamedRefSchema,
  RefSchema,
  RemoteDataSchema,
  TimestampSchema,
  TriStateSchema,
} from './common'

export const PlatformSchema = z.enum([
  'macos',
  'windows',
  'linux',
  'ios',
  'ipados',
  'android',
  'unknown',
])

export const DiskEncryptionSchema = z.object({
  enabled: TriStateSchema,
  method: z.enum(['filevault', 'bitlocker', 'luks']).nullable(),
  collected_at: TimestampSchema.nullable(),
})

export const AntivirusSchema = z.object({
  installed: TriStateSchema,
  healthy: TriStateSchema,
  products: z.array(z.string()),
})

export const DeviceUserSchema = z.object({
  id: z.string(),
  via: z.enum(['direct', 'group']),
  local_username: z.string().nullable(),
  is_admin: TriStateSchema,
})

/**
 * How a device was enrolled in the directory's MDM: `automated` through Apple Business
 * Manager (DEP / ADE), `device` by a profile on a company device, `user` by User Enrollment
 * on a personal one.
 */
export const MdmEnrollmentSchema = z.object({
  method: z.enum(['automated', 'device', 'user']).nullable(),
  /** Supervised (company-owned, managed fully); `null` when not reported. */
  supervised: TriStateSchema,
  enrolled_at: TimestampSchema.nullable(),
})

/** `mobile` for phones and tablets (iPhone, iPad, Android), `computer` for desktops and laptops. */
export const DeviceTypeSchema = z.enum(['computer', 'mobile', 'unknown'])

/** A managed device and its security posture (`/v1/unified/mdm/devices`). */
export const DeviceSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    hostname: z.string().nullable(),
    platform: PlatformSchema,
    device_type: DeviceTypeSchema,
    os_name: z.string().nullable(),
    os_version: z.string().nullable(),
    os_build: z.string().nullable(),
    serial_number: z.string().nullable(),
    manufacturer: z.string().nullable(),
    model: z.string().nullable(),
    arch: z.string().nullable(),
    is_active: z.boolean(),
    last_seen_at: TimestampSchema.nullable(),
    created_at: TimestampSchema,
    agent_version: z.string().nullable(),
    mdm: z.object({
      enrolled: z.boolean(),
      vendor: z.string().nullable(),
      dep: TriStateSchema,
      user_approved: TriStateSchema,
      /** From the directory's own MDM records (Apple MDM, for instance); `null` when it has none. */
      enrollment: MdmEnrollmentSchema.nullable(),
    }),
    disk_encryption: DiskEncryptionSchema,
    firewall_enabled: TriStateSchema,
    antivirus: AntivirusSchema,
    screen_lock_enabled: TriStateSchema,
    auto_update_enabled: TriStateSchema,
    primary_user: RefSchema.nullable(),
    tags: z.array(z.string()),
    organization: RefSchema,
    /** Only with `expand=users`. */
    users: z.array(DeviceUserSchema).optional(),
    /** Only with `expand=groups`. */
    groups: z.array(NamedRefSchema).optional(),
    remote_data: RemoteDataSchema.optional(),
  })
  .meta({ id: 'Device' })

/** A device group (`/v1/unified/mdm/device-groups`). */
export const DeviceGroupSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    /** `null` when the directory does not say (real groups often carry no membership method). */
    membership_automated: z.boolean().nullable(),
    created_at: TimestampSchema.nullable(),
    updated_at: TimestampSchema.nullable(),
    remote_data: RemoteDataSchema.optional(),
  })
  .meta({ id: 'DeviceGroup' })

/** A piece of software seen on a device (`/v1/unified/mdm/installed-apps`). */
export const InstalledAppSchema = z
  .object({
    /** Deterministic: derived from device, source table, app id or name, and version. */
    id: z.string(),
    device: RefSchema,
    name: z.string(),
    version: z.string().nullable(),
    publisher: z.string().nullable(),
    app_id: z.string().nullable(),
    app_id_type: z.enum(['bundle_id', 'product_code', 'package']).nullable(),
    platform: PlatformSchema,
    install_path: z.string().nullable(),
    installed_date: z.string().nullable(),
    last_opened_at: TimestampSchema.nullable(),
    collected_at: TimestampSchema.nullable(),
    source_table: z.string(),
    remote_data: RemoteDataSchema.optional(),
  })
  .meta({ id: 'InstalledApp' })

export type Platform = z.infer<typeof PlatformSchema>
export type DeviceType = z.infer<typeof DeviceTypeSchema>
export type MdmEnrollment = z.infer<typeof MdmEnrollmentSchema>
export type DiskEncryption = z.infer<typeof DiskEncryptionSchema>
export type Device = z.infer<typeof DeviceSchema>
export type DeviceUser = z.infer<typeof DeviceUserSchema>
export type DeviceGroup = z.infer<typeof DeviceGroupSchema>
export type InstalledApp = z.infer<typeof InstalledAppSchema>
