import type { DirectoryEvent, EventParty } from '@jumplink/shared'
import type { DirectoryEventRecord, EventPartyRecord } from '../records'
import { bool, isoTimestamp, requireStr, requireTimestamp, str } from './common'

function party(record: EventPartyRecord | null | undefined): EventParty | null {
  if (!record || typeof record !== 'object') return null
  const result = {
    type: str(record.type),
    id: str(record.id),
    username: str(record.username),
    email: str(record.email),
  }
  return Object.values(result).some((v) => v !== null) ? result : null
}

/** "Chrome 126.0.6478 (Mac OS X 14.5)" from DI's parsed agent; raw strings pass through. */
export function userAgent(value: DirectoryEventRecord['useragent']): string | null {
  if (typeof value === 'string') return str(value)
  if (!value || typeof value !== 'object') return null
  const version = [value.major, value.minor, value.patch].map(str).filter(Boolean).join('.')
  const browser = [str(value.name), version].filter(Boolean).join(' ')
  const osVersion = [value.os_major, value.os_minor].map(str).filter(Boolean).join('.')
  const os = [str(value.os_name) ?? str(value.os), osVersion].filter(Boolean).join(' ')
  if (browser === '') return str(os)
  return os === '' ? browser : `${browser} (${os})`
}

function device(event: DirectoryEventRecord): DirectoryEvent['device'] {
  const system = event.auth_context?.system ?? event.system
  const id = str(system?.id)
  if (!system || id === null) return null
  return { id, hostname: str(system.hostname), os: str(system.os) }
}

/** A Directory Insights event. `type` is JumpCloud's `event_type`, verbatim. */
export function mapEvent(event: DirectoryEventRecord): DirectoryEvent {
  const application = event.application
  const applicationId = str(application?.id)
  const geo = event.geoip
  const geoRef =
    geo && typeof geo === 'object'
      ? { country_code: str(geo.country_code), region_code: str(geo.region_code) }
      : null
  // Systems and RADIUS events name the account at the top level rather than in initiated_by.
  const actor = party(event.initiated_by) ?? party({ username: str(event.username) })
  return {
    id: requireStr(event.id, 'event', 'id'),
    type: requireStr(event.event_type, 'event', 'event_type'),
    service: str(event.service) ?? 'unknown',
    occurred_at: requireTimestamp(event.timestamp, 'event', 'timestamp'),
    success: bool(event.success),
    actor,
    target: party(event.resource),
    application:
      application && applicationId !== null
        ? {
            id: applicationId,
            name: str(application.display_label) ?? str(application.name),
            sso_type: str(application.sso_type),
          }
        : null,
    device: device(event),
    client_ip: str(event.client_ip),
    geo: geoRef && (geoRef.country_code || geoRef.region_code) ? geoRef : null,
    user_agent: userAgent(event.useragent),
    mfa: bool(event.mfa),
    error_message: str(event.error_message),
    changes: (event.changes ?? []).flatMap((change) => {
      const field = str(change?.field)
      return field === null ? [] : [{ field }]
    }),
  }
}

/** Event types that mean a user signed in somewhere (C5 User.last_login_at). */
export const LOGIN_EVENT_TYPES = ['user_login_attempt', 'sso_auth', 'ldap_bind', 'radius_auth']

function keepLatest(map: Map<string, string>, key: string, at: string): void {
  const seen = map.get(key)
  if (seen === undefined || at > seen) map.set(key, at)
}

/** The user an event was by: `initiated_by.id`, else its username looked up. */
function eventUserId(
  event: DirectoryEventRecord,
  userIdsByUsername?: ReadonlyMap<string, string>,
): string | null {
  const id = str(event.initiated_by?.id)
  if (id !== null) return id
  const username = str(event.initiated_by?.username) ?? str(event.username)
  return username === null ? null : (userIdsByUsername?.get(username.toLowerCase()) ?? null)
}

/**
 * user id → newest successful login, from DI events of services directory, sso, ldap and
 * radius. LDAP and RADIUS events may carry only a username: pass lowercased username → id.
 */
export function latestLogins(
  events: readonly DirectoryEventRecord[],
  userIdsByUsername?: ReadonlyMap<string, string>,
): Map<string, string> {
  const latest = new Map<string, string>()
  for (const event of events) {
    if (event.success !== true || !LOGIN_EVENT_TYPES.includes(str(event.event_type) ?? '')) continue
    const at = isoTimestamp(event.timestamp)
    const userId = eventUserId(event, userIdsByUsername)
    if (at !== null && userId !== null) keepLatest(latest, userId, at)
  }
  return latest
}

function successfulSso(event: DirectoryEventRecord): { appId: string; at: string } | null {
  if (event.success !== true || str(event.event_type) !== 'sso_auth') return null
  const appId = str(event.application?.id)
  const at = isoTimestamp(event.timestamp)
  return appId === null || at === null ? null : { appId, at }
}

/** application id → newest successful `sso_auth` (Application.last_used_at). */
export function latestSsoUse(events: readonly DirectoryEventRecord[]): Map<string, string> {
  const latest = new Map<string, string>()
  for (const event of events) {
    const sso = successfulSso(event)
    if (sso) keepLatest(latest, sso.appId, sso.at)
  }
  return latest
}

/** user id → newest successful `sso_auth` into one application (assignment last_used_at). */
export function latestSsoUseByUser(
  events: readonly DirectoryEventRecord[],
  applicationId: string,
): Map<string, string> {
  const latest = new Map<string, string>()
  for (const event of events) {
    const sso = successfulSso(event)
    const userId = str(event.initiated_by?.id)
    if (sso && sso.appId === applicationId && userId !== null) keepLatest(latest, userId, sso.at)
  }
  return latest
}
