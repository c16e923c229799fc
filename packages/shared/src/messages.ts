/**
 * The messages between the embed loader (in the host page) and the hosted widget page (in the
 * iframe). Every message carries `jumplink: 1` so it cannot be confused with other postMessage
 * traffic on the page. Both sides check the sender's exact origin and post to one exact target
 * origin, never `*`.
 *
 * Written without zod on purpose: the embed loader must stay a few kilobytes.
 */
import { type ErrorCode, isErrorCode } from './errors'

export const PROTOCOL_VERSION = 1

/** The widget's steps, in order. Update (relink) mode skips `consent` and `organization`. */
export const LINK_STEPS = [
  'consent',
  'instructions',
  'credentials',
  'organization',
  'done',
] as const
export type LinkStep = (typeof LINK_STEPS)[number]

export const EXIT_REASONS = ['user_closed', 'error', 'session_expired'] as const
export type ExitReason = (typeof EXIT_REASONS)[number]

/** Event names a host may rely on for analytics; new names may be added, none renamed. */
export const LINK_EVENTS = [
  'open',
  'step_view',
  'credentials_submitted',
  'organization_selected',
  'error',
  'success',
  'exit',
  // The organization chosen is already connected; then whether the admin replaced its key.
  'duplicate_found',
  'duplicate_replaced',
] as const
export type LinkEventName = (typeof LINK_EVENTS)[number]

export type LinkEventMetadata = Record<string, string | number | boolean | null>

export interface LinkErrorData {
  code: ErrorCode
  message: string
}

export interface LinkSuccessData {
  publicToken: string
  organization: { id: string; name: string | null }
  connectionId: string
}

export interface LinkExitData {
  reason: ExitReason
  step: LinkStep
  error?: LinkErrorData
}

export type Theme = 'light' | 'dark' | 'system'

/** Sent by the iframe to the host page. */
export type FrameToHostMessage =
  | { jumplink: 1; type: 'ready' }
  | { jumplink: 1; type: 'token_expired' }
  | { jumplink: 1; type: 'event'; name: LinkEventName; metadata: LinkEventMetadata }
  | { jumplink: 1; type: 'success'; data: LinkSuccessData }
  | { jumplink: 1; type: 'exit'; data: LinkExitData }
  | { jumplink: 1; type: 'resize'; height: number }

/** Sent by the host page to the iframe. The link token only ever travels this way, never in a URL. */
export type HostToFrameMessage =
  | {
      jumplink: 1
      type: 'init'
      linkToken: string
      theme?: Theme
      brandColor?: string
      locale?: string
    }
  | { jumplink: 1; type: 'token'; linkToken: string }
  | { jumplink: 1; type: 'close' }

type Guard = (value: Record<string, unknown>) => boolean

const isString = (value: unknown): value is string => typeof value === 'string'
const isOneOf =
  <T extends string>(values: readonly T[]) =>
  (value: unknown): value is T =>
    typeof value === 'string' && (values as readonly string[]).includes(value)
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isLinkError = (value: unknown): boolean =>
  isRecord(value) && isErrorCode(value.code) && isString(value.message)
const isScalar = (value: unknown): boolean =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value)

const frameGuards: Record<FrameToHostMessage['type'], Guard> = {
  ready: () => true,
  token_expired: () => true,
  event: (m) =>
    isOneOf(LINK_EVENTS)(m.name) &&
    isRecord(m.metadata) &&
    Object.values(m.metadata).every(isScalar),
  success: (m) =>
    isRecord(m.data) &&
    isString(m.data.publicToken) &&
    isString(m.data.connectionId) &&
    isRecord(m.data.organization) &&
    isString(m.data.organization.id) &&
    (m.data.organization.name === null || isString(m.data.organization.name)),
  exit: (m) =>
    isRecord(m.data) &&
    isOneOf(EXIT_REASONS)(m.data.reason) &&
    isOneOf(LINK_STEPS)(m.data.step) &&
    (m.data.error === undefined || isLinkError(m.data.error)),
  resize: (m) => typeof m.height === 'number' && Number.isFinite(m.height) && m.height >= 0,
}

const hostGuards: Record<HostToFrameMessage['type'], Guard> = {
  init: (m) =>
    isString(m.linkToken) &&
    (m.theme === undefined || isOneOf(['light', 'dark', 'system'] as const)(m.theme)) &&
    (m.brandColor === undefined || isString(m.brandColor)) &&
    (m.locale === undefined || isString(m.locale)),
  token: (m) => isString(m.linkToken),
  close: () => true,
}

function parseWith<T>(guards: Record<string, Guard>, data: unknown): T | null {
  if (!isRecord(data) || data.jumplink !== PROTOCOL_VERSION || !isString(data.type)) return null
  const guard = Object.hasOwn(guards, data.type) ? guards[data.type] : undefined
  return guard?.(data) ? (data as T) : null
}

/** The message if `data` is a well-formed frame-to-host message, else null. */
export function parseFrameMessage(data: unknown): FrameToHostMessage | null {
  return parseWith<FrameToHostMessage>(frameGuards, data)
}

/** The message if `data` is a well-formed host-to-frame message, else null. */
export function parseHostMessage(data: unknown): HostToFrameMessage | null {
  return parseWith<HostToFrameMessage>(hostGuards, data)
}
