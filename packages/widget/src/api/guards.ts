/**
 * Tiny hand-written checks of the link API's answers. The widget imports only the contract
 * types: zod would multiply the bundle, and these few fields are all the widget reads.
 */
import type {
  CompleteLinkResponse,
  LinkOrganization,
  LinkSessionInfo,
  ListOrganizationsResponse,
} from '@jumplink/shared'
import { PROVIDERS } from '@jumplink/shared/providers'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isString = (value: unknown): value is string => typeof value === 'string'
const isRegion = (value: unknown): boolean => value === 'us' || value === 'eu' || value === 'in'

export function isOrganization(value: unknown): value is LinkOrganization {
  return isRecord(value) && isString(value.id) && (value.name === null || isString(value.name))
}

export function isLinkSessionInfo(value: unknown): value is LinkSessionInfo {
  if (!isRecord(value) || !isRecord(value.host_app) || !isString(value.host_app.name)) return false
  if (!isString(value.provider) || !Object.hasOwn(PROVIDERS, value.provider)) return false
  if (value.mode !== 'create' && value.mode !== 'update') return false
  if (value.permissions !== 'read' && value.permissions !== 'read_write') return false
  if (!isRecord(value.end_user) || !isString(value.expires_at)) return false
  const connection = value.connection
  if (connection === null) return value.mode === 'create'
  return (
    isRecord(connection) &&
    isString(connection.id) &&
    isOrganization(connection.organization) &&
    isRegion(connection.region)
  )
}

export function isListOrganizationsResponse(value: unknown): value is ListOrganizationsResponse {
  return (
    isRecord(value) &&
    Array.isArray(value.organizations) &&
    value.organizations.every(isOrganization)
  )
}

export function isCompleteLinkResponse(value: unknown): value is CompleteLinkResponse {
  return (
    isRecord(value) &&
    isString(value.public_token) &&
    isString(value.connection_id) &&
    isOrganization(value.organization)
  )
}
