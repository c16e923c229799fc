import { z } from 'zod'
import { defineEndpoint } from './endpoint'

/** A sync at most this often per connection: faster would spend the directory's rate limit. */
export const MIN_SYNC_INTERVAL_SECONDS = 60
export const DEFAULT_SYNC_INTERVAL_SECONDS = 900
/** A day: a slower schedule would leave the 30-day feed with little to say. */
export const MAX_SYNC_INTERVAL_SECONDS = 86_400

export const SyncIntervalSchema = z
  .number()
  .int()
  .min(MIN_SYNC_INTERVAL_SECONDS, {
    message: `Sync at most once a minute: at least ${MIN_SYNC_INTERVAL_SECONDS} seconds`,
  })
  .max(MAX_SYNC_INTERVAL_SECONDS, {
    message: `Sync at least once a day: at most ${MAX_SYNC_INTERVAL_SECONDS} seconds`,
  })

/** The calling host app's settings. */
export const HostAppSettingsSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    /** How often each active connection is synced for the change feed (default 900). */
    sync_interval_seconds: z.number().int(),
  })
  .meta({ id: 'HostAppSettings' })
export type HostAppSettings = z.infer<typeof HostAppSettingsSchema>

export const UpdateHostAppRequestSchema = z
  .strictObject({ sync_interval_seconds: SyncIntervalSchema.optional() })
  .meta({ id: 'UpdateHostAppRequest' })
export type UpdateHostAppRequest = z.infer<typeof UpdateHostAppRequestSchema>

export const getHostApp = defineEndpoint({
  method: 'GET',
  path: '/v1/host-app',
  auth: 'secret_key',
  summary: "Your host app's settings, among them how often connections are synced",
  body: undefined,
  query: undefined,
  status: 200,
  response: HostAppSettingsSchema,
})

export const updateHostApp = defineEndpoint({
  method: 'PATCH',
  path: '/v1/host-app',
  auth: 'secret_key',
  summary:
    'Change the sync interval of every connection of your host app (60 seconds to a day; default 900)',
  body: UpdateHostAppRequestSchema,
  query: undefined,
  status: 200,
  response: HostAppSettingsSchema,
})
