import { z } from 'zod'

/** Directory regions; a key made in one region does not work in another. */
export const RegionSchema = z.enum(['us', 'eu', 'in'])

/** What a connection may do: read only, or also write through the proxy. */
export const PermissionsSchema = z.enum(['read', 'read_write'])

/**
 * How a connection authenticates to the directory: an admin's API key, or a service account's
 * OAuth client credentials (client id and secret, exchanged for short-lived access tokens).
 */
export const CredentialKindSchema = z.enum(['api_key', 'service_account']).meta({
  id: 'CredentialKind',
  description:
    "How the connection signs in to the directory: `api_key`, an admin's API key (acts with that admin's rights), or `service_account`, OAuth client credentials with their own role, exchanged for short-lived access tokens. The admin chooses in the widget; a relink may switch.",
})

/** Identifiers we mint: a short prefix, then 20 to 40 URL-safe characters. */
export const ConnectionIdSchema = z
  .string()
  .regex(/^conn_[A-Za-z0-9_-]{20,40}$/, 'must be a connection id (conn_…)')

/** Bounded so that no field can be used to stuff megabytes into a row or a log line. */
export const ShortTextSchema = z.string().trim().min(1).max(256)

export type Region = z.infer<typeof RegionSchema>
export type Permissions = z.infer<typeof PermissionsSchema>
export type CredentialKind = z.infer<typeof CredentialKindSchema>
