import { z } from 'zod'
import { TimestampSchema } from '../model/common'
import { PROVIDER_IDS } from '../providers'
import { ConnectionIdSchema, CredentialKindSchema, PermissionsSchema, RegionSchema } from './common'
import { defineEndpoint } from './endpoint'
import { EndUserSchema } from './link-sessions'

/**
 * Visible ASCII only: keys and organization ids travel in HTTP headers to the directory, where
 * anything else (NUL, CR/LF, non-ASCII) cannot be sent and must be refused as bad input here.
 */
const HEADER_SAFE = /^[\x21-\x7e]+$/

/** The directory API key as the admin pasted it; whitespace from copy and paste is trimmed. */
export const ApiKeySchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(512)
  .regex(HEADER_SAFE, 'must be printable ASCII with no spaces, as directory keys are')

/** A service account's OAuth client credentials as the admin pasted them (trimmed). */
export const ServiceAccountCredentialSchema = z
  .strictObject({
    client_id: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(256)
      .regex(HEADER_SAFE, 'must be printable ASCII with no spaces, as client ids are'),
    client_secret: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(512)
      .regex(HEADER_SAFE, 'must be printable ASCII with no spaces, as client secrets are'),
  })
  .meta({
    id: 'ServiceAccountCredential',
    description:
      "A service account's client id and client secret, sent instead of `api_key`. The link server exchanges them for access tokens at the region's token host and stores the secret encrypted, like a key.",
  })

/** Exactly one credential per request: `api_key`, or `service_account`. */
function oneCredential(
  body: { api_key?: unknown; service_account?: unknown },
  ctx: z.RefinementCtx,
) {
  const given = Number(body.api_key !== undefined) + Number(body.service_account !== undefined)
  if (given !== 1) {
    ctx.addIssue({
      code: 'custom',
      path: [],
      message:
        given === 0
          ? 'needs `api_key` or `service_account`'
          : 'takes `api_key` or `service_account`, not both',
    })
  }
}

export const LinkSessionInfoSchema = z
  .object({
    host_app: z.object({ name: z.string() }),
    provider: z.enum(PROVIDER_IDS),
    mode: z.enum(['create', 'update']),
    permissions: PermissionsSchema,
    end_user: EndUserSchema,
    /** In update mode, the connection whose key is being replaced. */
    connection: z
      .object({
        id: ConnectionIdSchema,
        organization: z.object({ id: z.string(), name: z.string().nullable() }),
        region: RegionSchema,
        /** How the connection authenticates now; a relink may keep it or switch. */
        credential_kind: CredentialKindSchema,
        /** What the connection may do now; a relink changes it only if the admin consents. */
        permissions: PermissionsSchema,
      })
      .nullable(),
    expires_at: TimestampSchema,
  })
  .meta({ id: 'LinkSessionInfo' })

export const getLinkSession = defineEndpoint({
  method: 'GET',
  path: '/v1/link/session',
  auth: 'link_token',
  summary: 'What the widget needs to draw itself',
  body: undefined,
  query: undefined,
  status: 200,
  response: LinkSessionInfoSchema,
})

export const ListOrganizationsRequestSchema = z
  .strictObject({
    /** An admin's API key; or else `service_account`. */
    api_key: ApiKeySchema.optional(),
    service_account: ServiceAccountCredentialSchema.optional(),
    region: RegionSchema,
  })
  .superRefine(oneCredential)
  .meta({ id: 'ListOrganizationsRequest' })

export const LinkOrganizationSchema = z.object({ id: z.string(), name: z.string().nullable() })

export const ListOrganizationsResponseSchema = z
  .object({ organizations: z.array(LinkOrganizationSchema) })
  .meta({ id: 'ListOrganizationsResponse' })

export const listLinkOrganizations = defineEndpoint({
  method: 'POST',
  path: '/v1/link/organizations',
  auth: 'link_token',
  summary: 'Check an API key or service account and list the organizations it can read',
  body: ListOrganizationsRequestSchema,
  query: undefined,
  status: 200,
  response: ListOrganizationsResponseSchema,
})

export const CompleteLinkRequestSchema = z
  .strictObject({
    /** An admin's API key; or else `service_account`. */
    api_key: ApiKeySchema.optional(),
    service_account: ServiceAccountCredentialSchema.optional(),
    region: RegionSchema,
    organization_id: z
      .string()
      .trim()
      .min(1)
      .max(128)
      .regex(HEADER_SAFE, 'must be printable ASCII with no spaces'),
    /**
     * The admin agreed to give the end user's existing connection to this organization the new
     * key (after a `connection_exists` answer), instead of creating a duplicate.
     */
    replace_existing: z.boolean().optional(),
    /**
     * A relink that changes the connection's permissions: the permissions the admin accepted on
     * the consent screen. Without it (or if it differs from the session's) the connection keeps
     * its permissions.
     */
    consented_permissions: PermissionsSchema.optional(),
  })
  .superRefine(oneCredential)
  .meta({ id: 'CompleteLinkRequest' })

export const CompleteLinkResponseSchema = z
  .object({
    public_token: z.string(),
    organization: LinkOrganizationSchema,
    connection_id: ConnectionIdSchema,
  })
  .meta({ id: 'CompleteLinkResponse' })

export const completeLink = defineEndpoint({
  method: 'POST',
  path: '/v1/link/complete',
  auth: 'link_token',
  summary:
    'Re-check the credential for the chosen organization, store it, and issue a public token',
  body: CompleteLinkRequestSchema,
  query: undefined,
  status: 200,
  response: CompleteLinkResponseSchema,
})

export type LinkSessionInfo = z.infer<typeof LinkSessionInfoSchema>
export type ListOrganizationsRequest = z.infer<typeof ListOrganizationsRequestSchema>
export type LinkOrganization = z.infer<typeof LinkOrganizationSchema>
export type ListOrganizationsResponse = z.infer<typeof ListOrganizationsResponseSchema>
export type CompleteLinkRequest = z.infer<typeof CompleteLinkRequestSchema>
export type CompleteLinkResponse = z.infer<typeof CompleteLinkResponseSchema>
export type ServiceAccountCredential = z.infer<typeof ServiceAccountCredentialSchema>
