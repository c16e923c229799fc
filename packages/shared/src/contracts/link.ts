import { z } from 'zod'
import { TimestampSchema } from '../model/common'
import { PROVIDER_IDS } from '../providers'
import { ConnectionIdSchema, PermissionsSchema, RegionSchema } from './common'
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
    api_key: ApiKeySchema,
    region: RegionSchema,
  })
  .meta({ id: 'ListOrganizationsRequest' })

export const LinkOrganizationSchema = z.object({ id: z.string(), name: z.string().nullable() })

export const ListOrganizationsResponseSchema = z
  .object({ organizations: z.array(LinkOrganizationSchema) })
  .meta({ id: 'ListOrganizationsResponse' })

export const listLinkOrganizations = defineEndpoint({
  method: 'POST',
  path: '/v1/link/organizations',
  auth: 'link_token',
  summary: 'Check an API key and list the organizations it can read',
  body: ListOrganizationsRequestSchema,
  query: undefined,
  status: 200,
  response: ListOrganizationsResponseSchema,
})

export const CompleteLinkRequestSchema = z
  .strictObject({
    api_key: ApiKeySchema,
    region: RegionSchema,
    organization_id: z
      .string()
      .trim()
      .min(1)
      .max(128)
      .regex(HEADER_SAFE, 'must be printable ASCII with no spaces'),
  })
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
  summary: 'Re-check the key for the chosen organization, store it, and issue a public token',
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
